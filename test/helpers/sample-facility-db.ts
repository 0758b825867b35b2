import path from 'node:path';
import { openDatabase, type Db } from '../../main/db/open-database';
import { importFacilityCsv } from '../../main/facility/csv-import';
import { createIdLookup } from '../../main/facility/upsert';
import { tempDbPath } from './temp-db';

export const SAMPLE_CSV_DIR = path.resolve(__dirname, '../fixtures/csv-sample');

/** A fresh SQLite file holding the sample facility (test/fixtures/csv-sample), imported the way users import. */
export async function openSampleFacilityDb(): Promise<Db> {
  const db = openDatabase(tempDbPath('facility-sample-'));
  const result = await importFacilityCsv(db, SAMPLE_CSV_DIR);
  if (result.rejected.length > 0) throw new Error(`sample import rejected rows: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  return db;
}

/** Internal id of a facility record by its external id. */
export function idOf(db: Db, table: 'tenants' | 'invoices' | 'payments' | 'charge_types' | 'locations' | 'credit_notes', externalId: string): number {
  const id = createIdLookup(db, table)(externalId);
  if (id === undefined) throw new Error(`${table} ${externalId} not found`);
  return id;
}
