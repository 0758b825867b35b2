/**
 * `facility-sync config get` / `config set <name> <value>`: the sync settings of the organisation the
 * records belong to (contract getSyncSettings / setSyncSettings). Names and values are written with
 * dashes on the command line (locked-period post-on-first-open-date) and underscores in the contract.
 */
import type { Command } from 'commander';
import { LOCKED_PERIOD_POLICIES, type LockedPeriodPolicy, type SyncSettings } from '../../contract';
import { UsageError, type CliContext } from './context';

const dashed = (v: string) => v.replace(/_/g, '-');

function print(ctx: CliContext, s: SyncSettings): void {
  ctx.out(`organisation: ${s.organisation ? s.organisation.name : '(none yet: connect to Xero)'}`);
  ctx.out(`locked-period: ${dashed(s.lockedPeriod)}`);
}

export function registerConfigCommands(program: Command, ctx: CliContext): void {
  const config = program.command('config').description('show or change the sync settings of the connected Xero organisation');
  config
    .command('get')
    .description('print the settings')
    .action(async () => {
      const { api } = await ctx.services(program);
      print(ctx, await api.getSyncSettings());
    });
  config
    .command('set')
    .description(`change a setting: locked-period ${LOCKED_PERIOD_POLICIES.map(dashed).join('|')} (records dated on or before Xero's lock date wait, or go out dated the first open day)`)
    .argument('<name>', 'locked-period')
    .argument('<value>', LOCKED_PERIOD_POLICIES.map(dashed).join(' | '))
    .action(async (name: string, value: string) => {
      if (name !== 'locked-period') throw new UsageError(`No setting "${name}". Settings: locked-period.`);
      const policy = LOCKED_PERIOD_POLICIES.find((p) => dashed(p) === value);
      if (!policy) throw new UsageError(`locked-period must be ${LOCKED_PERIOD_POLICIES.map(dashed).join(' or ')}, not "${value}".`);
      const { api } = await ctx.services(program);
      print(ctx, await api.setSyncSettings({ lockedPeriod: policy satisfies LockedPeriodPolicy }));
    });
}
