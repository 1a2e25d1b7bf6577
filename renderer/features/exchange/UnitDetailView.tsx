import { useEffect, useState } from 'react';
import { BATCH_STATUSES, type BatchStatus } from '../../../shared/destruction/batch';
import { DEVICE_STATUSES, type DeviceStatus } from '../../../shared/destruction/device';
import { isLevel } from '../../../shared/ledger/classification';
import type { Refusal } from '../../../shared/result';
import type { UnitDetail } from '../../db/exchange/bureau.repo';
import { formatLocalTime, useT } from '../../i18n';
import { batchStatusLabel, deviceStatusLabel, modeLabel } from '../destruction/destructionText';
import { levelLabel, statusLabel } from '../ledger/ledgerText';
import type { ExchangeServices } from './exchangeServices';
import { algorithmLabel, countsText, shortHash } from './exchangeText';
import { ExchangeAlert, Facts, Fingerprint, ExTable } from './ui';

/** How many of a unit's carriers the screen lists at once (the rest are counted, not drawn). */
const LEDGER_ROWS = 500;

/** Batch ids are random: the first 8 characters tell them apart on screen. */
const shortId = (id: string) => (id.length > 12 ? id.slice(0, 8) : id);

/** A SHA-256 in groups of 8 hex digits, so it wraps in a narrow column and can be read against paper. */
const hexGroups = (hex: string) => (hex.match(/.{1,8}/g) ?? []).join(' ');

const byAt = (by: string | null, at: string | null, t: ReturnType<typeof useT>) => t('ex.detail.byAt', { by: by ?? '—', at: at ? formatLocalTime(at) : '—' });

function batchStatusText(s: string, t: ReturnType<typeof useT>): string {
  return (BATCH_STATUSES as readonly string[]).includes(s) ? batchStatusLabel(s as BatchStatus, t) : s;
}

function deviceStatusText(s: string, t: ReturnType<typeof useT>): string {
  return (DEVICE_STATUSES as readonly string[]).includes(s) ? deviceStatusLabel(s as DeviceStatus, t) : s;
}

function modeText(m: string, t: ReturnType<typeof useT>): string {
  return m === 'stop' || m === 'scrap' ? modeLabel(m, t) : m;
}

function statusText(s: string, t: ReturnType<typeof useT>): string {
  return ['in_custody', 'on_loan', 'taken_out', 'under_repair', 'dispatched', 'returned_to_issuer', 'destroyed'].includes(s) ? statusLabel(s as Parameters<typeof statusLabel>[0], t) : s;
}

/**
 * One unit as the bureau sees it from the bundles it imported: when it last reported, what is
 * overdue, what its last inventory did not find, which periods end soon, its destruction batches
 * (with body, escorts and certificate), what it destroyed, its devices taken out of use with their
 * erasure, and its ledger.
 */
export function UnitDetailView({ services, unitId, onBack }: { services: ExchangeServices; unitId: string; onBack: () => void }) {
  const t = useT();
  const [detail, setDetail] = useState<UnitDetail | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  useEffect(() => {
    let live = true;
    void services.bureau.unitDetail(unitId).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.value);
      else setRefusal(r.error);
    });
    return () => {
      live = false;
    };
  }, [services, unitId]);

  const back = (
    <button type="button" className="button-link" onClick={onBack}>
      {t('ex.detail.back')}
    </button>
  );
  if (!detail) {
    return (
      <section>
        {back}
        <ExchangeAlert refusal={refusal} />
        {!refusal && <p className="working">{t('ex.loading')}</p>}
      </section>
    );
  }
  const u = detail.unit;
  return (
    <section aria-labelledby="ex-unit-title">
      {back}
      <h2 id="ex-unit-title">{t('ex.detail.heading', { name: u.name, code: u.code })}</h2>
      <Facts
        items={[
          [t('ex.detail.lastBundle'), u.reporting.lastSequence === null ? t('ex.units.noBundle') : t('ex.detail.lastBundleValue', { n: u.reporting.lastSequence, at: formatLocalTime(u.reporting.lastImportedAt ?? '') })],
          [t('ex.units.coveredTo'), u.reporting.coveredTo ?? '—'],
          [
            t('ex.detail.gap'),
            u.reporting.daysSinceCovered === null ? t('ex.units.noBundle') : u.reporting.late ? t('ex.detail.gapLate', { n: u.reporting.daysSinceCovered }) : t('ex.detail.gapOk', { n: u.reporting.daysSinceCovered }),
          ],
          ...u.keys.map((k, i) => [t('ex.bureau.keyN', { n: i + 1 }), <span key={k.fingerprint}>{algorithmLabel(k.algorithm, t)} <Fingerprint text={k.fingerprintText} /></span>] as const),
        ]}
      />

      <h3>{t('ex.detail.overdue', { n: detail.overdue.length })}</h3>
      {detail.overdue.length === 0 ? (
        <p className="note">{t('ex.detail.none')}</p>
      ) : (
        <SimpleTable
          caption={t('ex.detail.overdue', { n: detail.overdue.length })}
          head={[t('ex.col.registry'), t('ex.col.title'), t('ex.col.marking'), t('ex.col.status'), t('ex.col.holder'), t('ex.col.due'), t('ex.col.daysOver')]}
          rows={detail.overdue.map((c) => [c.registryNumber, c.title, c.marking, statusText(c.status, t), c.custodianName, c.dueOn, String(c.daysOver)])}
        />
      )}

      <h3>{t('ex.detail.missing', { n: detail.missing.length })}</h3>
      {detail.missing.length === 0 ? (
        <p className="note">{t('ex.detail.none')}</p>
      ) : (
        <SimpleTable
          caption={t('ex.detail.missing', { n: detail.missing.length })}
          head={[t('ex.col.registry'), t('ex.col.title'), t('ex.col.marking'), t('ex.col.lastHolder'), t('ex.col.inventoryClosed')]}
          rows={detail.missing.map((m) => [m.registryNumber, m.title, m.marking, m.custodianName, formatLocalTime(m.inventoryClosedAt)])}
        />
      )}

      <h3>{t('ex.detail.expiring', { n: detail.expiring.length })}</h3>
      {detail.expiring.length === 0 ? (
        <p className="note">{t('ex.detail.none')}</p>
      ) : (
        <SimpleTable
          caption={t('ex.detail.expiring', { n: detail.expiring.length })}
          head={[t('ex.col.title'), t('ex.col.marking'), t('ex.col.periodEnd'), t('ex.col.daysLeft')]}
          rows={detail.expiring.map((e) => [e.title, e.marking, e.periodEnd, e.daysLeft >= 0 ? String(e.daysLeft) : t('ex.detail.ended', { n: -e.daysLeft })])}
        />
      )}

      <h3>{t('ex.detail.batches', { n: detail.batches.length })}</h3>
      {detail.batches.length === 0 ? (
        <p className="note">{detail.destructions.length > 0 ? t('ex.detail.noBatchData') : t('ex.detail.none')}</p>
      ) : (
        <SimpleTable
          caption={t('ex.detail.batches', { n: detail.batches.length })}
          head={[
            t('ex.col.batch'),
            t('ex.col.status'),
            t('ex.col.requested'),
            t('ex.col.decided'),
            t('ex.col.opinion'),
            t('ex.col.batchCarriers'),
            t('ex.col.body'),
            t('ex.col.handedOverOn'),
            t('ex.col.escorts'),
            t('ex.col.certificate'),
            t('ex.col.scanSha256'),
          ]}
          rows={detail.batches.map((b) => [
            shortId(b.id),
            batchStatusText(b.status, t),
            byAt(b.requestedBy, b.requestedAt, t),
            b.decidedBy === null ? '—' : byAt(b.decidedBy, b.decidedAt, t),
            b.opinion || '—',
            t('ex.detail.carriersOf', { n: b.carrierCount, list: b.carriers.map((c) => c.registryNumber || c.carrierId).join(t('list.separator')) }),
            b.handover?.body ?? '—',
            b.handover?.on ?? '—',
            b.handover ? b.handover.escorts.join(t('list.separator')) : '—',
            b.handover?.certificateNumber ?? '—',
            b.handover ? (b.handover.certificateSha256 ? hexGroups(b.handover.certificateSha256) : t('ex.detail.noScan')) : '—',
          ])}
        />
      )}

      <h3>{t('ex.detail.destructions', { n: detail.destructions.length })}</h3>
      {detail.destructions.length === 0 ? (
        <p className="note">{t('ex.detail.none')}</p>
      ) : (
        <SimpleTable
          caption={t('ex.detail.destructions', { n: detail.destructions.length })}
          head={[t('ex.col.registry'), t('ex.col.title'), t('ex.col.level'), t('ex.col.destroyedOn'), t('ex.col.batch'), t('ex.col.body'), t('ex.col.escorts'), t('ex.col.certificate')]}
          rows={detail.destructions.map((d) => [
            d.registryNumber,
            d.title,
            isLevel(d.level) ? levelLabel(d.level, t) : d.level,
            d.destroyedOn,
            d.batchId === null ? '—' : shortId(d.batchId),
            d.body,
            d.escorts.length > 0 ? d.escorts.join(t('list.separator')) : '—',
            d.certificateNumber,
          ])}
        />
      )}

      <h3>{t('ex.detail.decommissions', { n: detail.decommissions.length })}</h3>
      {detail.decommissions.length === 0 ? (
        <p className="note">{t('ex.detail.none')}</p>
      ) : (
        <SimpleTable
          caption={t('ex.detail.decommissions', { n: detail.decommissions.length })}
          head={[t('ex.col.registry'), t('ex.col.mode'), t('ex.col.status'), t('ex.col.applied'), t('ex.col.decided'), t('ex.col.opinion'), t('ex.col.erasure')]}
          rows={detail.decommissions.map((d) => [
            d.registryNumber,
            modeText(d.mode, t),
            deviceStatusText(d.status, t),
            byAt(d.appliedBy, d.appliedAt, t),
            d.decidedBy === null ? '—' : byAt(d.decidedBy, d.decidedAt, t),
            d.opinion || '—',
            d.erasure ? t('ex.detail.erasure', { by: d.erasure.by, tool: d.erasure.tool, on: d.erasure.on }) : '—',
          ])}
        />
      )}

      <h3>{t('ex.detail.ledger', { n: detail.carriers.length })}</h3>
      {detail.carriers.length === 0 ? (
        <p className="note">{t('ex.detail.none')}</p>
      ) : (
        <>
          <SimpleTable
            caption={t('ex.detail.ledger', { n: detail.carriers.length })}
            head={[t('ex.col.registry'), t('ex.col.title'), t('ex.col.marking'), t('ex.col.status'), t('ex.col.holder'), t('ex.col.place'), t('ex.col.updated')]}
            rows={detail.carriers.slice(0, LEDGER_ROWS).map((c) => [c.registryNumber, c.title, c.marking, statusText(c.status, t), c.custodianName, c.place, formatLocalTime(c.updatedAt)])}
          />
          {detail.carriers.length > LEDGER_ROWS && <p className="note">{t('ex.detail.more', { shown: LEDGER_ROWS, n: detail.carriers.length })}</p>}
        </>
      )}

      <h3>{t('ex.detail.imports', { n: detail.imports.length })}</h3>
      <SimpleTable
        caption={t('ex.detail.imports', { n: detail.imports.length })}
        head={[t('ex.log.sequence'), t('ex.log.period'), t('ex.log.counts'), t('ex.log.hash'), t('ex.detail.importedAt'), t('ex.log.by')]}
        rows={detail.imports.map((i) => [String(i.sequence), `${i.period.from} — ${i.period.to}`, countsText(i.counts, t), shortHash(i.manifestHash), formatLocalTime(i.importedAt), i.byName])}
      />
    </section>
  );
}

function SimpleTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <ExTable columns={head} caption={caption}>
      {rows.map((r, i) => (
        <tr key={i}>
          {r.map((c, j) => (
            <td key={j}>{c}</td>
          ))}
        </tr>
      ))}
    </ExTable>
  );
}
