/**
 * `facility-sync`: the headless shell over main/services.ts (the same core as the app).
 * Exit codes: 0 done; 1 failed (the message says why and what fixes it); 2 wrong usage;
 * 3 `sync` finished but some records remain non-synced; `reconcile` found differences.
 */
import { Command, CommanderError } from 'commander';
import { AppError } from './app-error';
import { registerBalancesCommand } from './cli/balances-command';
import { registerConfigCommands } from './cli/config-commands';
import { registerDataCommands } from './cli/data-commands';
import { registerReconcileCommand } from './cli/reconcile-command';
import { registerReportCommands } from './cli/report-commands';
import { registerSyncCommands } from './cli/sync-commands';
import { registerXeroCommands } from './cli/xero-commands';
import { registerXeroChangesCommands } from './cli/xero-changes-commands';
import { ExitCode, UsageError, type CliContext } from './cli/context';
import { cliVersion } from './cli/version';

export const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failed: the message says what happened and what fixes it
  2  wrong usage (unknown command or option, missing argument)
  3  sync finished, but some records remain non-synced (failed or still waiting; see:
     facility-sync report --status non-synced). Records excluded from sync do not count.
     reconcile: the month's facility and Xero totals differ (the differences are listed).
     check-xero: records changed in Xero wait for review.`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('facility-sync')
    .description('Facility Sync for Xero, headless: import facility data, connect to Xero, map, sync and report.')
    .version(cliVersion())
    .option('--data-dir <dir>', 'data folder (default: the desktop app’s own)')
    .option('--xero-base-url <url>', 'use a Xero emulator at this base URL instead of xero.com')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) })
    .showHelpAfterError('(run facility-sync --help for usage)');
  registerDataCommands(program, ctx);
  registerXeroCommands(program, ctx);
  registerSyncCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerReconcileCommand(program, ctx);
  registerConfigCommands(program, ctx);
  registerXeroChangesCommands(program, ctx);
  registerBalancesCommand(program, ctx);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode ?? ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.Ok;
      return ExitCode.Usage;
    }
    if (err instanceof UsageError) {
      ctx.err(`Error: ${err.message}`);
      ctx.err('(run facility-sync --help for usage)');
      return ExitCode.Usage;
    }
    if (err instanceof AppError) {
      ctx.err(`Error: ${err.message}`);
      return ExitCode.Failed;
    }
    ctx.err(`Error: ${err instanceof Error ? err.message : String(err)}`);
    return ExitCode.Failed;
  } finally {
    await ctx.closeServices();
  }
}
