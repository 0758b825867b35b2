/**
 * `facility-sync check-xero`: checks Xero now for changes made there to what was sent (issue 16) and
 * lists every record changed in Xero that waits for the user, with what changed and what to do.
 * Exit 3 when any wait (like `sync` when records remain non-synced), so a scheduled task can tell.
 */
import type { Command } from 'commander';
import { ExitCode, type CliContext } from './context';

export function registerXeroChangesCommands(program: Command, ctx: CliContext): void {
  program
    .command('check-xero')
    .description("check Xero now for changes made there (voided, deleted, other totals, payments the facility does not have); exit 3 if records changed in Xero wait for review")
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { api } = await ctx.services(program);
      const result = await api.checkXeroChanges();
      if (o.json) ctx.out(JSON.stringify(result, null, 2));
      else {
        ctx.out(result.message);
        for (const c of result.changed) {
          ctx.out(`  ${c.label} (${c.kind} ${c.externalId}): ${c.what}${c.canSendOurs ? '' : " Send ours again is not possible."} ${c.fix}`);
        }
        if (result.total > result.changed.length) ctx.out(`  ... and ${result.total - result.changed.length} more: facility-sync report --status non-synced --search-by <kind>`);
        if (result.total > 0) ctx.out("Settle them with: facility-sync review <kind> <ids...> --send-ours|--accept-xero|--ignore");
      }
      if (result.total > 0) ctx.exitCode = ExitCode.NotAllSynced;
    });
}
