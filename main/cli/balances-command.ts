/**
 * `facility-sync balances [--json]`: every tenant's balance in Xero, read now, compared with the
 * facility's (issue 14): invoices' amount due less the unapplied credit of credit notes and
 * prepayments. Lists the tenants whose balances differ; exit 3 when any do, so a scheduled task can tell.
 */
import type { Command } from 'commander';
import { displayMoney } from '../sync/kinds/existing-documents';
import { ExitCode, type CliContext } from './context';

export function registerBalancesCommand(program: Command, ctx: CliContext): void {
  program
    .command('balances')
    .description("each tenant's balance in Xero (read now) next to the facility's; exit 3 when any differ")
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { api } = await ctx.services(program);
      const r = await api.compareBalances();
      if (o.json) ctx.out(JSON.stringify(r, null, 2));
      else {
        ctx.out(r.message);
        if (r.differ.length > 0) {
          ctx.out(['tenant', 'name', 'facility', 'Xero', 'difference'].join('\t'));
          for (const d of r.differ) {
            ctx.out([d.tenantId, d.name, displayMoney(d.facilityCents), displayMoney(d.xeroCents), displayMoney(d.xeroCents - d.facilityCents)].join('\t'));
          }
        }
      }
      if (r.differ.length > 0) ctx.exitCode = ExitCode.NotAllSynced;
    });
}
