/** The mapping to Xero and Xero's reference data (issue 6, Synchronize tab). */
import type { PaymentMethod } from './facility';

/** The facility dimension a Xero tracking category follows. */
export type TrackingSource = 'location' | 'building' | 'unit_type';
export type LineAmountTypesSetting = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface TrackingMapping {
  source: TrackingSource;
  /** Xero TrackingCategoryID when known (survives a rename); the name is what invoices carry. */
  categoryId: string | null;
  categoryName: string;
  /** Facility value (location/building external id, or the unit type text) -> Xero option name. */
  options: Record<string, string>;
}

export interface ChargeTypeMapping {
  itemCode: string | null;
  accountCode: string | null;
  taxType: string | null;
}

export interface Mapping {
  /** "Map categories": at most 2 (Xero allows two tracking categories on a line). */
  tracking: TrackingMapping[];
  /** "Products/Services": by charge type external id. */
  chargeTypes: Record<string, ChargeTypeMapping>;
  /** "Paid to Account": payment method -> Xero AccountID. */
  paymentAccounts: Partial<Record<PaymentMethod, string>>;
  /** Whether facility amounts include tax (default Inclusive: the facility's totals are what tenants pay). */
  lineAmountTypes: LineAmountTypesSetting;
  /** "Products/Services" > Write-offs: where a write-off credit note's lines go (an expense account such as Bad Debts) and their tax. Absent: not chosen. */
  writeOff?: WriteOffMapping;
}

/** The Products/Services row "Write-offs" as MappingIssue.key and MappingSuggestion.key (no charge type has this external id). */
export const WRITE_OFF_KEY = '__write_off';

export interface WriteOffMapping {
  accountCode: string | null;
  taxType: string | null;
}

export type MappingSection = 'categories' | 'products' | 'payments';

export interface MappingIssue {
  section: MappingSection;
  /** The row: tracking source, facility value, charge type external id or payment method. */
  key: string;
  severity: 'error' | 'warning';
  /** Which control of the row is wrong (Products/Services rows have three). */
  field?: 'item' | 'account' | 'tax';
  /** Plain words: what is wrong and what fixes it. */
  message: string;
}

export interface FacilityValue {
  value: string;
  label: string;
  /** Charge types only: what the charge is (rent, fee, merchandise, service, insurance, deposit). */
  kind?: string;
}

/** The facility side of the three tables. */
export interface FacilityMappingValues {
  locations: FacilityValue[];
  buildings: FacilityValue[];
  unitTypes: FacilityValue[];
  chargeTypes: FacilityValue[];
  paymentMethods: FacilityValue[];
}

export interface MappingView {
  mapping: Mapping;
  facility: FacilityMappingValues;
  issues: MappingIssue[];
  /** After Suggest mappings: why each row was filled in, or why it was left for the user. */
  suggestions?: MappingSuggestion[];
}

export interface MappingSuggestion {
  section: MappingSection;
  /** The row, as in MappingIssue.key. */
  key: string;
  /** True when the row was filled in; false when it was left empty on purpose. */
  made: boolean;
  /** Plain words: the rule that matched, or why nothing was suggested. */
  reason: string;
}

export interface ReferenceAccount {
  accountId: string;
  code: string | null;
  name: string;
  type: string;
  status: string;
  taxType: string | null;
  enablePayments: boolean;
}
export interface ReferenceTaxRate {
  taxType: string;
  name: string;
  status: string;
  rate: number;
  forRevenue: boolean;
}
export interface ReferenceTrackingCategory {
  categoryId: string;
  name: string;
  status: string;
  options: { optionId: string; name: string; status: string }[];
}
export interface ReferenceItem {
  itemId: string;
  code: string;
  name: string;
  accountCode: string | null;
  taxType: string | null;
}

/** Xero's lists as last pulled into the local mirror (readable offline). */
export interface ReferenceData {
  organisation: { tenantId: string; name: string; baseCurrency: string } | null;
  /** When the mirror was last refreshed (UTC ISO), null if never. */
  fetchedAt: string | null;
  accounts: ReferenceAccount[];
  taxRates: ReferenceTaxRate[];
  trackingCategories: ReferenceTrackingCategory[];
  items: ReferenceItem[];
}

export interface SetMappingResult extends MappingView {
  /** Records that had failed because of the mapping and are queued again. */
  requeued: number;
}

export interface MappingApi {
  /** The stored mapping, the facility values to map, and what is wrong with it (checked against the mirror). */
  getMapping(): Promise<MappingView>;
  /** Saves the whole mapping and queues again the records that failed because of it. */
  setMapping(mapping: Mapping): Promise<SetMappingResult>;
  /** What is wrong with a mapping as edited on screen (not saved), checked against the mirror: the tab shows it live. */
  checkMapping(mapping: Mapping): Promise<MappingIssue[]>;
  /** The stored mapping with its gaps filled by matching names (not saved). */
  suggestMapping(): Promise<MappingView>;
  /** Pulls Xero's accounts, tax rates, tracking categories, items and organisation into the mirror. */
  refreshReferenceData(): Promise<ReferenceData>;
  /** The mirror as last pulled (works offline). */
  getReferenceData(): Promise<ReferenceData>;
  createTrackingOption(input: { categoryId: string; name: string }): Promise<ReferenceData>;
  /** Creates a complete item in Xero: a sales account and a tax rate are required, so the item can be invoiced. */
  createItem(input: { code: string; name: string; accountCode: string; taxType: string }): Promise<ReferenceData>;
}
