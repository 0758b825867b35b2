/**
 * `facility-sync reconcile --month YYYY-MM [--location L] [--json]`: the month's facility totals next
 * to Xero's, read now, and the records that explain each difference (main/report/reconciliation/).
 * Exit 0 when they agree, 3 when there are differences (or records still on their way), 1 when Xero
 * could not be read (the facility's side is printed, with why).
 */
import type { Command } from 'commander';
import { kindInfo, type Reconciliation } from '../../contract';
import { displayMoney } from '../sync/kinds/existing-documents';
import { ExitCode, UsageError, type CliContext } from './context';
import { resolvePlace } from './report-commands';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function printText(r: Reconciliation, out: (line: string) => void): void {
  out(`Reconciliation for ${r.month} (${r.from} to ${r.to}), ${r.location ? r.location.name : 'all locations'}, amounts in ${r.currency}`);
  const cell = (c: number | null) => (c === null ? '-' : displayMoney(c)).padStart(14);
  out(`${''.padEnd(26)}${'Facility'.padStart(14)}${'Xero'.padStart(14)}${'Difference'.padStart(14)}`);
  for (const t of r.totals) out(`${t.label.padEnd(26)}${cell(t.facilityCents)}${cell(t.xeroCents)}${cell(t.differenceCents)}`);
  out(r.summary);
  if (r.differences.length === 0) return;
  out('');
  out(['date', 'record', 'facility id', 'Xero number', 'facility', 'Xero', 'reason'].join('\t'));
  for (const d of r.differences) {
    const money = (c: number | null) => (c === null ? '' : displayMoney(c));
    out([d.date, kindInfo(d.kind).noun, d.facilityId ?? '', d.xeroNumber ?? '', money(d.facilityCents), money(d.xeroCents), d.reason].join('\t'));
  }
}

export function registerReconcileCommand(program: Command, ctx: CliContext): void {
  program
    .command('reconcile')
    .description("a month's facility totals next to Xero's (read now), with the records that explain each difference; exit 3 when they differ")
    .requiredOption('--month <YYYY-MM>', 'the month, e.g. 2025-06')
    .option('--location <name-or-id>', 'one location')
    .option('--json', 'print JSON')
    .action(async (o: { month: string; location?: string; json?: boolean }) => {
      if (!MONTH.test(o.month)) throw new UsageError(`--month ${JSON.stringify(o.month)} is not a month: give it as YYYY-MM, like 2025-06.`);
      const { api } = await ctx.services(program);
      const { locationId } = await resolvePlace(api, o.location);
      const r = await api.getReconciliation({ month: o.month, ...(locationId ? { locationId } : {}) });
      if (o.json) ctx.out(JSON.stringify(r, null, 2));
      else printText(r, ctx.out);
      if (!r.xeroRead) {
        ctx.err(`Error: ${r.offlineReason ?? 'Xero could not be read.'}`);
        ctx.exitCode = ExitCode.Failed;
      } else if (r.differences.length > 0) ctx.exitCode = ExitCode.NotAllSynced;
    });
}
