/**
 * The check for changes made in Xero that a sync run makes after its sends (issue 16), at most every
 * 15 minutes (AUTO_CHECK_INTERVAL_MS: four paged GETs a check, and some apps get 1,000 calls a day).
 * It never fails the run: the sends are done and stored; a check that could not be made says so in
 * words and is made again at the next run (the mark it reads from does not move).
 */
import { DailyLimitError } from '../xero/rate-limiter';
import { XeroApiError } from '../xero/xero-api-error';
import { explainError } from './explain-error';
import { AUTO_CHECK_INTERVAL_MS, checkedRecently, checkXeroChanges, type XeroChangesOptions } from './xero-changes';

export type XeroCheckOutcome =
  | { ok: true; skipped?: 'too_soon' | 'nothing_linked'; changed: number }
  | { ok: false; message: string };

/** Why a check could not be made, in plain words, without a full stop. */
export function checkFailureReason(err: unknown): string {
  return err instanceof DailyLimitError
    ? 'Xero’s daily limit of API calls for this organisation is used up'
    : err instanceof XeroApiError
      ? explainError(err, 'invoice').explanation.replace(/ \(HTTP \d+\)/, '').replace(/\.$/, '')
      : err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
}

/** The run's words for a check that could not be made (the changes themselves were sent). */
export function checkFailureWords(err: unknown): string {
  const reason = checkFailureReason(err);
  return `The changes were sent, but Facility Sync could not check Xero for changes made there: ${reason}. It checks again at the next sync.`;
}

/** After the run's sends: check unless a check was made recently; never throws. */
export async function checkAfterSends(opts: XeroChangesOptions & { intervalMs?: number }): Promise<XeroCheckOutcome> {
  const now = opts.now ?? (() => new Date());
  const tenantId = opts.client.tenantId();
  if (!tenantId) return { ok: true, skipped: 'nothing_linked', changed: 0 };
  if (checkedRecently(opts.db, tenantId, now(), opts.intervalMs ?? AUTO_CHECK_INTERVAL_MS)) return { ok: true, skipped: 'too_soon', changed: 0 };
  try {
    const r = await checkXeroChanges(opts);
    return { ok: true, changed: r.changed.length, ...(r.skipped ? { skipped: r.skipped } : {}) };
  } catch (err) {
    return { ok: false, message: checkFailureWords(err) };
  }
}
