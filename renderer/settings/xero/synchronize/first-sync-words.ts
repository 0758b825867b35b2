import dayjs from 'dayjs';
import type { SyncSettings, SyncSettingsEffect } from '../../../../contract';

export type FirstSyncChange = 'confirm' | 'start-date' | 'all-history' | 'locked-period';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2025-07-01' -> '1 Jul 2025' (a calendar day: no time zone), as the sync engine words it in the report. */
export function displayDay(ymd: string): string {
  const [y, m, d] = ymd.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? ''} ${y ?? ''}`;
}

/** The day after a calendar day: the first open day after a lock date. */
export function dayAfter(ymd: string): string {
  const t = new Date(`${ymd}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** When the lock dates were read, in the user's own time zone. */
export function displayReadAt(iso: string): string {
  return dayjs(iso).format('D MMM YYYY [at] HH:mm');
}

const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

/** What a change did, from setSyncSettings' answer: how many records it queues for Xero and how many it holds. */
export function effectWords(what: FirstSyncChange, s: SyncSettings, effect: SyncSettingsEffect): string {
  const counts = [
    effect.queued ? `${records(effect.queued)} now go to Xero` : null,
    effect.held ? `${records(effect.held)} not yet in Xero ${effect.held === 1 ? 'is' : 'are'} held (not sent)` : null,
  ].filter(Boolean);
  const tail = counts.length ? ` ${counts.join('; ')}.` : ' No record changes.';
  const lock = s.lockDates?.lockDate;
  switch (what) {
    case 'confirm':
      return `Sync start date confirmed: ${displayDay(s.startDate.date ?? '')}.${tail}`;
    case 'start-date':
      return `Sync start date set to ${displayDay(s.startDate.date ?? '')}.${tail}`;
    case 'all-history':
      return `No sync start date: all history is sent.${tail}`;
    case 'locked-period':
      return s.lockedPeriod === 'hold'
        ? `Records in a locked period are held${lock ? ` until your accountant moves the lock date (${displayDay(lock)})` : ''}.${tail}`
        : `Records in a locked period are posted on the first open date${lock ? ` (${displayDay(dayAfter(lock))})` : ''}.${tail}`;
  }
}
