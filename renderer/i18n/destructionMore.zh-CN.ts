/**
 * Issue 5's later pieces: 重新起用 of a stopped device, viewing a kept certificate scan, the paged
 * 申请销毁 list, and the print buttons for loan slips and inventory results. Spread into ./zh-CN.ts
 * (a file of their own, so that parallel work on the big catalog does not collide);
 * ./destructionMore.en.ts has the same keys.
 */
export const destructionMoreZhCN = {
  'dst.deviceStatus.reenablePending': '停用中，重新起用待审批',
  'dst.deviceStatus.reenabled': '已重新起用',
  'dst.deviceEvent.reenableRequested': '申请重新起用；理由：{reason}',
  'dst.deviceEvent.reenableApproved': '批准重新起用；意见：{opinion}',
  'dst.deviceEvent.reenableRefused': '不批准重新起用；意见：{opinion}',
  'dst.reenable.heading': '重新起用',
  'dst.reenable.intro': '已停用但尚未进行信息消除的设备，经审批后可以重新起用；已消除信息或已报废的设备不能重新起用。',
  'dst.reenable.reason': '重新起用理由',
  'dst.reenable.submit': '申请重新起用',
  'dst.reenable.decide': '审批重新起用申请',
  'dst.reenable.mine': '这是您本人提出的重新起用申请，须由其他审批人审批。',
  'dst.reenable.done': '设备已重新起用。如需再次停用或报废，请重新申请。',
  'dst.refusal.DEVICE_ERASED_NO_REENABLE': '该设备已完成信息消除，不能重新起用。',
  'dst.refusal.DEVICE_SCRAPPED_NO_REENABLE': '该设备申请的是报废，不能重新起用；只有停用的设备可以重新起用。',
  'dst.refusal.DEVICE_NOT_STOPPED': '该设备不处于已批准停用的状态（{status}），不能申请重新起用。',
  'dst.refusal.DEVICE_REENABLE_PENDING': '该设备的重新起用申请正在等待审批，请等审批后再办理。',
  'dst.refusal.DEVICE_REENABLE_NOT_PENDING': '该设备没有待审批的重新起用申请（{status}）。请刷新后查看。',

  'dst.scan.view': '查看销毁证明扫描件',
  'dst.scan.hide': '收起扫描件',
  'dst.scan.checking': '正在解密并核对扫描件…',
  'dst.scan.verified': '已核对：扫描件的 SHA-256 与移交记录一致（{sha}）。',
  'dst.scan.alt': '销毁证明扫描件 {name}',
  'dst.scan.pdf': '扫描件是 PDF 文件（{kb} KB）。本程序不在屏幕上打开 PDF，也不把扫描件写出为文件：写出的扫描件本身就是涉密载体，须按导出规定登记后才能带出。如需查看内容，请查阅纸质销毁证明。',
  'dst.scan.tiff': '扫描件是 TIFF 图像（{kb} KB），本程序不能在屏幕上显示；出于同样的原因也不把它写出为文件。如需查看内容，请查阅纸质销毁证明。',
  'dst.refusal.CERTIFICATE_SCAN_MISMATCH': '扫描件的 SHA-256 与移交记录不一致，可能已被篡改，已拒绝显示。请由安全审计员检查审计记录，并核对纸质销毁证明。',
  'dst.refusal.CERTIFICATE_SCAN_NOT_FOUND': '找不到该批次保存的销毁证明扫描件。请由安全审计员检查数据完整性。',

  'dst.new.more': '再显示 {n} 件',
  'dst.new.loadingMore': '正在读取更多载体…',
  'dst.new.page': '本单位在管载体共 {total} 件，按登记时间从新到旧显示 {shown} 件；已选 {chosen} 件。',
  'dst.new.searching': '正在查找：已检索 {scanned} / {total} 件…',
  'dst.new.searched': '找到 {shown} 件（已检索 {scanned} / {total} 件）；已选 {chosen} 件。',
  'dst.new.searchedAll': '找到 {shown} 件（已检索全部 {total} 件）；已选 {chosen} 件。',

  'ledger.loanSlip.print': '打印借阅单',
  'ledger.inventory.print': '打印清查结果',
} as const;
