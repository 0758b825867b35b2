// Entry point of the `facility-sync` CLI (bin/facility-sync.js runs this).
import { runCli } from './cli';
import { createCliContext } from './cli/context';
import { endQuietlyOnClosedPipe } from './cli/closed-pipe';

endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);
process.exitCode = await runCli(process.argv.slice(2), createCliContext({ proposeSyncStartDate: true }));
