import { useMemo, useState } from 'react';
import { marking } from '../../../shared/ledger/classification';
import { findHeaderRow, IMPORT_FIELDS, previewImport, suggestMapping, type ColumnMapping, type ImportField, type ImportRowError } from '../../../shared/ledger/import';
import { cellText } from '../../../shared/ledger/importValues';
import type { Refusal } from '../../../shared/result';
import type { ImportOutcome, ImportProgress } from '../../db/carrierImport.repo';
import { isMessageKey, useT, type MessageKey, type Translate } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { Done, LedgerAlert, SelectField } from './fields';
import type { LedgerFile } from './importFile';
import type { LedgerServices } from './ledgerServices';
import { describeLedgerRefusal } from './ledgerText';
import type { LedgerData } from './useLedgerData';

/** How many valid rows and errors the preview lists (the import takes them all). */
const SHOWN = 100;

/** Excel's column letters: A … Z, AA … */
function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A row's problem in words: the import's own wording first, then the ledger's rules'. */
export function describeImportError(e: ImportRowError, t: Translate): string {
  const r = e.refusal;
  const field = r.params?.field;
  const own = r.code === 'IMPORT_REQUIRED' ? `imp.required.${String(field)}` : `imp.refusal.${r.code}`;
  const message = isMessageKey(own) ? t(own as MessageKey, r.params) : describeLedgerRefusal(r, t);
  return e.column ? t('imp.errors.row', { line: e.line, column: e.column, message }) : t('imp.errors.rowNoColumn', { line: e.line, message });
}

/** 导入台账: file → sheet → columns → preview with each row's problem → import with progress → result. */
export function ImportPage({ services, data }: { services: LedgerServices; data: LedgerData }) {
  const t = useT();
  const [file, setFile] = useState<LedgerFile | null>(null);
  const [sheetIndex, setSheetIndex] = useState(0);
  const [headerRow, setHeaderRow] = useState(0);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const active = useMemo(() => data.people.filter((p) => p.status === 'active'), [data.people]);
  const [custodianId, setCustodianId] = useState('');
  const [place, setPlace] = useState('');
  const [scopeNote, setScopeNote] = useState('');
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const rows = file?.sheets[sheetIndex]?.rows ?? [];
  const headers = (rows[headerRow] ?? []).map(cellText);
  const pickSheet = (f: LedgerFile, index: number) => {
    const data = f.sheets[index]?.rows ?? [];
    const h = findHeaderRow(data);
    setSheetIndex(index);
    setHeaderRow(h);
    setMapping(suggestMapping((data[h] ?? []).map(cellText)));
  };

  async function choose() {
    setRefusal(null);
    setOutcome(null);
    setReading(true);
    const r = await services.pickImportFile();
    setReading(false);
    if (!r.ok) return setRefusal(r.error);
    if (!r.value) return;
    setFile(r.value);
    // The sheet with the most rows is most likely the ledger (a first sheet is often a cover note).
    const biggest = r.value.sheets.reduce((best, s, i, all) => (s.rows.length > (all[best]?.rows.length ?? 0) ? i : best), 0);
    pickSheet(r.value, biggest);
  }

  const preview = useMemo(
    () => (file ? previewImport(rows, headerRow, mapping, data.people, { custodianId, place, scopeNote }) : null),
    [file, rows, headerRow, mapping, data.people, custodianId, place, scopeNote],
  );

  async function start() {
    if (!preview?.ok) return;
    setRefusal(null);
    setProgress({ phase: 'checking', done: 0, total: preview.value.rows.length });
    const r = await services.imports.import(preview.value.rows, setProgress);
    setProgress(null);
    if (!r.ok) return setRefusal(r.error);
    setOutcome(r.value);
    await data.reload();
  }

  const columnOptions = [{ value: '', label: t('imp.mapping.none') }, ...headers.map((h, i) => ({ value: String(i), label: t('imp.mapping.column', { letter: columnLetter(i), header: h || '—' }) }))];
  const personOptions = [{ value: '', label: t('ledger.choose') }, ...active.map((p) => ({ value: p.id, label: `${p.name}（${p.department}）` }))];
  const personName = (id: string) => data.peopleById.get(id)?.name ?? '';

  return (
    <section aria-labelledby="import-title" className="ledger-import">
      <h2 id="import-title">{t('imp.heading')}</h2>
      <p className="field-hint">{t('imp.intro')}</p>
      <div className="actions">
        <button type="button" className={file ? undefined : 'button-primary'} disabled={reading || progress !== null} onClick={() => void choose()}>
          {file ? t('imp.again') : t('imp.choose')}
        </button>
        {reading && <span role="status">{t('imp.reading')}</span>}
        {file && <span>{t('imp.file', { name: file.name })}</span>}
      </div>
      <LedgerAlert refusal={refusal} />
      {outcome && <Done>{t('imp.result', { imported: outcome.imported, numbered: outcome.numbered, duplicates: outcome.duplicates, errors: preview?.ok ? preview.value.errors.length : 0 })}</Done>}
      {file && !outcome && (
        <>
          <div className="form-grid">
            <fieldset>
              <legend>{t('imp.mapping.heading')}</legend>
              <p className="field-hint">{t('imp.mapping.hint')}</p>
              {file.sheets.length > 1 && (
                <SelectField label={t('imp.sheet')} value={String(sheetIndex)} onChange={(v) => pickSheet(file, Number(v))} options={file.sheets.map((s, i) => ({ value: String(i), label: s.name }))} />
              )}
              <SelectField
                label={t('imp.headerRow')}
                value={String(headerRow)}
                onChange={(v) => {
                  setHeaderRow(Number(v));
                  setMapping(suggestMapping((rows[Number(v)] ?? []).map(cellText)));
                }}
                options={rows.slice(0, 10).map((r, i) => ({ value: String(i), label: `${i + 1}: ${r.map(cellText).filter(Boolean).join(' | ').slice(0, 60)}` }))}
              />
              {IMPORT_FIELDS.map((f: ImportField) => (
                <SelectField
                  key={f}
                  label={t(`imp.field.${f}`)}
                  value={mapping[f] === undefined ? '' : String(mapping[f])}
                  onChange={(v) => setMapping((m) => ({ ...m, [f]: v === '' ? undefined : Number(v) }))}
                  options={columnOptions}
                />
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('imp.defaults.heading')}</legend>
              <SelectField label={t('imp.defaults.custodian')} value={custodianId} onChange={setCustodianId} options={personOptions} />
              <TextField label={t('imp.defaults.place')} value={place} onChange={setPlace} />
              <TextField label={t('imp.defaults.scope')} value={scopeNote} onChange={setScopeNote} />
            </fieldset>
          </div>
          {preview && !preview.ok && <LedgerAlert refusal={preview.error} />}
          {preview?.ok && (
            <section aria-labelledby="import-preview-title">
              <h3 id="import-preview-title">{t('imp.preview.heading')}</h3>
              <p role="status">{t('imp.preview.summary', { valid: preview.value.rows.length, errors: preview.value.errors.length, blank: preview.value.blank })}</p>
              {preview.value.rows.length > 0 && (
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('imp.preview.line')}</th>
                      <th scope="col">{t('imp.preview.registryNumber')}</th>
                      <th scope="col">{t('imp.preview.title')}</th>
                      <th scope="col">{t('imp.preview.marking')}</th>
                      <th scope="col">{t('imp.preview.custodian')}</th>
                      <th scope="col">{t('imp.preview.place')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.value.rows.slice(0, SHOWN).map((r) => (
                      <tr key={r.line}>
                        <td>{r.line}</td>
                        <td>{r.registryNumber || t('imp.preview.newNumber')}</td>
                        <td>{r.input.record.title}</td>
                        <td>{marking(r.input.record.level, r.input.record.period) || t(`ledger.level.${r.input.record.level}`)}</td>
                        <td>{personName(r.input.custodianId)}</td>
                        <td>{r.input.place}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {preview.value.rows.length > SHOWN && <p className="field-hint">{t('imp.preview.more', { shown: SHOWN, total: preview.value.rows.length })}</p>}
              {preview.value.errors.length > 0 && (
                <section aria-labelledby="import-errors-title">
                  <h4 id="import-errors-title">{t('imp.errors.heading')}</h4>
                  <ul className="import-errors">
                    {preview.value.errors.slice(0, SHOWN).map((e) => (
                      <li key={e.line} data-code={e.refusal.code}>
                        {describeImportError(e, t)}
                      </li>
                    ))}
                  </ul>
                  {preview.value.errors.length > SHOWN && <p className="field-hint">{t('imp.preview.more', { shown: SHOWN, total: preview.value.errors.length })}</p>}
                </section>
              )}
              {progress ? (
                <div className="import-progress">
                  <progress aria-label={t('imp.progress.label')} value={progress.phase === 'writing' ? undefined : progress.done} max={Math.max(progress.total, 1)} />
                  <span role="status">{t(`imp.progress.${progress.phase}`)}</span>
                </div>
              ) : (
                <div className="actions">
                  <button type="button" className="button-primary" disabled={preview.value.rows.length === 0} onClick={() => void start()}>
                    {t('imp.start', { count: preview.value.rows.length })}
                  </button>
                </div>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}
