/**
 * The words of a ReSync outcome (issue 17): right counts in whole sentences, one builder for the
 * report's pop-up and the CLI's `resync` (both print SyncOptionProgress.message, built here).
 * "3 payments queued for ReSync." / "3 payments are already synced: nothing to resend." /
 * "3 payments queued; they go out when Xero can be reached."
 */
import { menuPath } from '../../contract';
import { countOf, kindOfPlural } from '../../contract/record-kinds';
import type { ReportKind } from '../../contract';

/** Where the connection stands, as far as queued records are concerned. */
export type ResyncReach = 'online' | 'offline' | 'not_connected' | 'waiting_to_retry';

export interface ResyncFacts {
  kind: ReportKind;
  /** Queued by this ReSync, or already on their way (in flight): they go out. */
  queued: number;
  alreadySynced: number;
  skippedExcluded: number;
  reach: ResyncReach;
  /** The sync state's own sentence while waiting to retry ("Xero had a temporary problem; ... at 14:32."). */
  retryMessage?: string;
  /** Progress of the queued records once the engine works on them. */
  synced: number;
  failed: number;
  firstFailure?: string;
  /** Waiting for another record or the mapping, with the first one's reason. */
  waiting?: number;
  firstWaiting?: string | null;
  /** Settled without a send (excluded by the facility data, before the start date...), with the first one's reason. */
  notSent?: number;
  firstNotSent?: string | null;
}

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
const isAre = (n: number) => (n === 1 ? 'is' : 'are');

export function resyncSentence(f: ResyncFacts): string {
  const count = (n: number) => countOf(n, kindOfPlural(f.kind));
  const out: string[] = [];
  if (f.queued > 0) {
    if (f.reach === 'offline') out.push(`${count(f.queued)} queued; they go out when Xero can be reached.`);
    else if (f.reach === 'not_connected') out.push(`${count(f.queued)} queued; they go out once Facility Sync is connected to Xero (${menuPath('authenticate')}).`);
    else {
      out.push(`${count(f.queued)} queued for ReSync.`);
      if (f.reach === 'waiting_to_retry' && f.retryMessage) out.push(sentence(f.retryMessage));
      const waiting = f.waiting ?? 0;
      const notSent = f.notSent ?? 0;
      const done = f.synced + f.failed + waiting + notSent;
      const n = (x: number) => x.toLocaleString('en-US');
      if (done > 0) {
        if (f.synced === f.queued) out.push(f.queued === 1 ? 'It reached Xero.' : `All ${n(f.queued)} reached Xero.`);
        else {
          if (f.synced > 0) out.push(`${n(f.synced)} reached Xero.`);
          if (f.failed > 0) out.push(sentence(`${n(f.failed)} failed${f.firstFailure ? `: ${f.firstFailure}` : ''}`));
          if (waiting > 0) out.push(sentence(`${n(waiting)} ${isAre(waiting)} waiting${f.firstWaiting ? `: ${f.firstWaiting}` : ''}`));
          if (notSent > 0) out.push(sentence(`${n(notSent)} ${notSent === 1 ? 'was' : 'were'} not sent${f.firstNotSent ? `: ${f.firstNotSent}` : ''}`));
          const left = f.queued - done;
          if (left > 0) out.push(`${n(left)} ${isAre(left)} still being sent.`);
        }
      }
    }
  }
  if (f.alreadySynced > 0) out.push(`${count(f.alreadySynced)} ${isAre(f.alreadySynced)} already synced: nothing to resend.`);
  if (f.skippedExcluded > 0) out.push(`${count(f.skippedExcluded)} ${isAre(f.skippedExcluded)} excluded from sync and ${f.skippedExcluded === 1 ? 'was' : 'were'} skipped: choose "Include in sync" first.`);
  return out.length ? out.join(' ') : `No ${f.kind.replace('-', ' ')} to ReSync: the selection matched none.`;
}
