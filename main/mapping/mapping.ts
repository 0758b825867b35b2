/**
 * The user's mapping from facility values to Xero (Synchronize tab), stored in SQLite
 * (migration 003). loadMapping/saveMapping are the only readers and writers of the mapping tables;
 * checkMapping (mapping-check.ts) compares a mapping with the reference-data mirror.
 */
import { menuPath } from '../../contract';
import type {
  ChargeTypeMapping, FacilityMappingValues, FacilityValue, LineAmountTypesSetting, Mapping, PaymentMethod, TrackingMapping, TrackingSource,
  WriteOffMapping,
} from '../../contract';
import type { Db } from '../db/open-database';

export type { Mapping } from '../../contract';

/** Xero allows two tracking categories on a line item. */
export const MAX_TRACKING_CATEGORIES = 2;
export const TRACKING_SOURCES: readonly TrackingSource[] = ['location', 'building', 'unit_type'];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  credit_card: 'Credit card',
  debit_card: 'Debit card',
  online_banking: 'Online banking',
  cash: 'Cash',
  cheque: 'Cheque',
};
export const TRACKING_SOURCE_LABELS: Record<TrackingSource, string> = {
  location: 'Location',
  building: 'Building',
  unit_type: 'Unit type',
};

/** Where each section lives, for the "fix" half of error messages. */
export const SYNCHRONIZE_PATH = menuPath('synchronize');
export const FIX_PATHS = {
  categories: `${SYNCHRONIZE_PATH} > Map categories`,
  products: `${SYNCHRONIZE_PATH} > Products/Services`,
  payments: `${SYNCHRONIZE_PATH} > Paid to Account`,
} as const;

/**
 * The codes of records that wait for the mapping (the kinds' payload builders in main/sync/kinds/,
 * and mapping-problems.ts for a mapping the check finds wrong): a
 * mapping change queues exactly these records again (mapping-requeue.ts), so a new such code
 * must be listed here.
 */
export const MAPPING_ERROR_CODES = [
  'mapping_charge_type', 'mapping_tracking_option', 'mapping_payment_account', 'mapping_write_off', 'mapping_problem',
] as const;

/** The Products/Services row "Write-offs" (MappingIssue.key, MappingSuggestion.key); declared in the contract for the renderer. */
export { WRITE_OFF_KEY } from '../../contract';

/** Where Mapping.writeOff lives: two mapping_settings rows, each absent when not chosen. */
const WRITE_OFF_SETTINGS = { accountCode: 'write_off_account_code', taxType: 'write_off_tax_type' } as const;

export const EMPTY_MAPPING: Mapping = { tracking: [], chargeTypes: {}, paymentAccounts: {}, lineAmountTypes: 'Inclusive' };

export function loadMapping(db: Db): Mapping {
  const tracking = db.prepare('SELECT source, category_id, category_name FROM mapping_tracking ORDER BY slot').all() as {
    source: TrackingSource; category_id: string | null; category_name: string;
  }[];
  const options = db.prepare('SELECT source, facility_value, option_name FROM mapping_tracking_options').all() as {
    source: TrackingSource; facility_value: string; option_name: string;
  }[];
  const charges = db.prepare('SELECT * FROM mapping_charge_types').all() as {
    charge_type_external_id: string; item_code: string | null; account_code: string | null; tax_type: string | null;
  }[];
  const payments = db.prepare('SELECT method, account_id FROM mapping_payment_accounts').all() as { method: PaymentMethod; account_id: string }[];
  const setting = (key: string) => db.prepare('SELECT value FROM mapping_settings WHERE key = ?').pluck().get(key) as string | undefined;
  const lineAmountTypes = setting('line_amount_types') as LineAmountTypesSetting | undefined;
  const writeOff: WriteOffMapping = {
    accountCode: setting(WRITE_OFF_SETTINGS.accountCode) ?? null,
    taxType: setting(WRITE_OFF_SETTINGS.taxType) ?? null,
  };
  return {
    tracking: tracking.map((t): TrackingMapping => ({
      source: t.source,
      categoryId: t.category_id,
      categoryName: t.category_name,
      options: Object.fromEntries(options.filter((o) => o.source === t.source).map((o) => [o.facility_value, o.option_name])),
    })),
    chargeTypes: Object.fromEntries(
      charges.map((c): [string, ChargeTypeMapping] => [
        c.charge_type_external_id,
        { itemCode: c.item_code, accountCode: c.account_code, taxType: c.tax_type },
      ]),
    ),
    paymentAccounts: Object.fromEntries(payments.map((p) => [p.method, p.account_id])),
    lineAmountTypes: lineAmountTypes ?? EMPTY_MAPPING.lineAmountTypes,
    ...(isWriteOffChosen(writeOff) ? { writeOff } : {}),
  };
}

/** Whether the Write-offs row has anything chosen (an account or a tax rate); absent or blank is "not chosen". */
export function isWriteOffChosen(w: WriteOffMapping | undefined): w is WriteOffMapping {
  return Boolean(blankToNull(w?.accountCode) ?? blankToNull(w?.taxType));
}

/**
 * Replaces the stored mapping with `mapping` in one transaction. Blank entries are dropped
 * (a charge type with neither item nor account is simply unmapped; a blank Write-offs row is not chosen).
 */
export function saveMapping(db: Db, mapping: Mapping): void {
  const insTracking = db.prepare('INSERT INTO mapping_tracking (source, slot, category_id, category_name) VALUES (?, ?, ?, ?)');
  const insOption = db.prepare('INSERT INTO mapping_tracking_options (source, facility_value, option_name) VALUES (?, ?, ?)');
  const insCharge = db.prepare(
    'INSERT INTO mapping_charge_types (charge_type_external_id, item_code, account_code, tax_type) VALUES (?, ?, ?, ?)',
  );
  const insPayment = db.prepare('INSERT INTO mapping_payment_accounts (method, account_id) VALUES (?, ?)');
  db.transaction(() => {
    db.exec('DELETE FROM mapping_tracking_options; DELETE FROM mapping_tracking; DELETE FROM mapping_charge_types; DELETE FROM mapping_payment_accounts;');
    let slot = 0;
    for (const t of mapping.tracking.slice(0, MAX_TRACKING_CATEGORIES)) {
      if (!t.categoryName.trim()) continue;
      insTracking.run(t.source, ++slot, t.categoryId, t.categoryName);
      for (const [value, option] of Object.entries(t.options)) {
        if (option.trim()) insOption.run(t.source, value, option);
      }
    }
    for (const [chargeType, m] of Object.entries(mapping.chargeTypes)) {
      const item = blankToNull(m.itemCode);
      const account = blankToNull(m.accountCode);
      if (item === null && account === null) continue;
      insCharge.run(chargeType, item, account, blankToNull(m.taxType));
    }
    for (const [method, accountId] of Object.entries(mapping.paymentAccounts)) {
      if (accountId) insPayment.run(method, accountId);
    }
    const setSetting = db.prepare('INSERT OR REPLACE INTO mapping_settings (key, value) VALUES (?, ?)');
    setSetting.run('line_amount_types', mapping.lineAmountTypes);
    // Each half of Write-offs is kept on its own, so a half-filled row is saved and its check says what is missing.
    for (const [field, key] of Object.entries(WRITE_OFF_SETTINGS)) {
      const value = blankToNull(mapping.writeOff?.[field as keyof WriteOffMapping]);
      if (value === null) db.prepare('DELETE FROM mapping_settings WHERE key = ?').run(key);
      else setSetting.run(key, value);
    }
  })();
}

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** The facility side of each table: every location, building, unit type, charge type and payment method. */
export function listFacilityValues(db: Db): FacilityMappingValues {
  const rows = (sql: string) => db.prepare(sql).all() as FacilityValue[];
  return {
    locations: rows('SELECT external_id AS value, name AS label FROM locations ORDER BY name'),
    buildings: rows(
      `SELECT b.external_id AS value, l.name || ' - ' || b.name AS label
       FROM buildings b JOIN locations l ON l.id = b.location_id ORDER BY l.name, b.name`,
    ),
    unitTypes: rows('SELECT DISTINCT unit_type AS value, unit_type AS label FROM units ORDER BY unit_type'),
    chargeTypes: rows('SELECT external_id AS value, name AS label, kind FROM charge_types ORDER BY name'),
    paymentMethods: Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label })),
  };
}

/** The facility values a tracking source ranges over. */
export function valuesForSource(values: FacilityMappingValues, source: TrackingSource) {
  return source === 'location' ? values.locations : source === 'building' ? values.buildings : values.unitTypes;
}
