/**
 * `npm run xero-emulator -- --port N [--minute-ms MS] [--state-file FILE] [--auto-consent]`
 * First output line: "Xero emulator listening on http://127.0.0.1:PORT".
 */
import { Command } from 'commander';
import { startXeroEmulator } from './index';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Expected a whole number, got ${v}`);
  return n;
};

const opts = new Command('xero-emulator')
  .description('A local Xero (identity + accounting API) for tests and the demo')
  .option('--port <n>', 'port to listen on (0 = any free port)', int, 0)
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option('--minute-ms <ms>', 'length of the rate-limit minute in ms', int, 60_000)
  .option('--per-minute <n>', 'calls per organisation per minute', int)
  .option('--per-day <n>', 'calls per organisation per day', int)
  .option('--concurrent <n>', 'concurrent calls per organisation', int)
  .option('--token-ttl-ms <ms>', 'access token lifetime in ms of emulator time', int, 1_800_000)
  .option('--auto-consent', 'skip the consent page and connect the first organisation', false)
  .option('--state-file <file>', 'persist state to this JSON file')
  .parse()
  .opts<{ port: number; host: string; minuteMs: number; perMinute?: number; perDay?: number; concurrent?: number; tokenTtlMs: number; autoConsent: boolean; stateFile?: string }>();

const emulator = await startXeroEmulator({
  port: opts.port,
  host: opts.host,
  minuteMs: opts.minuteMs,
  limits: {
    ...(opts.perMinute !== undefined ? { perMinute: opts.perMinute } : {}),
    ...(opts.perDay !== undefined ? { perDay: opts.perDay } : {}),
    ...(opts.concurrent !== undefined ? { concurrent: opts.concurrent } : {}),
  },
  accessTokenTtlMs: opts.tokenTtlMs,
  autoConsent: opts.autoConsent,
  stateFile: opts.stateFile,
});
console.log(`Xero emulator listening on ${emulator.url}`);
console.log(`Discovery: ${emulator.url}/.well-known/openid-configuration  Admin: ${emulator.url}/__emulator/state`);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
