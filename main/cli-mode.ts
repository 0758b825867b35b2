/**
 * `Facility Sync for Xero --cli <command> ...`: the installed app runs the headless CLI instead of
 * opening a window. It runs the same bundle as `facility-sync` (dist/cli/facility-sync.js) in this
 * process, so it needs no Node.js on the machine and no ELECTRON_RUN_AS_NODE (that fuse is to be
 * turned off). The launchers in build/cli/ call it; README "The CLI" says how to schedule it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app } from 'electron';

/** The arguments after `--cli`, or null when the app starts normally. */
export function cliModeArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at === -1 ? null : argv.slice(at + 1);
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Runs the CLI bundle with `args` and quits the app with its exit code. No window, no instance lock. */
export async function runCliMode(args: string[], bundle = path.join(app.getAppPath(), 'dist/cli/facility-sync.js')): Promise<void> {
  app.dock?.hide();
  app.disableHardwareAcceleration();
  // The bundle reads process.argv and sets process.exitCode, exactly as under Node.
  process.argv = [process.execPath, bundle, ...args];
  let code: number;
  try {
    await import(pathToFileURL(bundle).href);
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    console.error(`Error: the command line of Facility Sync for Xero could not start (${err instanceof Error ? err.message : String(err)}). Reinstall the app.`);
    code = 1;
  }
  // app.exit() ends the process at once; output to a pipe may still be on its way (macOS).
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  app.exit(code);
}
