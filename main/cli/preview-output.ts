/**
 * `facility-sync sync --dry-run`: the sync preview (contract previewSync) in plain words, or with
 * `--json` the whole preview (every record with its planned action, plus the summary).
 */
import { PREVIEW_ACTION_WORDS, PREVIEW_ACTIONS, countOf, kindInfo, type PreviewTotal, type SyncPreview } from '../../contract';
import { displayMoney } from '../sync/kinds/existing-documents';
import { displayDay } from '../sync/locked-period';
import type { CliContext } from './context';

/** Records named under "Needs review" and "Cannot send" before "and N more". */
const NAMED = 20;

export function printPreview(ctx: CliContext, p: SyncPreview): void {
  ctx.out(`Preview of the next sync${p.organisation?.name ? ` to ${p.organisation.name}` : ''}: nothing has been sent to Xero and nothing here has changed.`);
  ctx.out(`Sync start date: ${p.startDate ? displayDay(p.startDate) : 'none (all history is sent)'}. Lock date in Xero: ${p.lockDate ? displayDay(p.lockDate) : 'none'}.`);
  let any = false;
  for (const k of p.kinds) {
    const parts = PREVIEW_ACTIONS.filter((a) => k.counts[a] > 0).map((a) => `${k.counts[a].toLocaleString('en-US')} ${PREVIEW_ACTION_WORDS[a]}`);
    if (parts.length === 0) continue;
    any = true;
    const total = PREVIEW_ACTIONS.reduce((n, a) => n + k.counts[a], 0);
    ctx.out(`${countOf(total, k.kind)}:`);
    for (const part of parts) ctx.out(`  ${part}`);
  }
  if (!any) {
    ctx.out('Nothing is waiting to go to Xero.');
    return;
  }
  ctx.out(`Sending takes ${p.requests} request${p.requests === 1 ? '' : 's'} to Xero (up to 50 records each).`);
  printTotals(ctx, 'by account', p.totals.accounts);
  printTotals(ctx, 'by tax rate', p.totals.taxRates);
  printTotals(ctx, 'by tracking option', p.totals.tracking);
  for (const [action, title] of [['needs_review', 'Needs review'], ['fail', 'Cannot send']] as const) {
    const list = p.records.filter((r) => r.action === action);
    if (list.length === 0) continue;
    ctx.out(`${title}:`);
    for (const r of list.slice(0, NAMED)) ctx.out(`  ${kindInfo(r.kind).noun} ${r.reference ?? r.ref}: ${r.reason ?? ''}`);
    if (list.length > NAMED) ctx.out(`  and ${list.length - NAMED} more (facility-sync sync --dry-run --json lists them all)`);
  }
  ctx.out('To send: facility-sync sync. Every record with its planned action: facility-sync sync --dry-run --json.');
}

function printTotals(ctx: CliContext, title: string, totals: PreviewTotal[]): void {
  if (totals.length === 0) return;
  ctx.out(`Amounts to be sent ${title}:`);
  for (const t of totals) ctx.out(`  ${t.key.padEnd(28)} ${kindInfo(t.kind).label.padEnd(18)} ${displayMoney(t.amountCents).padStart(14)}  (${t.lines} line${t.lines === 1 ? '' : 's'})`);
}
