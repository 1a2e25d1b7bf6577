import { determinationRecordDocument, reviewListDocument, type PrintNames } from '../../../shared/determination/printouts';
import type { PrintDocument } from '../../../shared/print/document';
import type { DeterminationsRepo, DeterminationView } from '../../db/determinations.repo';
import type { DeterminationData } from './useDeterminationData';

/**
 * The 定密 printouts built from what the screens hold, for `usePrint()?.printTable(...)`: the shared
 * print mechanism lays them out on A4, marks every page with its highest level, keeps the PDF
 * encrypted and audits it.
 */
function namesOf(data: DeterminationData): PrintNames {
  return {
    person: (id) => data.people.find((p) => p.id === id)?.name,
    determinationTitle: (id) => data.byId.get(id)?.subject.title,
  };
}

/** 定密审批表 of one determination, with its whole record. */
export function determinationPrintout(view: DeterminationView, repo: DeterminationsRepo, data: DeterminationData): PrintDocument {
  return determinationRecordDocument({ state: view.state, records: view.records, unitName: repo.unitName(), date: repo.today(), names: namesOf(data) });
}

/** 年度定密审核清单: every live determination, with why each is due in today's queue. */
export function reviewListPrintout(repo: DeterminationsRepo, data: DeterminationData): PrintDocument {
  return reviewListDocument({ states: data.states, queue: data.review, today: data.today, unitName: repo.unitName(), date: repo.today() });
}
