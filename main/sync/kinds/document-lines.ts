/**
 * What invoices and credit notes share: their lines take the item/account/tax of their charge
 * type's mapping (or, for a write-off, the Write-offs row) and up to two tracking options from the
 * document's location, building and unit type; the currency comes from the location.
 */
import { CurrencyCode, type LineItem, type LineItemTracking } from 'xero-node';
import type { WriteOffMapping } from '../../../contract';
import type { Db } from '../../db/open-database';
import { FIX_PATHS, TRACKING_SOURCE_LABELS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import { centsToDecimal, prepared, type PayloadResult } from './payload-helpers';

/** The document as people know it ("Invoice INV-1", "Credit note CN-1") and where it belongs. */
export interface DocumentPlace {
  label: string;
  currency: string;
  location_ext: string;
  building_ext: string | null;
  unit_type: string | null;
}

export interface DocumentLine {
  line_no: number; description: string; quantity: number; unit_amount_cents: number; charge_ext: string; charge_name: string;
}

/** `table`: the lines table; `key`: its column naming the document. */
export function readLines(db: Db, table: 'invoice_lines' | 'credit_note_lines', key: 'invoice_id' | 'credit_note_id', id: number): DocumentLine[] {
  return prepared(
    db,
    `SELECT l.line_no, l.description, l.quantity, l.unit_amount_cents, ct.external_id AS charge_ext, ct.name AS charge_name
     FROM ${table} l JOIN charge_types ct ON ct.id = l.charge_type_id WHERE l.${key} = ? ORDER BY l.line_no`,
  ).all(id) as DocumentLine[];
}

export function currencyOf(doc: Pick<DocumentPlace, 'label' | 'currency'>): PayloadResult<CurrencyCode> {
  const currency = CurrencyCode[doc.currency as keyof typeof CurrencyCode] as CurrencyCode | undefined;
  if (currency !== undefined) return { ok: true, payload: currency };
  return {
    ok: false, code: 'invoice_currency',
    explanation: `${doc.label} is in "${doc.currency}", which Xero does not know as a currency.`,
    fix: `Correct the location's currency (a 3-letter code such as AUD) in the facility system and import locations.csv again.`,
  };
}

/**
 * The Xero line items. `writeOff`: every line goes to the Write-offs account and tax instead of
 * its charge type's mapping (a debt written off is an expense, whatever was charged).
 */
export function lineItemsFor(
  doc: DocumentPlace, lines: DocumentLine[], mapping: Mapping, problems: MappingProblems | undefined,
  writeOff?: WriteOffMapping,
): PayloadResult<LineItem[]> {
  const tracking = trackingFor(doc, mapping, problems);
  if (!tracking.ok) return tracking;
  const items: LineItem[] = [];
  for (const line of lines) {
    const item: LineItem = { description: line.description, quantity: line.quantity, unitAmount: centsToDecimal(line.unit_amount_cents) };
    if (writeOff) {
      if (writeOff.accountCode) item.accountCode = writeOff.accountCode;
      if (writeOff.taxType) item.taxType = writeOff.taxType;
    } else {
      const problem = problems?.chargeType(line.charge_ext);
      if (problem) return { ok: false, ...problem };
      const m = mapping.chargeTypes[line.charge_ext];
      if (!m || (!m.itemCode && !m.accountCode)) {
        return {
          ok: false, code: 'mapping_charge_type',
          explanation: `The charge type "${line.charge_name}" (line ${line.line_no} of ${lowerFirst(doc.label)}) is not mapped to a Xero item or account.`,
          fix: `${FIX_PATHS.products}: map ${line.charge_name}`,
        };
      }
      if (m.itemCode) item.itemCode = m.itemCode;
      if (m.accountCode) item.accountCode = m.accountCode;
      if (m.taxType) item.taxType = m.taxType;
    }
    if (tracking.payload.length > 0) item.tracking = tracking.payload;
    items.push(item);
  }
  return { ok: true, payload: items };
}

/** The (at most 2) tracking entries a document's lines carry, from its location, building and unit type. */
function trackingFor(doc: DocumentPlace, mapping: Mapping, problems?: MappingProblems): PayloadResult<LineItemTracking[]> {
  const out: LineItemTracking[] = [];
  for (const t of mapping.tracking.slice(0, 2)) {
    const value = t.source === 'location' ? doc.location_ext : t.source === 'building' ? doc.building_ext : doc.unit_type;
    const problem = problems?.tracking(t.source, value);
    if (problem) return { ok: false, ...problem };
    // A document with no unit has no building or unit type: nothing to track in that category.
    if (value === null) continue;
    const option = t.options[value];
    if (!option) {
      const label = TRACKING_SOURCE_LABELS[t.source].toLowerCase();
      return {
        ok: false, code: 'mapping_tracking_option',
        explanation: `${doc.label} is for ${label} "${value}", which has no option in the tracking category "${t.categoryName}".`,
        fix: `${FIX_PATHS.categories}: choose a "${t.categoryName}" option for ${value}`,
      };
    }
    out.push({ name: t.categoryName, option });
  }
  return { ok: true, payload: out };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
