import type { BatchEvent, BatchStatus } from '../../../shared/destruction/batch';
import { batchNumber } from '../../../shared/destruction/documents';
import type { Decommission, DeviceEvent, DeviceStatus } from '../../../shared/destruction/device';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { assertNever, type Refusal } from '../../../shared/result';
import type { DestructionEventDoc } from '../../db/destructionAccess';
import { isMessageKey, type Translate } from '../../i18n';
import { describeLedgerRefusal, type PeopleIndex } from '../ledger/ledgerText';

/** How the destruction module's codes read in the current locale. */
export const batchStatusLabel = (s: BatchStatus, t: Translate) => t(`dst.batchStatus.${s}`);
export const deviceStatusLabel = (s: DeviceStatus, t: Translate) => t(`dst.deviceStatus.${s}`);
export const modeLabel = (m: Decommission, t: Translate) => t(`dst.mode.${m}`);

/**
 * What a carrier is, for a sentence: its registry number and title, bracketed as the locale quotes
 * (2026-机-0001（会议纪要） / 2026-机-0001 “会议纪要” — no Chinese brackets inside an English sentence).
 */
export function carrierName(c: CarrierState | undefined, fallback: string, t: Translate): string {
  return c ? t('dst.carrier.named', { number: c.registryNumber, title: c.title }) : fallback;
}

/**
 * A refusal of the destruction rules as a sentence that names the carrier (by registry number and
 * title, never by id) and says what to do. Codes the ledger owns (CARRIER_ON_LOAN …) get the
 * destruction module's wording when it has one, since "cannot be destroyed" is what matters here.
 */
export function describeDestructionRefusal(r: Refusal, t: Translate, carriers: ReadonlyMap<string, CarrierState>): string {
  const p: Record<string, string | number> = { ...(r.params ?? {}) };
  const named = (id: unknown) => (typeof id === 'string' ? carrierName(carriers.get(id), t('dst.carrier.unknown'), t) : t('dst.carrier.unknown'));
  if ('carrierId' in p) p.carrier = named(p.carrierId);
  if ('diskId' in p) p.disk = named(p.diskId);
  if (typeof p.batchId === 'string') p.batch = batchNumber(p.batchId);
  if (typeof p.status === 'string') {
    const s = p.status;
    for (const prefix of ['dst.batchStatus.', 'dst.deviceStatus.', 'ledger.status.']) {
      const key = `${prefix}${s}`;
      if (isMessageKey(key)) {
        p.status = t(key);
        break;
      }
    }
  }
  const key = `dst.refusal.${r.code}`;
  if (isMessageKey(key)) return t(key, p);
  return describeLedgerRefusal({ code: r.code, params: p }, t);
}

/** One line of a batch's record. */
export function describeBatchEvent(e: BatchEvent, carriers: ReadonlyMap<string, CarrierState>, people: PeopleIndex, t: Translate): string {
  const numbers = (ids: readonly string[]) => ids.map((id) => carriers.get(id)?.registryNumber ?? '?').join(t('list.separator'));
  switch (e.type) {
    case 'requested':
      return t('dst.event.requested', { count: e.carrierIds.length, reason: e.reason });
    case 'carriersChanged':
      return t('dst.event.carriersChanged', { added: numbers(e.add) || t('dst.none'), removed: numbers(e.remove) || t('dst.none') });
    case 'counted':
      return t('dst.event.counted', { count: e.carrierIds.length });
    case 'submitted':
      return t('dst.event.submitted');
    case 'approved':
      return t('dst.event.approved', { opinion: e.opinion || t('dst.none') });
    case 'refused':
      return t('dst.event.refused', { opinion: e.opinion });
    case 'withdrawn':
      return t('dst.event.withdrawn', { reason: e.reason });
    case 'handedOver':
      return t('dst.event.handedOver', {
        body: e.body,
        on: e.on,
        escorts: e.escortIds.map((id) => people.get(id)?.name ?? '?').join(t('list.separator')),
        certificate: e.certificateNumber,
      });
    default:
      return assertNever(e);
  }
}

/** One line of a device's decommissioning record. */
export function describeDeviceEvent(e: DeviceEvent, people: PeopleIndex, t: Translate): string {
  switch (e.type) {
    case 'applied':
      return t('dst.deviceEvent.applied', { mode: modeLabel(e.mode, t), reason: e.reason });
    case 'approved':
      return t('dst.deviceEvent.approved', { opinion: e.opinion || t('dst.none') });
    case 'refused':
      return t('dst.deviceEvent.refused', { opinion: e.opinion });
    case 'erased':
      return t('dst.deviceEvent.erased', { person: people.get(e.personId)?.name ?? '?', tool: e.tool, on: e.on });
    case 'reenableRequested':
      return t('dst.deviceEvent.reenableRequested', { reason: e.reason });
    case 'reenableApproved':
      return t('dst.deviceEvent.reenableApproved', { opinion: e.opinion || t('dst.none') });
    case 'reenableRefused':
      return t('dst.deviceEvent.reenableRefused', { opinion: e.opinion });
    default:
      return assertNever(e);
  }
}

export function describeEventDoc(doc: DestructionEventDoc, carriers: ReadonlyMap<string, CarrierState>, people: PeopleIndex, t: Translate): string {
  return doc.subject === 'batch' ? describeBatchEvent(doc.event, carriers, people, t) : describeDeviceEvent(doc.event, people, t);
}
