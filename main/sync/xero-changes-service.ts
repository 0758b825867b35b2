/**
 * The contract's checkXeroChanges (issue 16): the check for changes made in Xero on demand, from the
 * app and `facility-sync check-xero`. It waits for the sync run under way (the run checks by itself
 * after its sends), then checks whatever the interval, and lists every record changed in Xero that
 * waits for the user, in words.
 */
import type { ReportRow, XeroChangedRecord, XeroChangesCheck } from '../../contract';
import { kindInfo, RECORD_KINDS } from '../../contract/record-kinds';
import { menuPath } from '../../contract/routes';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import { loadReportDetails } from '../report/report-details';
import type { XeroApiClient } from '../xero/api-client';
import { checkXeroChanges } from './xero-changes';
import { checkFailureReason } from './xero-changes-in-run';

const LISTED = 200;

export interface XeroChangesServiceDeps {
  db: Db;
  client: XeroApiClient;
  isConnected: () => boolean;
  /** Connected, yet nothing may be read for these records (another organisation): what to say. */
  blockedReason?: () => string | null;
  /** Resolves when no sync run is under way. */
  whenIdle: () => Promise<unknown>;
  /** Called after a check that found something (the app refreshes its counts). */
  onChecked?: () => void;
  now?: () => Date;
}

/** How a record is named in messages: the tenant's name, "Invoice SYD-5001", "Payment P-9001 (SYD-5001)". */
function labelOf(r: ReportRow): string {
  if (r.kind === 'tenant') return r.tenantName;
  const noun = kindInfo(r.kind).noun;
  const head = `${noun[0]?.toUpperCase()}${noun.slice(1)}`;
  return r.kind === 'invoice' || r.kind === 'credit_note' ? `${head} ${r.reference}` : `${head} ${r.externalId} (${r.reference})`;
}

/** Every record changed in Xero that waits for the user (the first `limit`), and how many in all. */
export function listXeroChanges(db: Db, limit = LISTED): { changed: XeroChangedRecord[]; total: number } {
  const total = db.prepare("SELECT COUNT(*) FROM sync_records WHERE status = 'changed_in_xero'").pluck().get() as number;
  const changed: XeroChangedRecord[] = [];
  const ids = db.prepare("SELECT record_id FROM sync_records WHERE kind = ? AND synced = 0 AND status = 'changed_in_xero' ORDER BY record_id LIMIT ?").pluck();
  for (const { kind, plural } of RECORD_KINDS) {
    if (changed.length >= limit) break;
    const rows = loadReportDetails(db, kind, ids.all(kind, limit - changed.length) as number[]);
    for (const r of rows) {
      changed.push({
        kind: plural, id: r.id, externalId: r.externalId, label: labelOf(r), what: r.error?.explanation ?? '', fix: r.error?.fix ?? '',
        canSendOurs: r.error?.code === 'changed_in_xero',
      });
    }
  }
  return { changed, total };
}

/** "2 records were changed in Xero ...": what the check found and what waits for the user. */
function summary(found: number, total: number, since: string | null): string {
  if (since === null) return 'Nothing has been sent to Xero yet, so there is nothing to check.';
  const waiting = total > 0
    ? ` ${total === 1 ? '1 record changed in Xero waits' : `${total.toLocaleString('en-US')} records changed in Xero wait`} for you: see ${menuPath('report')} (status Changed in Xero) and choose Send ours again, Accept Xero's or Ignore.`
    : '';
  const head = found > 0 ? `${found === 1 ? '1 record was' : `${found.toLocaleString('en-US')} records were`} changed in Xero since the last check.` : 'Nothing new was changed in Xero since the last check.';
  return `${head}${waiting}`;
}

export function createXeroChangesService({ db, client, isConnected, blockedReason, whenIdle, onChecked, now = () => new Date() }: XeroChangesServiceDeps) {
  return {
    async checkXeroChanges(): Promise<XeroChangesCheck> {
      if (!isConnected()) throw new AppError('not_connected', `Facility Sync is not connected to Xero, so it cannot check for changes made there. Connect on ${menuPath('authenticate')}.`);
      const blocked = blockedReason?.();
      if (blocked) throw new AppError('conflict', blocked);
      await whenIdle();
      const checkedAt = now();
      let result;
      try {
        result = await checkXeroChanges({ db, client, now: () => checkedAt });
      } catch (err) {
        throw new AppError('xero_error', `Facility Sync could not check Xero for changes made there: ${checkFailureReason(err)}. Try again later; every sync also checks by itself.`);
      }
      const { changed, total } = listXeroChanges(db);
      if (result.changed.length > 0) onChecked?.();
      return {
        checkedAt: checkedAt.toISOString(), since: result.since, read: result.read, found: result.changed.length, changed, total,
        message: summary(result.changed.length, total, result.since),
      };
    },
  };
}
