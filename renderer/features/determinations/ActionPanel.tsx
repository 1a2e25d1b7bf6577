import { useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import type { Command } from '../../../shared/determination/transition';
import { useT, type MessageKey } from '../../i18n';
import { Region } from '../../ui/Region';
import { useSubmit } from '../../ui/useSubmit';
import type { DeterminationsRepo, DeterminationView } from '../../db/determinations.repo';
import { TextAreaField } from '../ledger/fields';
import { DetAlert } from './detUi';
import { procedureLabel, wordsFieldOf } from './detText';
import { sourceOptions } from './DraftForm';
import { TermsEditor } from './TermsEditor';
import { formFromTerms, termsFromForm, type TermsForm } from './termsForm';
import type { DeterminationData } from './useDeterminationData';

type Mode = 'change' | 'declassify' | 'resubmit' | 'correct' | null;
/** A draft opened straight from the review queue: 变更 (prefilled with the terms in force) or 解密 / 解除. */
export type StartDraft = 'change' | 'declassify';

interface ActionPanelProps {
  view: DeterminationView;
  repo: DeterminationsRepo;
  data: DeterminationData;
  onDone: () => Promise<void>;
  /** Opens this draft at once when the person may draft it now (otherwise the panel opens as usual). */
  startWith?: StartDraft | null;
}

/**
 * What this person may do with the determination now: the determiner decides a draft that is not
 * their own, or reviews a live one; the handler drafts a change or a declassification, sends back a
 * returned draft, or withdraws their own. The rules decide again when the button is pressed.
 */
export function ActionPanel({ view, repo, data, onDone, startWith = null }: ActionPanelProps) {
  const t = useT();
  const s = view.state;
  const p = s.proposal;
  const me = data.actor?.accountId ?? '';
  const roles = data.actor?.roles ?? [];
  const decides = authorize(roles, 'determination.decide').ok;
  const drafts = authorize(roles, 'determination.draft').ok;
  const mine = p?.draftedBy.includes(me) ?? false;
  const level = s.inForce?.terms.level ?? null;

  const inForce = drafts && s.status === 'live' && p === null ? s.inForce : null;
  const [mode, setMode] = useState<Mode>(inForce ? startWith : null);
  const [words, setWords] = useState('');
  const [terms, setTerms] = useState<TermsForm | null>(inForce && startWith === 'change' ? formFromTerms(inForce.terms) : null);
  const submit = useSubmit();

  const reasonLabel: MessageKey | null = mode === 'change' || p?.procedure === 'change' ? 'det.field.changeReason' : p?.procedure === 'declassify' ? 'det.field.declassifyReason' : null;
  // Which text the last command's words came from, so an empty one is asked for by its label.
  const [sentField, setSentField] = useState<MessageKey | null>(null);
  const act = (cmd: Command) => {
    setSentField(wordsFieldOf(cmd, reasonLabel));
    void submit.run(
      () => repo.act(s.id, cmd, s.seq),
      async () => {
        setMode(null);
        setWords('');
        setTerms(null);
        await onDone();
      },
    );
  };
  const open = (m: Mode, form: TermsForm | null, initialWords = '') => {
    setMode(m);
    setTerms(form);
    setWords(initialWords);
  };

  const canDecide = decides && p?.state === 'pending' && !mine;
  const canResubmit = drafts && p?.state === 'returned';
  const canWithdraw = drafts && p !== null && mine;
  const canChange = drafts && s.status === 'live' && p === null;
  const canReview = decides && s.status === 'live';
  if (!canDecide && !canResubmit && !canWithdraw && !canChange && !canReview) {
    return mine && p?.state === 'pending' ? <p className="note">{t('det.note.ownDraft')}</p> : null;
  }

  const start = s.inForce?.startDate ?? data.today;
  const editor = terms && (
    <TermsEditor
      value={terms}
      onChange={setTerms}
      catalogue={data.citable}
      people={data.people}
      sources={sourceOptions(data, s.id)}
      start={mode === 'correct' && p?.procedure === 'determine' ? data.today : start}
      allowUnclassified={false}
    />
  );
  const wordsField = (label: string) => <TextAreaField label={label} value={words} onChange={setWords} />;

  return (
    <Region title={t(canDecide ? 'det.decide.title' : 'det.actions.title')} className="panel det-actions">
      {decides && mine && p?.state === 'pending' && <p className="note">{t('det.note.ownDraft')}</p>}
      {canDecide && p && mode !== 'correct' && (
        <>
          <p className="lead">{t('det.decide.intro')}</p>
          {wordsField(t('det.field.opinion'))}
          <div className="actions">
            <button type="button" className="button-primary" disabled={submit.busy} onClick={() => act({ type: 'approve', opinion: words })}>
              {t(p.procedure === 'declassify' ? 'det.action.approveDeclassify' : 'det.action.approve')}
            </button>
            {p.procedure !== 'declassify' && (
              <button type="button" className="button-secondary" onClick={() => open('correct', formFromTerms(p.terms))}>
                {t('det.action.correct')}
              </button>
            )}
            <button type="button" className="button-secondary" disabled={submit.busy} onClick={() => act({ type: 'return', reason: words })}>
              {t('det.action.return')}
            </button>
            {p.procedure === 'determine' && (
              <button type="button" className="button-secondary" disabled={submit.busy} onClick={() => act({ type: 'notClassified', opinion: words })}>
                {t('det.action.notClassified')}
              </button>
            )}
          </div>
          <p className="field-hint">{t('det.decide.hint')}</p>
        </>
      )}
      {mode === 'correct' && terms && (
        <>
          <p className="lead">{t('det.correct.intro')}</p>
          {editor}
          {wordsField(t('det.field.opinion'))}
          <SubmitRow label={t('det.action.correctAndApprove')} busy={submit.busy} onSubmit={() => act({ type: 'correct', terms: termsFromForm(terms), opinion: words })} onCancel={() => open(null, null)} />
        </>
      )}

      {mode === null && !canDecide && (
        <div className="actions">
          {canChange && (
            <>
              <button type="button" className="button-secondary" onClick={() => s.inForce && open('change', formFromTerms(s.inForce.terms))}>
                {t('det.action.draftChange')}
              </button>
              <button type="button" className="button-secondary" onClick={() => open('declassify', null)}>
                {t('det.action.draftDeclassify', { procedure: procedureLabel('declassify', level, t) })}
              </button>
            </>
          )}
          {canResubmit && p && (
            <button type="button" className="button-primary" onClick={() => open('resubmit', p.procedure === 'declassify' ? null : formFromTerms(p.terms), p.procedure === 'determine' ? '' : p.reason)}>
              {t('det.action.revise')}
            </button>
          )}
        </div>
      )}
      {(mode === 'change' || mode === 'resubmit') && (
        <>
          {editor}
          {reasonLabel && wordsField(t(reasonLabel))}
          <SubmitRow
            label={t('det.action.submitDraft')}
            busy={submit.busy}
            onSubmit={() =>
              act(
                mode === 'change' && terms
                  ? { type: 'draftChange', terms: termsFromForm(terms), reason: words }
                  : { type: 'resubmit', ...(terms ? { terms: termsFromForm(terms) } : {}), ...(reasonLabel ? { reason: words } : {}) },
              )
            }
            onCancel={() => open(null, null)}
          />
        </>
      )}
      {mode === 'declassify' && (
        <>
          {wordsField(t('det.field.declassifyReason'))}
          <SubmitRow label={t('det.action.submitDraft')} busy={submit.busy} onSubmit={() => act({ type: 'draftDeclassify', reason: words })} onCancel={() => open(null, null)} />
        </>
      )}

      {mode === null && canWithdraw && <WithdrawOrReview kind="withdraw" busy={submit.busy} onAct={act} />}
      {mode === null && canReview && !canDecide && <WithdrawOrReview kind="review" busy={submit.busy} onAct={act} />}
      <DetAlert refusal={submit.refusal} field={sentField ? t(sentField) : undefined} />
    </Region>
  );
}

function SubmitRow({ label, busy, onSubmit, onCancel }: { label: string; busy: boolean; onSubmit: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="button" className="button-primary" disabled={busy} onClick={onSubmit}>
        {label}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t('det.cancel')}
      </button>
    </div>
  );
}

/** 撤回 (with the reason) or 定期审核 — keep as it is (with the note): one text, one button. */
function WithdrawOrReview({ kind, busy, onAct }: { kind: 'withdraw' | 'review'; busy: boolean; onAct: (cmd: Command) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  return (
    <div className="det-subaction">
      <TextAreaField label={t(kind === 'withdraw' ? 'det.field.withdrawReason' : 'det.field.reviewNote')} value={text} onChange={setText} />
      <button type="button" className="button-secondary" disabled={busy} onClick={() => onAct(kind === 'withdraw' ? { type: 'withdraw', reason: text } : { type: 'review', note: text })}>
        {t(kind === 'withdraw' ? 'det.action.withdraw' : 'det.action.review')}
      </button>
    </div>
  );
}
