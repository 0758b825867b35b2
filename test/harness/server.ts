/**
 * `npm run demo:browser`: the app in a browser against real services.
 * Options: --data-dir DIR, --xero-base-url URL, --port N.
 */
import { parseArgs } from 'node:util';
import { startHarness } from './harness';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'xero-base-url': { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});

const harness = await startHarness({
  dataDir: values['data-dir'],
  xeroBaseUrl: values['xero-base-url'],
  port: Number(values.port),
  // Stands in for the system browser: the person running the demo opens the printed address.
  openExternal: async (url) => console.log(`\nOpen this address in your browser to continue:\n  ${url}\n`),
});
console.log(`Facility Sync (browser harness) at ${harness.url}`);
console.log(`Data dir: ${(await harness.services.api.getAppInfo()).dataDir}`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
