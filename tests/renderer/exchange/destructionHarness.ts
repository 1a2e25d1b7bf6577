import { DecommissionsRepo } from '../../../renderer/db/decommissions.repo';
import { DestructionRepo } from '../../../renderer/db/destruction.repo';
import { CarriersRepo } from '../../../renderer/db/carriers.repo';
import { SESSIONS } from '../ledgerVault';
import { must, office, PAPER, unitWithLedger, UNIT_INFO, type Office } from './harness';

/**
 * A unit whose destruction module has work to report (a batch of two papers, approved, ready to be
 * handed over; a scrapped hard disk, erased with the approved tool), and the bureau that registered it.
 */

export const BODY = '某市涉密载体销毁中心';
export const TOOL = '某型涉密信息消除工具 V3';
export const SCAN = new TextEncoder().encode('%PDF-1.4\n% 销毁证明扫描件\ntrailer << >>\n%%EOF\n');
export async function exportOne(unit: Office, mode: 'full' | 'delta' = 'delta') {
  const prepared = must(await unit.exchange.prepareExport(mode));
  must(await unit.exchange.recordBundle(prepared, { path: `/media/disc/${prepared.fileName}`, fileName: prepared.fileName }));
  unit.l.clock.t += 3_600_000;
  return prepared;
}

export type UnitOffice = Awaited<ReturnType<typeof unitWithLedger>>;

/** The unit with a batch of two papers approved (not yet handed over) and a scrapped, erased hard disk. */
export async function unitWithDestruction() {
  const unit = await unitWithLedger();
  const as = (s: (typeof SESSIONS)[keyof typeof SESSIONS]) => new DestructionRepo(unit.l.as(s));
  const devices = (s: (typeof SESSIONS)[keyof typeof SESSIONS]) => new DecommissionsRepo(unit.l.as(s));
  must(await as(SESSIONS.clerk).addListEntry('body', BODY));
  must(await as(SESSIONS.clerk).addListEntry('tool', TOOL));
  const carriers = new CarriersRepo(unit.clerk);
  const papers = must(await carriers.register({ record: { ...PAPER, title: '待销毁的会议纪要', copyNumber: '' }, custodianId: unit.people.clerk, place: '保密柜3号' }, { count: 2, firstCopyNumber: 1 }));
  const [disk] = must(
    await carriers.register({
      record: { ...PAPER, title: '报废硬盘', docNumber: '', copyNumber: '', level: 'confidential', details: { kind: 'hdd', serial: 'HD-9', model: 'ST500', capacity: '500GB' }, origin: { kind: 'produced', department: '办公室' } } as typeof PAPER,
      custodianId: unit.people.clerk,
      place: '保密柜3号',
    }),
  );
  const d = must(await devices(SESSIONS.handler).apply(disk!.id, 'scrap', '设备老化报废'));
  must(await devices(SESSIONS.approver).decide(d.id, 'approved', '同意报废'));
  const today = () => new Date(unit.l.clock.t + 8 * 3_600_000).toISOString().slice(0, 10);
  must(await devices(SESSIONS.clerk).recordErasure(d.id, { personId: unit.people.zhang, tool: TOOL, on: today(), note: '' }));
  const ids = papers.map((p) => p.id);
  const b = must(await as(SESSIONS.handler).request(ids, '年度集中销毁'));
  must(await as(SESSIONS.clerk).count(b.id, ids));
  must(await as(SESSIONS.clerk).submit(b.id));
  must(await as(SESSIONS.approver).decide(b.id, 'approved', '同意销毁'));
  const handOver = async () =>
    must(await as(SESSIONS.clerk).handOver(b.id, { body: BODY, on: today(), escortIds: [unit.people.clerk, unit.people.zhang], certificateNumber: 'XH-2026-0031' }, { name: '销毁证明.pdf', bytes: SCAN }));
  return { unit, batchId: b.id, papers, disk: disk!, handOver };
}

export async function bureauFor(unit: UnitOffice) {
  const bureau = await office('bureau', 9, '2026-03-12T09:00:00+08:00');
  const o = must(await unit.exchange.overview());
  const reg = must(await bureau.bureau.registerUnit({ pem: o.key!.publicKeyPem, code: UNIT_INFO.code, name: UNIT_INFO.name }));
  return { bureau, reg };
}
