import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { defaultDataDir } from '../default-data-dir';
import { createServices, type Services, type ServicesConfig } from '../services';

export enum ExitCode {
  Ok = 0,
  Failed = 1,
  Usage = 2,
  NotAllSynced = 3,
}

/** Wrong usage found by a command's own checks (an unknown kind, an impossible date): exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliContext {
  out(line: string): void;
  err(line: string): void;
  /** Set by a command that wants a non-zero exit without an error (e.g. 3). */
  exitCode?: number;
  /** Builds the services once, from the global options. */
  services(program: Command, extra?: Partial<ServicesConfig>): Promise<Services>;
  closeServices(): Promise<void>;
  readStdin(): Promise<string>;
  /** Prints the question and reads one answer line from standard input; null when none comes (end of input). */
  ask(question: string): Promise<string | null>;
}

function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    spawn(cmd, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // No browser here: the URL is printed anyway.
  }
}

export function createCliContext(base: Partial<ServicesConfig> = {}, io = { out: console.log, err: console.error }): CliContext {
  let built: Services | null = null;
  const ctx: CliContext = {
    out: io.out,
    err: io.err,
    async services(program, extra = {}) {
      if (built) return built;
      const opts = program.opts<{ dataDir?: string; xeroBaseUrl?: string; browser?: boolean }>();
      built = await createServices({
        // The CLI syncs when told to (`sync`), not on a timer.
        syncAutoStart: false,
        ...base,
        dataDir: opts.dataDir ?? base.dataDir ?? defaultDataDir(),
        xeroBaseUrl: opts.xeroBaseUrl ?? base.xeroBaseUrl,
        openExternal: async (url) => {
          io.out(`Open this address in a browser to connect to Xero:\n  ${url}`);
          openInBrowser(url);
        },
        ...extra,
      });
      return built;
    },
    async closeServices() {
      if (built) await built.close();
      built = null;
    },
    async ask(question) {
      io.out(question);
      const rl = createInterface({ input: process.stdin, terminal: false });
      try {
        return await new Promise<string | null>((resolve) => {
          rl.once('line', (line) => resolve(line));
          rl.once('close', () => resolve(null));
        });
      } finally {
        rl.close();
      }
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  return ctx;
}
