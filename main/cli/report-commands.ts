import { countOf, kindOfPlural, RECORD_KIND_PLURALS } from '../../contract/record-kinds';
import { Argument, Option, type Command } from 'commander';
import type { Api, ReportFilter, ReportKind, ReportStatusFilter, SyncOption, SyncOptionProgress } from '../../contract';
import { AppError } from '../app-error';
import { isIsoDate } from '../../contract/iso-date';
import { ExitCode, UsageError, type CliContext } from './context';

const KINDS = [...RECORD_KIND_PLURALS];
const STATUSES: ReportStatusFilter[] = ['synced', 'non-synced', 'all'];

/** Accepts a location or building by name, external id or numeric id. */
export async function resolvePlace(api: Api, location?: string, building?: string): Promise<{ locationId?: number; buildingId?: number }> {
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
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${name} ${JSON.stringify(value)} is not a date: give a real date as YYYY-MM-DD, like 2026-01-31.`);
  return value;
}

function checkRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}: give the earlier date as --from.`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the sync run a ReSync started, then gives its last progress message. */
async function outcomeOf(api: Api, latest: () => SyncOptionProgress | undefined, first: SyncOptionProgress): Promise<string> {
  while ((await api.getSyncStatus()).state === 'syncing') await sleep(250);
  // The tracker tallies 200 ms after the run's last activity.
  for (let i = 0; i < 10 && !latest()?.finished; i++) await sleep(100);
  const last = latest();
  if (!last || (!last.finished && first.offline)) return first.message;
  return last.message;
}

const REVIEW_CHOICES = [
  ['useOurs', 'use_ours'], ['keepXero', 'keep_xero'], ['sendOurs', 'send_ours'], ['acceptXero', 'accept_xero'], ['ignore', 'ignore'],
] as const satisfies ReadonlyArray<readonly [string, SyncOption]>;

const HEADER = ['id', 'date', 'record', 'amount', 'location', 'building', 'status', 'failure'];

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
      const from = checkDate(o.from, 'from');
      const to = checkDate(o.to, 'to');
      checkRange(from, to);
      const { api } = await ctx.services(program);
      const filter: Omit<ReportFilter, 'cursor' | 'limit'> = {
        kind: o.searchBy,
        status: o.status,
        ...(await resolvePlace(api, o.location, o.building)),
        from,
        to,
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
      ctx.out(HEADER.join('\t'));
      for (const r of rows) {
        const record = r.kind === 'tenant' ? r.tenantName : r.reference;
        const amount = r.amountCents === null ? '' : (r.amountCents / 100).toFixed(2);
        ctx.out([r.id, r.date, record, amount, r.location, r.building ?? '', r.status, r.error?.explanation ?? ''].join('\t'));
      }
      if (counts) ctx.out(`${countOf(rows.length, kindOfPlural(o.searchBy))}: ${counts.synced} synced, ${counts.total - counts.synced} non-synced (${counts.failed} failed, ${counts.excluded} excluded).`);
    });

  program
    .command('review')
    .description("settle records found in Xero before their first send with other amounts (needs review: --use-ours, --keep-xero) or changed in Xero after it (changed in Xero: --send-ours, --accept-xero, --ignore)")
    .addArgument(new Argument('<kind>', 'what to settle').choices(KINDS))
    .argument('<ids...>', 'record ids as in the facility system (tenant id, invoice number, ...)')
    .option('--use-ours', "needs review: change Xero's copy to the facility's at the next sync")
    .option('--keep-xero', 'needs review: link the copy in Xero as it is')
    .option('--send-ours', "changed in Xero: put the facility's version back in Xero at the next sync (not possible for a voided or deleted invoice or credit note)")
    .option('--accept-xero', "changed in Xero: accept Xero's version (marked reviewed)")
    .option('--ignore', 'changed in Xero: leave it as it is in Xero (marked reviewed)')
    .action(async (kind: ReportKind, ids: string[], o: Record<'useOurs' | 'keepXero' | 'sendOurs' | 'acceptXero' | 'ignore', boolean | undefined>) => {
      const chosen = REVIEW_CHOICES.filter(([flag]) => o[flag]);
      if (chosen.length !== 1) throw new UsageError('Give one of --use-ours, --keep-xero (needs review) or --send-ours, --accept-xero, --ignore (changed in Xero).');
      const { api } = await ctx.services(program);
      const result = await api.applySyncOption({ kind, option: (chosen[0] as (typeof REVIEW_CHOICES)[number])[1], externalIds: ids });
      ctx.out(result.message);
      for (const f of result.failures) ctx.out(`  ${f.label}: ${f.explanation}`);
      // Refused (Send ours again for a void): nothing was done for those; the message says what to do.
      if (result.failed > 0) ctx.exitCode = ExitCode.Failed;
    });

  // Exclude / Include as in the report; the outcome says that an excluded record in Xero stays there.
  for (const [name, option, description] of [
    ['exclude', 'exclude', 'stop sending records to Xero (records already in Xero stay there: void or delete them in Xero to remove them)'],
    ['include', 'include', 'send excluded records to Xero again'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .addArgument(new Argument('<kind>', `what to ${name}`).choices(KINDS))
      .argument('<ids...>', 'record ids as in the facility system (tenant id, invoice number, payment id, ...)')
      .action(async (kind: ReportKind, ids: string[]) => {
        const { api } = await ctx.services(program);
        ctx.out((await api.applySyncOption({ kind, option, externalIds: ids })).message);
      });
  }

  program
    .command('resync')
    .description('queue records for ReSync: by report id or external id (tenant id, invoice number, payment id), or all non-synced')
    .addArgument(new Argument('<kind>', 'what to ReSync').choices(KINDS))
    .argument('[ids...]', 'record ids')
    .option('--all-non-synced', 'every non-synced record of this kind')
    .action(async (kind: ReportKind, ids: string[], o: { allNonSynced?: boolean }) => {
      if (!o.allNonSynced && ids.length === 0) throw new UsageError('Give the ids to ReSync, or --all-non-synced.');
      if (o.allNonSynced && ids.length > 0) throw new UsageError('Give either ids or --all-non-synced, not both.');
      const { api, events } = await ctx.services(program);
      // The same live progress the app's pop-up shows: the CLI waits for the run and prints its outcome.
      const progress = new Map<string, SyncOptionProgress>();
      const off = events.on('report:sync-option', (p) => progress.set(p.requestId, p));
      const result = await api.applySyncOption(
        o.allNonSynced
          ? { kind, option: 'resync', allMatching: true, filter: { status: 'non-synced' } }
          : { kind, option: 'resync', externalIds: ids },
      );
      try {
        ctx.out(result.finished ? result.message : await outcomeOf(api, () => progress.get(result.requestId), result));
      } finally {
        off();
      }
    });
}
