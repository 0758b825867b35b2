import type { Command } from 'commander';
import type { DateOrder, ImportResult } from '../../contract';
import { UsageError, type CliContext } from './context';

export function printImport(ctx: CliContext, r: ImportResult): void {
  ctx.out(`Imported: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected.`);
  for (const row of r.rejected.slice(0, 50)) ctx.out(`  ${row.file}${row.line ? ` line ${row.line}` : ''}: ${row.reason}`);
  if (r.rejected.length > 50) ctx.out(`  ... and ${r.rejected.length - 50} more.`);
  for (const f of r.files) if (f.dateOrder) ctx.out(`  ${f.file}: dates read as ${f.dateOrder === 'day-first' ? 'day/month/year' : 'month/day/year'}.`);
}

const DATE_ORDERS: Record<string, DateOrder> = { 'day-first': 'day-first', 'month-first': 'month-first' };

export function registerDataCommands(program: Command, ctx: CliContext): void {
  program
    .command('demo-data')
    .description('fill the data folder with realistic demo facility data (deterministic)')
    .option('--seed <n>', 'random seed', '1')
    .option('--if-empty', 'do nothing when facility data already exists')
    .action(async (opts: { seed: string; ifEmpty?: boolean }) => {
      const seed = Number(opts.seed);
      if (!/^\d{1,10}$/.test(opts.seed) || seed > 2 ** 31) throw new UsageError(`--seed ${JSON.stringify(opts.seed)} is not a whole number from 0 to ${2 ** 31}.`);
      const { api } = await ctx.services(program);
      if (opts.ifEmpty && (await api.listLocations()).length > 0) {
        ctx.out('Facility data already present: demo data not loaded again.');
        return;
      }
      printImport(ctx, await api.loadDemoData({ seed }));
    });

  program
    .command('import <path>')
    .description('import a CSV or Excel (.xlsx) file or a folder of exports (locations.csv to refunds.csv: tenants, invoices and their lines, payments and prepayments, credit notes, allocations, refunds; docs/csv-formats.md)')
    .option('--dates <order>', 'how dates such as 05/01/2025 are read: day-first or month-first (default: the locations\' country)')
    .action(async (target: string, opts: { dates?: string }) => {
      const dateOrder = opts.dates === undefined ? undefined : DATE_ORDERS[opts.dates];
      if (opts.dates !== undefined && !dateOrder) throw new UsageError(`--dates ${JSON.stringify(opts.dates)} is not day-first or month-first.`);
      const { api } = await ctx.services(program);
      const result = await api.importFacilityData({ path: target, ...(dateOrder ? { dateOrder } : {}) });
      printImport(ctx, result);
      if (result.rejected.length > 0) ctx.exitCode = 1;
    });
}
