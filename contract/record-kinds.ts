/**
 * The kinds of record Facility Sync sends to Xero, in dependency order (a contact before its
 * invoices, an invoice before its payments). The one table of their names: the singular id used
 * in the database and the sync engine, the plural used by the report and the CLI, the Xero noun
 * and the labels shown to people. Adding a kind starts here (see docs/record-kinds.md).
 */
export const RECORD_KINDS = [
  { kind: 'tenant', plural: 'tenants', xeroNoun: 'contact', noun: 'tenant', nouns: 'tenants', label: 'Tenants' },
  { kind: 'invoice', plural: 'invoices', xeroNoun: 'invoice', noun: 'invoice', nouns: 'invoices', label: 'Invoices' },
  { kind: 'payment', plural: 'payments', xeroNoun: 'payment', noun: 'payment', nouns: 'payments', label: 'Payments' },
  { kind: 'prepayment', plural: 'prepayments', xeroNoun: 'overpayment', noun: 'prepayment', nouns: 'prepayments', label: 'Prepayments' },
  { kind: 'credit_note', plural: 'credit-notes', xeroNoun: 'credit note', noun: 'credit note', nouns: 'credit notes', label: 'Credit notes' },
  { kind: 'allocation', plural: 'allocations', xeroNoun: 'allocation', noun: 'credit allocation', nouns: 'credit allocations', label: 'Credit allocations' },
  { kind: 'refund', plural: 'refunds', xeroNoun: 'payment', noun: 'refund', nouns: 'refunds', label: 'Refunds' },
] as const;

export type RecordKindInfo = (typeof RECORD_KINDS)[number];
/** 'tenant' | 'invoice' | ...: the database's and the engine's name of a kind. */
export type RecordKind = RecordKindInfo['kind'];
/** 'tenants' | 'invoices' | 'credit-notes' | ...: the report's and the CLI's name of a kind. */
export type RecordKindPlural = RecordKindInfo['plural'];

export const RECORD_KIND_PLURALS: readonly RecordKindPlural[] = RECORD_KINDS.map((k) => k.plural);

const BY_KIND = new Map<string, RecordKindInfo>(RECORD_KINDS.map((k) => [k.kind, k]));
const BY_PLURAL = new Map<string, RecordKindInfo>(RECORD_KINDS.map((k) => [k.plural, k]));

export function kindInfo(kind: RecordKind): RecordKindInfo {
  return BY_KIND.get(kind) as RecordKindInfo;
}

/** 'payments' -> 'payment'. */
export function kindOfPlural(plural: RecordKindPlural): RecordKind {
  return (BY_PLURAL.get(plural) as RecordKindInfo).kind;
}

/** "1 tenant", "2,675 invoices". */
export function countOf(n: number, kind: RecordKind): string {
  const k = kindInfo(kind);
  return `${n.toLocaleString('en-US')} ${n === 1 ? k.noun : k.nouns}`;
}

/** A record of every kind set to `value` (counts per kind start at 0). */
export function perKind<T>(value: () => T): Record<RecordKind, T> {
  return Object.fromEntries(RECORD_KINDS.map((k) => [k.kind, value()])) as Record<RecordKind, T>;
}
