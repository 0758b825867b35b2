import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openDatabase } from '../../main/db/open-database';
import { displayFormatOf } from '../../main/report/display-format-of';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { setOrganisation } from '../../main/xero/reference-store';
import { writeCsv } from '../helpers/csv-test-folder';

const STAMP = '2025-01-02T09:00:00Z';

test('the locale and time zone are the locations\' (most of them), the currency the organisation\'s once one is connected', async () => {
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'display-format-')), 'facility.db'));
  // Nothing imported and nothing connected: a fixed fallback, never the machine's own.
  expect(displayFormatOf(db)).toEqual({ locale: 'en-AU', timeZone: 'Australia/Sydney', currency: 'AUD' });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'display-format-csv-'));
  writeCsv(dir, 'locations.csv', ['location_id,name,currency,time_zone,updated_at', `AKL,Auckland East,NZD,Pacific/Auckland,${STAMP}`, `WLG,Wellington,NZD,Pacific/Auckland,${STAMP}`, `SYD,Sydney,AUD,Australia/Sydney,${STAMP}`].join('\n'));
  expect((await importFacilityCsv(db, dir)).rejected).toEqual([]);
  expect(displayFormatOf(db)).toEqual({ locale: 'en-NZ', timeZone: 'Pacific/Auckland', currency: 'NZD' });

  setOrganisation(db, 'tenant-1', { organisationID: 'org-1', name: 'Trans-Tasman Storage', baseCurrency: 'AUD', countryCode: 'AU' });
  expect(displayFormatOf(db)).toEqual({ locale: 'en-NZ', timeZone: 'Pacific/Auckland', currency: 'AUD' });
  db.close();
});
