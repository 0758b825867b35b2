/**
 * `facility-sync config get` / `config set <name> <value>`: the sync settings of the organisation the
 * records belong to (contract getSyncSettings / setSyncSettings). Names and values are written with
 * dashes on the command line (locked-period post-on-first-open-date) and underscores in the contract.
 */
import type { Command } from 'commander';
import { LOCKED_PERIOD_POLICIES, type SyncSettings, type SyncSettingsChange } from '../../contract';
import { isIsoDate } from '../../contract/iso-date';
import { UsageError, type CliContext } from './context';

const dashed = (v: string) => v.replace(/_/g, '-');

function print(ctx: CliContext, s: SyncSettings): void {
  ctx.out(`organisation: ${s.organisation ? s.organisation.name : '(none yet: connect to Xero)'}`);
  ctx.out(`locked-period: ${dashed(s.lockedPeriod)}`);
  const start = s.startDate;
  ctx.out(`sync-start-date: ${start.date ?? 'none (all history is sent)'}${start.date && !start.confirmed
    ? ` (proposed: the first day of the financial year; it applies; confirm it with: config set sync-start-date ${start.date})`
    : ''}`);
  // Read from Xero by each sync run and kept, so they show offline too (docs/sync-engine.md, Lock dates).
  const l = s.lockDates;
  ctx.out(`lock-dates: ${l === null
    ? 'not read yet (each sync reads them from Xero)'
    : `${l.lockDate ? `locked up to ${l.lockDate} (period lock date ${l.periodLockDate ?? 'none'}, end of year lock date ${l.endOfYearLockDate ?? 'none'})` : 'none set in Xero'}, read ${l.readAt}`}`);
}

const SETTINGS = 'locked-period, sync-start-date';

function changeOf(name: string, value: string): SyncSettingsChange {
  if (name === 'locked-period') {
    const policy = LOCKED_PERIOD_POLICIES.find((p) => dashed(p) === value);
    if (!policy) throw new UsageError(`locked-period must be ${LOCKED_PERIOD_POLICIES.map(dashed).join(' or ')}, not "${value}".`);
    return { lockedPeriod: policy };
  }
  if (name === 'sync-start-date') {
    if (value === 'none') return { startDate: null };
    if (!isIsoDate(value)) throw new UsageError(`sync-start-date must be a date written YYYY-MM-DD (e.g. 2026-07-01), or none to send all history; "${value}" is not.`);
    return { startDate: value };
  }
  throw new UsageError(`No setting "${name}". Settings: ${SETTINGS}.`);
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
    .description(`change a setting: locked-period ${LOCKED_PERIOD_POLICIES.map(dashed).join('|')} (records dated on or before Xero's lock date wait, or go out dated the first open day); `
      + 'sync-start-date YYYY-MM-DD|none (records dated before it are not sent: that history is already in Xero or comes in as opening balances)')
    .argument('<name>', SETTINGS)
    .argument('<value>', `${LOCKED_PERIOD_POLICIES.map(dashed).join(' | ')} | YYYY-MM-DD | none`)
    .action(async (name: string, value: string) => {
      const change = changeOf(name, value);
      const { api } = await ctx.services(program);
      const result = await api.setSyncSettings(change);
      print(ctx, result);
      const { queued, held } = result.effect;
      if (queued || held) ctx.out(`changed: ${queued} record${queued === 1 ? '' : 's'} queued for Xero, ${held} held (not sent)`);
    });
}
