import { expect, test } from 'vitest';
import { readVersion } from '../../../main/db/migrate';
import { databaseAt, migrateTo } from '../../helpers/temp-db';

test('003-mapping: adds the reference mirror and mapping tables to a database holding data, and enforces their rules', () => {
  const db = databaseAt(2);
  const at = '2025-01-01T00:00:00.000Z';
  db.exec(`INSERT INTO locations VALUES (1,'L1','Sydney','AUD','Australia/Sydney','${at}');`);
  migrateTo(db, 3);
  expect(readVersion(db)).toBe(3);
  expect(db.prepare('SELECT name FROM locations').pluck().get()).toBe('Sydney');

  db.exec(`
    INSERT INTO xero_reference_meta VALUES ('accounts','org-1','${at}',NULL);
    INSERT INTO xero_accounts VALUES ('a1','090','Business Bank Account','BANK','ACTIVE',NULL,0,'{}');
    INSERT INTO xero_tax_rates VALUES ('OUTPUT','GST on Income','ACTIVE',10,1,'{}');
    INSERT INTO xero_tracking_categories VALUES ('c1','Location','ACTIVE');
    INSERT INTO xero_tracking_options VALUES ('o1','c1','Sydney','ACTIVE');
    INSERT INTO xero_items VALUES ('i1','RENT','Rent',1,'200','OUTPUT','{}');
    INSERT INTO xero_organisation VALUES (1,'org-1','Demo','AUD','AU','{}');
    INSERT INTO mapping_tracking VALUES ('location',1,'c1','Location');
    INSERT INTO mapping_tracking_options VALUES ('location','L1','Sydney');
    INSERT INTO mapping_charge_types VALUES ('CT-RENT','RENT',NULL,NULL);
    INSERT INTO mapping_payment_accounts VALUES ('cash','a1');
  `);
  // Deleting a tracking category takes its options with it (a refresh replaces them whole).
  db.exec("DELETE FROM xero_tracking_categories WHERE category_id = 'c1'");
  expect(db.prepare('SELECT count(*) FROM xero_tracking_options').pluck().get()).toBe(0);
  const bad = [
    "INSERT INTO xero_reference_meta VALUES ('contacts','org-1','x',NULL)", // not a reference entity
    "INSERT INTO mapping_tracking VALUES ('tenant',2,NULL,'Tenant')", // unknown facility field
    "INSERT INTO mapping_tracking VALUES ('building',3,NULL,'Region')", // only two slots
    "INSERT INTO mapping_tracking VALUES ('building',1,NULL,'Region')", // slot taken
    "INSERT INTO mapping_tracking_options VALUES ('unit_type','5x5','Small')", // no such tracking row
    "INSERT INTO mapping_payment_accounts VALUES ('bitcoin','a1')", // unknown method
    "INSERT INTO xero_organisation VALUES (2,'org-2','Other','NZD',NULL,'{}')", // one organisation
  ];
  for (const sql of bad) expect(() => db.exec(sql), sql).toThrow();
  db.close();
});
