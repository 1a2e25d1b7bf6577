/**
 * The Chinese (zh-CN) messages: the primary locale and the source of the key set. Every other
 * locale must have exactly these keys (checked by the type of en.ts and by a test).
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export const zhCN = {
  'app.name': '保密台账',
  'app.loading': '正在打开数据库…',
  'app.version': '版本 {version}',
  'app.footer': '本机为涉密计算机，严禁连接互联网及其他任何网络。',
  'app.startProblem': '启动时未能完成自检：{message}',

  'locale.label': '界面语言',
  'locale.zh-CN': '中文',
  'locale.en': 'English',

  'list.separator': '、',

  'field.unitName': '单位名称',
  'field.unitCode': '单位代码',
  'field.username': '登录名',
  'field.displayName': '姓名',
  'field.password': '密码',
  'field.passwordConfirm': '确认密码',

  'setup.heading': '初始设置',
  'setup.intro': '首次使用本系统，请填写本单位信息并创建系统管理员账户。',
  'setup.progress': '第 {current} 步，共 {total} 步',
  'setup.step.unit': '单位信息',
  'setup.step.admin': '系统管理员账户',
  'setup.hint.unitName': '填写单位全称，2–60 个字。',
  'setup.hint.unitCode': '上级保密行政管理部门登记的单位代码：英文字母、数字或连字符。',
  'setup.hint.username': '3–32 位英文字母、数字或 . _ -，登录时使用。',
  'setup.hint.password': '至少 8 位，须同时包含字母和数字。',
  'setup.passwordNote':
    '该密码用于保护本机全部数据的加密密钥。请牢记并妥善保管，不得告知他人或记录在明处；密码遗失可能导致数据无法解密。',
  'setup.adminsNote':
    '按照“三员分立”要求，安全保密管理员和安全审计员账户在设置完成后由系统管理模块另行添加，三者不得由同一人兼任。',
  'setup.next': '下一步',
  'setup.back': '上一步',
  'setup.finish': '完成设置',
  'setup.working': '正在生成加密密钥…',

  'validation.unitName.required': '请填写单位名称。',
  'validation.unitCode.required': '请填写单位代码。',
  'validation.username.required': '请填写登录名。',
  'validation.displayName.required': '请填写姓名。',
  'validation.password.required': '请填写密码。',
  'validation.password.weak': '密码至少 8 位，且须同时包含字母和数字。',
  'validation.passwordConfirm.required': '请再次输入密码。',
  'validation.passwordConfirm.mismatch': '两次输入的密码不一致，请重新输入。',

  'signin.heading': '登录',
  'signin.intro': '请输入本人的登录名和密码。',
  'signin.submit': '登录',
  'signin.working': '正在验证…',

  'lock.heading': '已锁定',
  'lock.text': '{displayName}（{username}）的会话已锁定，数据已从内存中清除。请输入密码解锁。',
  'lock.submit': '解锁',
  'lock.switchUser': '切换用户',
  'lock.working': '正在验证…',

  'frame.unit': '单位：{unit}',
  'frame.user': '当前用户：{displayName}',
  'frame.lock': '锁定',
  'frame.signOut': '退出登录',
  'frame.navLabel': '功能导航',

  'nav.ledger': '载体台账',
  'nav.determinations': '定密',
  'nav.destruction': '销毁',
  'nav.exchange': '数据交换',
  'nav.audit': '审计',
  'nav.admin': '系统管理',

  'page.ledger.note':
    '本模块将在后续版本提供：涉密载体的登记、收发、传递、借阅、复制、保存、维修、携带外出、清退和销毁全过程记录，以及载体清查。',
  'page.determinations.note': '本模块将在后续版本提供：定密、变更和解密的拟定与审批记录，以及保密期限到期和定期审核提醒。',
  'page.destruction.note': '本模块将在后续版本提供：销毁申请、清点登记和审批，销毁清单与审批表打印，以及销毁证明的登记。',
  'page.exchange.note': '本模块将在后续版本提供：向上级保密行政管理部门导出签名数据包，以及导入上级下发的政策数据包。',
  'page.audit.note': '本模块将在后续版本提供：审计日志的查阅、完整性校验和导出（由安全审计员使用）。',
  'page.admin.note':
    '本模块将在后续版本提供：账户的创建与停用（系统管理员），角色分配和安全策略设置（安全保密管理员）。',

  'network.banner':
    '违规外联风险：检测到以下网络接口处于启用状态：{list}。涉密计算机严禁连接任何网络，请立即断开并报告保密办。',
  'network.interface': '{name} ({addresses})',

  'unreadable.heading': '数据库无法读取',
  'unreadable.reason.foreign': '该数据库不是本应用创建的。',
  'unreadable.reason.corrupt': '数据库已损坏或被篡改。',
  'unreadable.reason.newer': '数据库由更新版本的应用创建，当前版本无法读取。',
  'unreadable.reason.error': '打开数据库时发生错误。',
  'unreadable.detail': '详细信息：{detail}',
  'unreadable.locationLabel': '数据库位置：',
  'unreadable.locationUnknown': '（无法获取）',
  'unreadable.untouched': '本应用没有修改、删除或覆盖其中的任何数据。',
  'unreadable.action': '请勿自行删除或改动该文件夹。请报告保密办，由其核查原因，并从备份恢复数据。',

  'fatal.heading': '应用无法启动',
  'fatal.noBridge': '本页面不是由保密台账应用打开的，无法访问本机数据。请从桌面或开始菜单启动保密台账。',
  'fatal.openFailed': '打开数据库时发生错误。',

  'refusal.SETUP_INVALID_FIELD': '“{field}”填写不符合要求，请检查后重试。',
  'refusal.SETUP_INVALID_FIELD.unitName': '单位名称应为 2–60 个字，请检查后重试。',
  'refusal.SETUP_INVALID_FIELD.unitCode': '单位代码只能包含英文字母、数字或连字符（最多 32 位），请检查后重试。',
  'refusal.SETUP_INVALID_FIELD.adminUsername': '登录名应为 3–32 位英文字母、数字或 . _ -，请检查后重试。',
  'refusal.SETUP_INVALID_FIELD.adminDisplayName': '姓名应为 1–30 个字，请检查后重试。',
  'refusal.SETUP_OTHER': '初始设置信息有误（{field}），请检查后重试。',
  'refusal.STORE_ALREADY_INITIALIZED': '本机已有台账数据，不能再次进行初始设置。请重新启动应用后登录；如有疑问，请联系保密办。',
  'refusal.WRONG_CREDENTIALS': '登录名或密码错误，请检查后重新输入。',
  'refusal.WRONG_CREDENTIALS.remaining': '密码错误，还可尝试 {remaining} 次；次数用尽后账户将被锁定。',
  'refusal.WRONG_CREDENTIALS.none': '密码错误，输错次数已达上限，账户已被锁定。请稍后再试，或联系安全保密管理员。',
  'refusal.ACCOUNT_LOCKED': '密码输错次数过多，账户已被锁定。请稍后再试，或联系安全保密管理员。',
  'refusal.ACCOUNT_LOCKED.until': '密码输错次数过多，账户已被锁定至 {until}。请届时再试，或联系安全保密管理员。',
  'refusal.ACCOUNT_DISABLED': '该账户已停用，无法登录。如需恢复，请联系系统管理员。',
  'refusal.STORE_TAMPERED':
    '数据完整性校验失败：“{table}”中的记录 {id} 已被改动或损坏。请立即停止操作，报告保密办，并从备份恢复。',
  'refusal.NOT_SIGNED_IN': '登录状态已失效，请重新登录。',
  'refusal.STORE_NOT_INITIALIZED': '本机尚未完成初始设置。请重新启动应用，按提示进行初始设置。',
  'refusal.PASSWORD_WEAK': '密码强度不足：至少 {minLength} 位，且须同时包含字母和数字。',
  'refusal.IPC_BAD_PAYLOAD': '应用内部请求的格式有误，已被拒绝。请重新启动应用；如反复出现，请报告保密办。',
  'refusal.IPC_UNKNOWN_CHANNEL': '应用内部请求了不存在的功能，已被拒绝。请重新启动应用；如反复出现，请报告保密办。',
  'refusal.IPC_UNTRUSTED_SENDER': '请求来源不可信，已被拒绝。请重新启动应用；如反复出现，请报告保密办。',
  'refusal.IPC_BAD_RESPONSE': '应用内部返回了异常结果。请重新启动应用；如反复出现，请报告保密办。',
  'refusal.UNEXPECTED': '发生意外错误（{message}）。请重试；如反复出现，请报告保密办。',
  'refusal.unknown': '操作未能完成（错误代码：{code}）。请重试；如反复出现，请将错误代码报告保密办。',
};
