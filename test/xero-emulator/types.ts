/** Shapes shared by the emulator's modules. Money is integer cents internally, decimals on the wire. */

export interface RegisteredApp {
  clientId: string;
  /** Absent for a public (PKCE-only, "Mobile or desktop") app. */
  clientSecret?: string;
  redirectUris: string[];
  name?: string;
}

export interface Limits {
  concurrent: number;
  perMinute: number;
  perDay: number;
  appPerMinute: number;
}

export interface Faults {
  /** 0..1: share of requests answered with 500. */
  errorRate: number;
  /** The next N Accounting requests are answered with 500, then this counts down to 0 (deterministic). */
  failNext: number;
  /** 0..1: share of requests that hang for timeoutMs, then lose their connection. */
  timeoutRate: number;
  timeoutMs: number;
  latencyMs: number;
  /** Every non-admin request has its socket closed at once. */
  offline: boolean;
  /** true = every organisation, or a list of tenant ids: 503 organisation offline. */
  orgOffline: boolean | string[];
}

export interface FaultsInput extends Partial<Faults> {
  /** One-shot action: every access token issued so far expires now. */
  expireAllTokens?: boolean;
}

export interface Account {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Class: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  TaxType: string;
  EnablePaymentsToAccount: boolean;
  BankAccountNumber?: string;
  SystemAccount?: string;
  UpdatedDateUTC: number;
}

export interface TaxRate {
  Name: string;
  TaxType: string;
  ReportTaxType?: string;
  EffectiveRate: number;
  Status: 'ACTIVE' | 'DELETED';
  CanApplyToRevenue: boolean;
  CanApplyToAssets: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToEquity: boolean;
}

export interface TrackingOption {
  TrackingOptionID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED';
}

export interface TrackingCategory {
  TrackingCategoryID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  Options: TrackingOption[];
}

export interface Item {
  ItemID: string;
  Code: string;
  Name: string;
  Description?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  SalesDetails?: { UnitPrice?: number; AccountCode?: string; TaxType?: string };
  UpdatedDateUTC: number;
}

export type PhoneType = 'DEFAULT' | 'DDI' | 'MOBILE' | 'FAX' | 'OFFICE';

export interface ContactPhone {
  PhoneType: PhoneType;
  PhoneNumber: string;
  PhoneAreaCode: string;
  PhoneCountryCode: string;
}

export interface Contact {
  ContactID: string;
  Name: string;
  ContactNumber?: string;
  AccountNumber?: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  /** Only the phones ever sent, one per type (absent in state files written before phones were kept). */
  Phones?: ContactPhone[];
  ContactStatus: 'ACTIVE' | 'ARCHIVED';
  IsCustomer: boolean;
  UpdatedDateUTC: number;
}

export interface LineTracking {
  TrackingCategoryID: string;
  TrackingOptionID: string;
  Name: string;
  Option: string;
}

export interface LineItem {
  LineItemID: string;
  Description: string;
  Quantity: number;
  UnitAmount: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  TaxAmountCents: number;
  LineAmountCents: number;
  Tracking: LineTracking[];
}

export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface Invoice {
  InvoiceID: string;
  Type: 'ACCREC';
  InvoiceNumber: string;
  Reference?: string;
  ContactID: string;
  Date: string;
  DueDate?: string;
  Status: InvoiceStatus;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineItem[];
  SubTotalCents: number;
  TotalTaxCents: number;
  TotalCents: number;
  AmountPaidCents: number;
  CurrencyCode: string;
  FullyPaidOnDate?: string;
  UpdatedDateUTC: number;
}

/** A sales credit note (ACCRECCREDIT); its remaining credit is worked out from allocations and refunds. */
export interface CreditNote {
  CreditNoteID: string;
  Type: 'ACCRECCREDIT';
  CreditNoteNumber: string;
  Reference?: string;
  ContactID: string;
  Date: string;
  DueDate?: string;
  Status: InvoiceStatus;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineItem[];
  SubTotalCents: number;
  TotalTaxCents: number;
  TotalCents: number;
  CurrencyCode: string;
  FullyPaidOnDate?: string;
  UpdatedDateUTC: number;
}

/**
 * A receive overpayment (PUT /BankTransactions, Type RECEIVE-OVERPAYMENT): money received from a contact
 * before anything is owed. Its BankTransactionID is its OverpaymentID, as in Xero. Remaining credit is
 * worked out from allocations and refunds (balances.ts). DELETED when its bank transaction is deleted.
 */
export interface Overpayment {
  OverpaymentID: string;
  Type: 'RECEIVE-OVERPAYMENT';
  ContactID: string;
  /** The BANK account the money went into. */
  BankAccountID: string;
  Date: string;
  Reference?: string;
  /** Xero allows one line; always NoTax (the money sits on the contact's receivable, untaxed). */
  LineItems: Array<{ LineItemID: string; Description: string; LineAmountCents: number }>;
  TotalCents: number;
  CurrencyCode: string;
  Status: 'AUTHORISED' | 'PAID' | 'DELETED';
  FullyPaidOnDate?: string;
  UpdatedDateUTC: number;
}

/**
 * Part of a credit note (PUT /CreditNotes/{id}/Allocations) or of an overpayment (PUT
 * /Overpayments/{id}/Allocations) applied to an invoice: exactly one of CreditNoteID and OverpaymentID
 * is set. Deleting one removes it.
 */
export interface Allocation {
  AllocationID: string;
  CreditNoteID?: string;
  OverpaymentID?: string;
  InvoiceID: string;
  AmountCents: number;
  Date: string;
  UpdatedDateUTC: number;
}

/**
 * A payment of an invoice (InvoiceID) or a cash refund of a credit note (CreditNoteID) or of an
 * overpayment (OverpaymentID): exactly one is set.
 */
export interface Payment {
  PaymentID: string;
  InvoiceID?: string;
  CreditNoteID?: string;
  OverpaymentID?: string;
  AccountID: string;
  Date: string;
  AmountCents: number;
  Reference?: string;
  Status: 'AUTHORISED' | 'DELETED';
  UpdatedDateUTC: number;
}

export interface Organisation {
  OrganisationID: string;
  Name: string;
  ShortCode: string;
  /** ISO 3166 code; it picks the region's seed (AU, NZ or GB). */
  CountryCode: string;
  BaseCurrency: string;
  Timezone: string;
  CreatedDateUTC: number;
  // The region's values; absent in state files written before regions were seeded.
  Version?: string;
  FinancialYearEndDay?: number;
  FinancialYearEndMonth?: number;
  SalesTaxBasis?: string;
  SalesTaxPeriod?: string;
  /** Lock dates 'YYYY-MM-DD', absent when not set (lock-dates.ts); set by POST /__emulator/organisations/{tenantId}. */
  PeriodLockDate?: string;
  EndOfYearLockDate?: string;
}

export interface OrgData {
  organisation: Organisation;
  accounts: Account[];
  taxRates: TaxRate[];
  trackingCategories: TrackingCategory[];
  items: Map<string, Item>;
  contacts: Map<string, Contact>;
  invoices: Map<string, Invoice>;
  payments: Map<string, Payment>;
  nextInvoiceNumber: number;
  creditNotes: Map<string, CreditNote>;
  allocations: Map<string, Allocation>;
  nextCreditNoteNumber: number;
  overpayments: Map<string, Overpayment>;
}

/** What a test or the demo may pass to seed an organisation; omitted lists get the default seed. */
export interface OrgSeed {
  name: string;
  tenantId?: string;
  /** 'AU' (default), 'NZ' or 'GB': the region whose currency, tax rates, chart and items are seeded. */
  countryCode?: string;
  /** Overrides the region's currency. */
  baseCurrency?: string;
  items?: Array<{ Code: string; Name: string; UnitPrice?: number; AccountCode?: string; TaxType?: string }>;
}

export interface Connection {
  id: string;
  tenantId: string;
  clientId: string;
  userId: string;
  authEventId: string;
  createdDateUtc: number;
  updatedDateUtc: number;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  tenant: string | null;
  idempotencyKey: string | null;
  status: number;
  elements: number | null;
}

/**
 * How a date that is not on the calendar (2026-02-30) or unreadable is refused: 'request' (default) =
 * the whole request, 400 PostDataInvalidException, as Xero's .NET JSON reader refuses a value it cannot
 * convert (confirmed for enums, not for dates); 'element' = a ValidationError on that element only.
 */
export type DateErrors = 'request' | 'element';

/** A Xero-style error raised by handlers and turned into the matching HTTP response. */
export class XeroHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}
