import { Option, type Command } from 'commander';
import type { Api, ReportFilter, ReportKind, ReportStatusFilter } from '../../preload/api';
import { AppError } from '../app-error';
import type { CliContext } from './context';

const KINDS: ReportKind[] = ['tenants', 'invoices', 'payments'];
const STATUSES: ReportStatusFilter[] = ['synced', 'non-synced', 'all'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Accepts a location or building by name, external id or numeric id. */
async function resolvePlace(api: Api, location?: string, building?: string): Promise<{ locationId?: number; buildingId?: number }> {
  const out: { locationId?: number; buildingId?: number } = {};
  if (location) {
    const all = await api.listLocations();
    const l = all.find((x) => [String(x.id), x.externalId.toLowerCase(), x.name.toLowerCase()].includes(location.toLowerCase()));
    if (!l) throw new AppError('bad_request', `No location "${location}". Locations: ${all.map((x) => x.name).join(', ') || 'none (import data first)'}.`);
    out.locationId = l.id;
  }
  if (building) {
    const all = await api.listBuildings(out.locationId);
    const b = all.find((x) => [String(x.id), x.externalId.toLowerCase(), x.name.toLowerCase()].includes(building.toLowerCase()));
    if (!b) throw new AppError('bad_request', `No building "${building}"${location ? ` at ${location}` : ''}. Buildings: ${all.map((x) => x.name).join(', ') || 'none'}.`);
    out.buildingId = b.id;
  }
  return out;
}

function checkDate(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !DATE.test(value)) throw new AppError('bad_request', `--${name} must be a date like 2026-01-31.`);
  return value;
}

export function registerReportCommands(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('the Accounting Software Integration Report')
    .addOption(new Option('--search-by <kind>', 'what to list').choices(KINDS).makeOptionMandatory())
    .addOption(new Option('--status <status>', 'which records').choices(STATUSES).default('all'))
    .option('--location <name-or-id>', 'one location')
    .option('--building <name-or-id>', 'one building')
    .option('--from <date>', 'from this date (YYYY-MM-DD)')
    .option('--to <date>', 'up to this date (YYYY-MM-DD)')
    .addOption(new Option('--json', 'print JSON').conflicts('csv'))
    .option('--csv', 'print CSV')
    .action(async (o: { searchBy: ReportKind; status: ReportStatusFilter; location?: string; building?: string; from?: string; to?: string; json?: boolean; csv?: boolean }) => {
      const { api } = await ctx.services(program);
      const filter: Omit<ReportFilter, 'cursor' | 'limit'> = {
        kind: o.searchBy,
        status: o.status,
        ...(await resolvePlace(api, o.location, o.building)),
        from: checkDate(o.from, 'from'),
        to: checkDate(o.to, 'to'),
      };
      if (o.csv) {
        ctx.out((await api.exportReportCsv(filter)).csv.trimEnd());
        return;
      }
      const rows = [];
      let counts = null;
      let cursor: string | undefined;
      do {
        const page = await api.queryReport({ ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
        counts ??= page.counts;
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      if (o.json) {
        ctx.out(JSON.stringify({ filter, counts, rows }, null, 2));
        return;
      }
      for (const r of rows) {
        const record = r.kind === 'tenant' ? r.tenantName : r.reference;
        const amount = r.amountCents === null ? '' : (r.amountCents / 100).toFixed(2);
        ctx.out([r.id, r.date, record, amount, r.location, r.building ?? '', r.status, r.error?.explanation ?? ''].join('\t'));
      }
      if (counts) ctx.out(`${rows.length} ${o.searchBy}: ${counts.synced} synced, ${counts.total - counts.synced} non-synced (${counts.failed} failed, ${counts.excluded} excluded).`);
    });

  program
    .command('resync')
    .description('queue records for ReSync: by report id or external id (tenant id, invoice number, payment id), or all non-synced')
    .argument('<kind>', 'tenants | invoices | payments')
    .argument('[ids...]', 'record ids')
    .option('--all-non-synced', 'every non-synced record of this kind')
    .action(async (kind: string, ids: string[], o: { allNonSynced?: boolean }) => {
      if (!KINDS.includes(kind as ReportKind)) throw new AppError('bad_request', `Unknown kind "${kind}": use tenants, invoices or payments.`);
      if (!o.allNonSynced && ids.length === 0) throw new AppError('bad_request', 'Give the ids to ReSync, or --all-non-synced.');
      const { api } = await ctx.services(program);
      const result = await api.applySyncOption(
        o.allNonSynced
          ? { kind: kind as ReportKind, option: 'resync', allMatching: true, filter: { status: 'non-synced' } }
          : { kind: kind as ReportKind, option: 'resync', externalIds: ids },
      );
      ctx.out(result.message);
    });
}
