/**
 * The month's totals on both sides and the records that explain every difference. Records are
 * paired by facility record (link or natural key); a pair whose amounts differ is one difference,
 * with how much it moves each total (Xero's less the facility's), so the differences add up to the
 * totals' differences exactly. What an invoice still owed at month end differs by, beyond what this
 * month's payments of it explain, goes on the invoice's own difference (or a difference of its own
 * for an invoice of an earlier month).
 */
import { SCREENS } from '../../../contract/routes';
import { kindInfo, type RecordKind } from '../../../contract/record-kinds';
import type {
  ReconciliationDifference, ReconciliationMeasure, ReconciliationTotal,
} from '../../../contract/reconciliation';
import { displayMoney } from '../../sync/kinds/existing-documents';
import { displayDay } from '../../sync/locked-period';
import type { FacilityEntry } from './facility-side';
import type { createRecordMatcher, MatchedXero } from './match-records';

export const MEASURES: Array<{ measure: ReconciliationMeasure; label: string }> = [
  { measure: 'invoiced', label: 'Invoiced' },
  { measure: 'credited', label: 'Credited' },
  { measure: 'received', label: 'Received' },
  { measure: 'refunded', label: 'Refunded' },
  { measure: 'outstanding', label: 'Outstanding at month end' },
];

/** Statuses of a record the sync will still send by itself. */
const ON_ITS_WAY = new Set(['pending', 'waiting']);
const NOT_SENT: Record<string, string> = {
  failed: 'Not in Xero: sending it failed (the integration report says why)',
  excluded: 'Not in Xero: excluded from sync here',
  before_start_date: 'Not in Xero: dated before the sync start date',
  needs_review: "Found in Xero with other amounts: waiting for Use ours or Keep Xero's",
};

interface Pair {
  measure: ReconciliationMeasure;
  kind: RecordKind;
  fac?: FacilityEntry;
  xero?: MatchedXero;
}

type Matcher = ReturnType<typeof createRecordMatcher>;

export interface CompareInput {
  range: { from: string; to: string };
  locationId: number | null;
  facility: FacilityEntry[];
  xero: MatchedXero[];
  matcher: Matcher;
  /** Records an allocation still on its way to Xero moves (FacilitySide.allocationsOnTheirWay). */
  allocationsOnTheirWay?: Set<string>;
  /** Records an allocation changed in Xero moves, with its words (FacilitySide.allocationsChangedInXero). */
  allocationsChangedInXero?: Map<string, string>;
}

/** What an allocation of a record has to say about its month-end amount: on its way, or changed in Xero. */
interface AllocationNote { onItsWay: boolean; changedInXero: string | null }

export function totalsOf(facility: FacilityEntry[], xero: MatchedXero[] | null): ReconciliationTotal[] {
  return MEASURES.map(({ measure, label }) => {
    const facilityCents = facility.filter((e) => e.measure === measure).reduce((s, e) => s + e.cents, 0);
    const xeroCents = xero ? xero.filter((e) => e.measure === measure).reduce((s, e) => s + e.cents, 0) : null;
    return { measure, label, facilityCents, xeroCents, differenceCents: xeroCents === null ? null : xeroCents - facilityCents };
  });
}

export function compareSides(input: CompareInput): ReconciliationDifference[] {
  const { range, locationId, facility, xero, matcher, allocationsOnTheirWay = new Set(), allocationsChangedInXero = new Map() } = input;
  const pairs = new Map<string, Pair>();
  // One record of one kind in one total (a record only Xero has: by its Xero id).
  const ownKey = (kind: RecordKind, recordId: number | null, xeroId: string) => `${kind}:${recordId ?? `x:${xeroId}`}`;
  for (const f of facility) pairs.set(`${f.measure}:${ownKey(f.kind, f.recordId, '')}`, { measure: f.measure, kind: f.kind, fac: f });
  for (const x of xero) {
    const key = `${x.measure}:${ownKey(x.kind, x.recordId, x.xeroId)}`;
    const pair = pairs.get(key) ?? { measure: x.measure, kind: x.kind };
    pairs.set(key, { ...pair, xero: x });
  }
  const outstanding = [...pairs.values()].filter((p) => p.measure === 'outstanding');
  const hasOutstanding = new Set(outstanding.map((p) => ownKey(p.kind, p.fac?.recordId ?? p.xero?.recordId ?? null, p.xero?.xeroId ?? '')));

  const differences: ReconciliationDifference[] = [];
  // What this month's payment and refund differences move on their document's balance at month end.
  const explainedOwed = new Map<string, number>();
  // Each record's own difference (an invoice's, a credit note's, a prepayment's), where what it owes or holds at month end goes.
  const byRecord = new Map<string, ReconciliationDifference>();
  const flows = [...pairs.values()].filter((p) => p.measure !== 'outstanding');
  for (const p of flows) {
    const delta = (p.xero?.cents ?? 0) - (p.fac?.cents ?? 0);
    if (delta === 0) continue;
    const d = difference(p, delta, range, locationId, matcher);
    const owner = p.fac?.owner ?? p.xero?.owner ?? null;
    const ownerKey = owner ? ownKey(owner.kind, owner.recordId, '') : null;
    // Money received on an invoice lowers what it owes; money refunded out of a credit lowers the credit left.
    if (ownerKey && hasOutstanding.has(ownerKey) && (p.measure === 'received' || p.measure === 'refunded')) {
      const moves = p.measure === 'received' ? -delta : delta;
      d.effect.outstanding = moves;
      explainedOwed.set(ownerKey, (explainedOwed.get(ownerKey) ?? 0) + moves);
    }
    byRecord.set(ownKey(p.kind, p.fac?.recordId ?? p.xero?.recordId ?? null, p.xero?.xeroId ?? ''), d);
    differences.push(d);
  }
  for (const p of outstanding) {
    const key = ownKey(p.kind, p.fac?.recordId ?? p.xero?.recordId ?? null, p.xero?.xeroId ?? '');
    const delta = (p.xero?.cents ?? 0) - (p.fac?.cents ?? 0) - (explainedOwed.get(key) ?? 0);
    if (delta === 0) continue;
    const own = byRecord.get(key);
    if (own) {
      own.effect.outstanding = (own.effect.outstanding ?? 0) + delta;
      continue;
    }
    const note = { onItsWay: allocationsOnTheirWay.has(key), changedInXero: allocationsChangedInXero.get(key) ?? null };
    differences.push(difference(p, delta, range, locationId, matcher, note));
  }
  return differences.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || (a.facilityId ?? a.xeroNumber ?? '').localeCompare(b.facilityId ?? b.xeroNumber ?? ''));
}

function difference(
  p: Pair, delta: number, range: { from: string; to: string }, locationId: number | null, matcher: Matcher, allocation: AllocationNote | null = null,
): ReconciliationDifference {
  const { fac, xero } = p;
  const recordId = fac?.recordId ?? xero?.recordId ?? null;
  const info = fac ?? (recordId !== null ? matcher.info(p.kind, recordId) : null);
  const { reason, waiting } = reasonFor(p, info, range, allocation);
  const foreign = !fac && xero && xero.recordId === null;
  // A payment only Xero has opens its invoice in the report (a refund its credit note or prepayment, an overpayment its tenant).
  const linkKind: RecordKind = foreign ? (xero.madeOn?.kind ?? p.kind) : p.kind;
  const date = fac?.date ?? xero?.date ?? range.from;
  // A payment only Xero has opens its document, on the document's own date.
  const linkDate = (foreign ? xero?.document?.date : info?.date) ?? date;
  return {
    kind: p.kind,
    recordId,
    facilityId: info?.facilityId ?? null,
    xeroNumber: xero?.number ?? null,
    date,
    facilityCents: fac && fac.live ? fac.cents : fac ? 0 : null,
    xeroCents: xero ? xero.cents : null,
    effect: { [p.measure]: delta },
    reason,
    category: waiting ? 'waiting' : 'difference',
    link: {
      route: SCREENS.report.route,
      filter: {
        kind: kindInfo(linkKind).plural, status: 'all',
        from: linkDate, to: linkDate,
        ...(locationId !== null ? { locationId } : {}),
      },
      search: foreign ? (xero?.document?.facilityId ?? xero?.number ?? '') : (info?.facilityId ?? xero?.number ?? ''),
    },
  };
}

interface InfoLike { date: string; syncStatus: string; syncExplanation: string | null }

function reasonFor(p: Pair, info: InfoLike | null, range: { from: string; to: string }, allocation: AllocationNote | null): { reason: string; waiting: boolean } {
  const { fac, xero, measure } = p;
  const status = info?.syncStatus ?? '';
  const onItsWay = ON_ITS_WAY.has(status);
  const noun = kindInfo(p.kind).noun;
  if (measure === 'outstanding') {
    // Credit (a credit note's, a prepayment's) counts negative in outstanding; its words say what is left of it.
    const credit = p.kind !== 'invoice';
    const owed = credit
      ? `Unapplied at month end: ${displayMoney(-(xero?.cents ?? 0))} in Xero, ${displayMoney(-(fac?.cents ?? 0))} here`
      : `Owed at month end: ${displayMoney(xero?.cents ?? 0)} in Xero, ${displayMoney(fac?.cents ?? 0)} here`;
    if (xero && !fac && xero.recordId === null) return { reason: `${owed}: a ${noun} in Xero the facility does not have`, waiting: false };
    if (onItsWay) return { reason: `${owed}; a change here has not reached Xero yet (waiting)`, waiting: true };
    if (allocation?.onItsWay) return { reason: `${owed}; credit applied here has not reached Xero yet (waiting)`, waiting: true };
    if (info?.syncExplanation && status === 'changed_in_xero') return { reason: `${owed}: ${info.syncExplanation.replace(/\.$/, '')}`, waiting: false };
    return { reason: allocation?.changedInXero ? `${owed}: ${allocation.changedInXero}` : owed, waiting: false };
  }
  if (!xero) {
    if (onItsWay || !status) return { reason: 'Not in Xero yet (waiting)', waiting: true };
    if (NOT_SENT[status]) return { reason: NOT_SENT[status], waiting: false };
    return { reason: `Not in Xero for this month: dated otherwise or deleted there`, waiting: false };
  }
  if (!fac) {
    if (xero.recordId === null) return { reason: `${capital(noun)} in Xero the facility does not have`, waiting: false };
    if (info && (info.date < range.from || info.date > range.to)) return { reason: `Dated ${displayDay(info.date)} here, ${displayDay(xero.date)} in Xero`, waiting: false };
    return { reason: `In Xero, not here`, waiting: false };
  }
  if (fac.live && !xero.live) {
    // An overpayment is taken back by deleting its bank transaction: Xero then lists it as VOIDED.
    const deleted = xero.status === 'DELETED' || (xero.status === 'VOIDED' && p.kind === 'prepayment');
    const gone = deleted ? 'Deleted in Xero' : xero.status === 'VOIDED' ? 'Voided in Xero' : `Not approved in Xero (${xero.status.toLowerCase()})`;
    // Send ours again queued it: the facility's copy goes to Xero at the next sync.
    return onItsWay ? { reason: `${gone}; the facility's goes again at the next sync (waiting)`, waiting: true } : { reason: gone, waiting: false };
  }
  const undone = p.kind === 'invoice' || p.kind === 'credit_note' ? 'Voided' : 'Reversed';
  if (!fac.live && xero.live) return onItsWay ? { reason: `${undone} here, not in Xero yet (waiting)`, waiting: true } : { reason: `${undone} here, not in Xero`, waiting: false };
  const what = p.kind === 'invoice' || p.kind === 'credit_note' ? 'Total' : 'Amount';
  const amounts = `${what} ${displayMoney(xero.cents)} in Xero, ${displayMoney(fac.cents)} here`;
  if (onItsWay) return { reason: `${amounts}: changed here, not in Xero yet (waiting)`, waiting: true };
  return { reason: `${amounts}${status === 'changed_in_xero' ? ': changed in Xero' : ''}`, waiting: false };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
