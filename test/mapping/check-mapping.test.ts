import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Mapping, MappingIssue } from '../../contract';
import { DB_FILE_NAME, openDatabase } from '../../main/db/open-database';
import { dispatch } from '../../main/dispatch';
import { createServices, type Services } from '../../main/services';
import { SAMPLE_CSV_DIR } from '../helpers/sample-facility-db';
import { seedReferenceMirror } from '../helpers/seed-reference-mirror';

/**
 * checkMapping (issue 17): the Synchronize tab checks the mapping as edited, before Save, so a field's
 * message goes as soon as the field is filled. Through the contract on a real SQLite file; nothing is saved.
 */
let services: Services;

async function check(mapping: unknown): Promise<MappingIssue[]> {
  const res = await dispatch(services.api, 'checkMapping', [mapping]);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value as MappingIssue[];
}

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'check-mapping-'));
  services = await createServices({ dataDir, syncAutoStart: false });
  await services.api.importFacilityData({ path: SAMPLE_CSV_DIR });
  const db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  seedReferenceMirror(db);
  db.close();
});
afterAll(() => services?.close());

test('a draft is checked against the mirror without being saved; filling a field removes its message', async () => {
  const saved = (await services.api.getMapping()).mapping;
  const draft: Mapping = {
    ...saved,
    tracking: [{ source: 'location', categoryId: 'tc-loc', categoryName: 'Location', options: {} }],
    chargeTypes: { ...saved.chargeTypes, 'CT-LATE': { itemCode: null, accountCode: '200', taxType: 'GSTX' } },
  };
  const before = await check(draft);
  expect(before).toContainEqual({
    section: 'categories', key: 'location:LOC-SYD', severity: 'warning',
    message: 'Sydney Central Storage has no "Location" option: its invoices will wait until you choose one.',
  });
  expect(before.some((i) => i.key === 'CT-LATE' && i.field === 'tax')).toBe(true);

  const filled = await check({ ...draft, tracking: [{ ...draft.tracking[0]!, options: { 'LOC-SYD': 'Sydney Central Storage' } }] });
  expect(filled.some((i) => i.key === 'location:LOC-SYD')).toBe(false);
  expect(filled.some((i) => i.key === 'location:LOC-MEL')).toBe(true);

  // Nothing was saved.
  expect((await services.api.getMapping()).mapping).toEqual(saved);
});

test('a draft that is not a mapping is refused before the check', async () => {
  const res = await dispatch(services.api, 'checkMapping', [{ tracking: 'everything' }]);
  expect(res.ok).toBe(false);
});
