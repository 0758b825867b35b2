import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { discover } from '../../helpers/emulator-clients';

it('npm run xero-emulator prints the listening URL as its first line and serves discovery', async () => {
  const child = spawn('npx', ['tsx', 'test/xero-emulator/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  try {
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    expect(first).toMatch(/^Xero emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.split(' ').at(-1) ?? '';
    const config = await discover({ url }, 'demo-web-app', 'demo-web-secret');
    expect(config.serverMetadata().issuer).toBe(url);
  } finally {
    process.kill(-(child.pid ?? 0), 'SIGTERM'); // npx -> tsx -> node: end the whole group
  }
});
