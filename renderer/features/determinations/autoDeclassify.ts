import { authorize } from '../../../shared/auth/permissions';
import { ok, type Result } from '../../../shared/result';
import type { DeterminationRecord } from '../../../shared/determination/records';
import type { DeterminationsRepo } from '../../db/determinations.repo';

/**
 * 保密期限届满自动解密 at sign-in: when a 定密责任人 or 保密员 (`determination.autoDeclassify`)
 * signs in or unlocks, every live determination whose period has ended is declassified by the
 * rules, with the event on each carrier it covers (the repository records it; see
 * docs/decisions.md). Other accounts do nothing here: the ended period waits for them in the review
 * queue. The session layer runs this after unlock (renderer/session/afterUnlock.ts).
 */
export async function autoDeclassifyForSession(repo: Pick<DeterminationsRepo, 'actor' | 'runAutoDeclassification'>): Promise<Result<DeterminationRecord[]>> {
  const actor = repo.actor();
  if (!actor.ok) return actor;
  if (!authorize(actor.value.roles, 'determination.autoDeclassify').ok) return ok([]);
  return repo.runAutoDeclassification();
}
