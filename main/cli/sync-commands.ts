import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Api, Dashboard, Mapping } from '../../contract';
import { formatCount, formatTimestamp, timeZoneNameAt } from '../../contract/display-format';
import { RECORD_KIND_PLURALS } from '../../contract/record-kinds';
import { AppError } from '../app-error';
import { ExitCode, UsageError, type CliContext } from './context';
import { printPreview } from './preview-output';

const STOPPED = new Set(['not_connected', 'reconnect_required', 'offline', 'paused']);

function printCounts(ctx: CliContext, d: Dashboard): number {
  let remaining = 0;
  // Counts with the locations' thousands separators, as the app shows them (contract/display-format.ts).
  const n = (v: number) => formatCount(v, d.format);
  for (const k of RECORD_KIND_PLURALS) {
    const c = d.counts[k];
    // Excluded and before-start-date records are not meant to go; what needs review is a question for the user.
    remaining += c.nonSynced - c.excluded - c.beforeStartDate;
    const more = [
      c.beforeStartDate ? `${n(c.beforeStartDate)} before start date` : '',
      c.needsReview ? `${n(c.needsReview)} need review` : '',
      c.changedInXero ? `${n(c.changedInXero)} changed in Xero` : '',
    ].filter(Boolean).map((s) => `, ${s}`).join('');
    ctx.out(`  ${k.padEnd(9)} ${n(c.synced)} synced, ${n(c.nonSynced)} non-synced (${n(c.waiting)} waiting, ${n(c.failed)} failed, ${n(c.excluded)} excluded${more})`);
  }
  return remaining;
}

/** "21 Nov 2026, 9:00 pm AEDT": in the locations' time zone, named, as the dashboard shows it. */
function localTime(iso: string | null, d: Dashboard): string {
  return iso ? `${formatTimestamp(iso, d.format)} ${timeZoneNameAt(iso, d.format)}` : 'never';
}

/** The first few records changed in Xero, with what changed (from the report: it reads the local mirror only). */
async function printChangedInXero(ctx: CliContext, api: Api, d: Dashboard): Promise<void> {
  for (const kind of RECORD_KIND_PLURALS) {
    if (!d.counts[kind].changedInXero) continue;
    const shown = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4 && shown.length < 5; page++) {
      const p = await api.queryReport({ kind, status: 'non-synced', limit: 500, ...(cursor ? { cursor } : {}) });
      shown.push(...p.rows.filter((r) => r.status === 'changed_in_xero'));
      cursor = p.nextCursor ?? undefined;
      if (!cursor) break;
    }
    for (const r of shown.slice(0, 5)) ctx.out(`  Changed in Xero: ${kind} ${r.externalId}: ${r.error?.explanation ?? ''} ${r.error?.fix ?? ''}`.trimEnd());
  }
  if (RECORD_KIND_PLURALS.some((k) => d.counts[k].changedInXero)) ctx.out("  Settle them with: facility-sync review <kind> <ids...> --send-ours|--accept-xero|--ignore");
}

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  program
    .command('map')
    .description('set the mapping to Xero: suggested by name, or from a JSON file')
    .option('--suggest', 'map by matching names in Xero (accounts, tax rates, tracking categories, items)')
    .option('--file <file>', 'a mapping JSON file (as printed by --print)')
    .option('--print', 'print the current mapping as JSON')
    .action(async (o: { suggest?: boolean; file?: string; print?: boolean }) => {
      if (!o.suggest && !o.file && !o.print) throw new AppError('bad_request', 'Choose --suggest, --file <file> or --print.');
      const { api } = await ctx.services(program);
      if (o.print) {
        ctx.out(JSON.stringify((await api.getMapping()).mapping, null, 2));
        return;
      }
      let mapping: Mapping;
      if (o.file) {
        try {
          mapping = JSON.parse(readFileSync(o.file, 'utf8')) as Mapping;
        } catch (e) {
          throw new AppError('bad_request', `Could not read the mapping file ${o.file}: ${(e as Error).message}. It must be JSON as printed by \`facility-sync map --print\`.`);
        }
      } else {
        const refreshed = await api.refreshReferenceData().catch((e: Error) => e);
        if (refreshed instanceof Error) {
          // Suggestions come from Xero's own lists: without them there is nothing to match against.
          if (!(await api.getReferenceData()).fetchedAt) {
            throw new AppError('not_connected', `Nothing was saved: suggestions need Xero's accounts, tax rates, categories and items, and they could not be loaded (${refreshed.message.replace(/\.$/, '')}). Connect first (facility-sync connect --client-id ID), then run map --suggest again.`);
          }
          ctx.err(`Note: Xero's lists could not be refreshed (${refreshed.message.replace(/\.$/, '')}); suggesting from the copy saved earlier.`);
        }
        mapping = (await api.suggestMapping()).mapping;
      }
      const result = await api.setMapping(mapping);
      const errors = result.issues.filter((i) => i.severity === 'error');
      ctx.out(`Mapping saved.${result.requeued ? ` ${result.requeued} records queued again.` : ''}`);
      for (const i of result.issues) ctx.out(`  ${i.severity === 'error' ? 'Problem' : 'Note'} (${[i.section, i.key].filter(Boolean).join(', ')}): ${i.message}`);
      if (errors.length) ctx.exitCode = ExitCode.Failed;
    });

  program
    .command('sync')
    .description('send waiting changes to Xero now; exit 3 if some records remain non-synced afterwards, 1 if nothing could be sent')
    .option('--wait', 'keep sending until nothing more can be sent (records that back off after a failure are tried again)')
    .option('--dry-run', 'send nothing: show what the next sync would do (reads Xero to find what it already holds)')
    .option('--json', 'with --dry-run: every record with its planned action, and the summary, as JSON')
    .action(async (o: { wait?: boolean; dryRun?: boolean; json?: boolean }) => {
      if (o.json && !o.dryRun) throw new UsageError('--json goes with --dry-run (facility-sync sync --dry-run --json).');
      if (o.dryRun && o.wait) throw new UsageError('--wait sends; --dry-run sends nothing: choose one.');
      const { api } = await ctx.services(program);
      if (o.dryRun) {
        const preview = await api.previewSync();
        if (o.json) ctx.out(JSON.stringify(preview, null, 2));
        else printPreview(ctx, preview);
        return;
      }
      let status = await api.syncNow();
      if (o.wait) {
        // Runs until a run changes nothing more (everything sent, or only failures and waits left).
        for (let last = -1, rounds = 0; rounds < 1000; rounds++) {
          while (status.state === 'syncing') {
            await new Promise((r) => setTimeout(r, 250));
            status = await api.getSyncStatus();
          }
          const waiting = status.waiting.tenant + status.waiting.invoice + status.waiting.payment;
          if (waiting === 0 || waiting === last || status.state !== 'idle') break;
          last = waiting;
          status = await api.syncNow();
        }
      }
      ctx.out(status.message || (status.state === 'idle' ? 'Sync finished.' : `Sync ${status.state}.`));
      const remaining = printCounts(ctx, await api.getDashboard());
      // Nothing could be sent (not connected, offline, paused): a failure, with the message above.
      if (STOPPED.has(status.state)) ctx.exitCode = ExitCode.Failed;
      else if (remaining > 0) ctx.exitCode = ExitCode.NotAllSynced;
    });

  program
    .command('status')
    .description('connection, sync state and counts per kind')
    .action(async () => {
      const { api } = await ctx.services(program);
      const d = await api.getDashboard();
      const c = d.connection;
      ctx.out(`Xero: ${c.state}${c.organisation ? ` (${c.organisation.name})` : ''}`);
      ctx.out(`Sync: ${d.sync.message || d.sync.state} (last sync: ${localTime(d.sync.lastSyncAt, d)})`);
      printCounts(ctx, d);
      for (const f of d.recentFailures.slice(0, 5)) ctx.out(`  Failed${f.at ? ` ${localTime(f.at, d)}` : ''}: ${f.label}: ${f.explanation} Fix: ${f.fix}`);
      await printChangedInXero(ctx, api, d);
    });
}
