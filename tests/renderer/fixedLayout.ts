import { flowOf, paginate, type MeasuredBlock } from '../../shared/print/paginate';
import type { PrintDocument } from '../../shared/print/document';
import { ok, type Result } from '../../shared/result';
import type { LaidOut } from '../../renderer/features/print/layout';

/** happy-dom lays nothing out: every block and row gets a fixed height instead of a measured one. */
export function fixedLayout(doc: PrintDocument): Result<LaidOut> {
  const flow = flowOf(doc);
  const measured = flow.map((f): MeasuredBlock => (f.kind === 'atom' ? { ...f, height: 60 } : { ...f, headHeight: 20, rowHeights: f.rowLevels.map(() => 20) }));
  const pagination = paginate(measured, 900);
  return pagination.ok ? ok({ doc, flow, pagination: pagination.value }) : pagination;
}
