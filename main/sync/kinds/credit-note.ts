/**
 * Credit notes -> Xero sales credit notes (ACCRECCREDIT, AUTHORISED): a move-out refund, a
 * discount given after the invoice, a correction, or a write-off after a lien sale. A credit note
 * waits for its tenant's contact; its lines are mapped like an invoice's (document-lines.ts),
 * except a write-off's, which all go to the Write-offs row (an expense account such as Bad Debts).
 * Applying it to an invoice is a separate record (allocation.ts), paying it back too (refund.ts).
 * A voided credit note becomes VOIDED once nothing is applied to it (void-rules.ts).
 * Natural key: CreditNoteNumber.
 */
import { CreditNote, LineAmountTypes } from 'xero-node';
import type { Db } from '../../db/open-database';
import { FIX_PATHS, type Mapping } from '../../mapping/mapping';
import type { MappingProblems } from '../../mapping/mapping-problems';
import { whereString, XERO_PAGE_SIZE } from '../../xero/api-client';
import { heldOutcome, requeueHeldWithMoney } from './held-documents';
import { documentDifferences, ourLineCents, type OurDocument } from './existing-documents';
import { currencyOf, lineItemsFor, readLines, type DocumentPlace } from './document-lines';
import type { KindModule, XeroChange, XeroChangeReader } from './kind-module';
import { missing, prepared, type PayloadResult } from './payload-helpers';
import { gone, notBuilt, waitFor } from './plan-outcomes';
import { datedSuffix, lockedPeriodFor } from '../locked-period';
import { startDateFor } from '../start-date';
import { settlesVoidRefusal, voidBlocked, voidedBeforeSync, voidRefusalSettler } from './void-rules';
import { compareDocuments } from './xero-compare';

const REASON_LABELS: Record<string, string> = { refund: 'Refund', discount: 'Discount', write_off: 'Write-off', adjustment: 'Adjustment' };

interface CreditNoteData extends DocumentPlace {
  credit_note_number: string; issue_date: string; reason: string; unit_name: string | null; invoice_number: string | null;
}

export function buildCreditNotePayload(
  db: Db, creditNoteId: number, mapping: Mapping, contactXeroId: string, problems?: MappingProblems,
): PayloadResult<CreditNote> {
  const cn = prepared(
    db,
    `SELECT 'Credit note ' || c.credit_note_number AS label, c.credit_note_number, c.issue_date, c.reason, l.currency,
            l.external_id AS location_ext, b.external_id AS building_ext, u.unit_type, u.name AS unit_name, i.invoice_number
     FROM credit_notes c JOIN tenants t ON t.id = c.tenant_id
     LEFT JOIN invoices i ON i.id = c.invoice_id
     LEFT JOIN units u ON u.id = COALESCE(c.unit_id, i.unit_id, t.unit_id)
     LEFT JOIN buildings b ON b.id = u.building_id
     JOIN locations l ON l.id = COALESCE(b.location_id, t.location_id)
     WHERE c.id = ?`,
  ).get(creditNoteId) as CreditNoteData | undefined;
  if (!cn) return missing('credit note', creditNoteId);
  const lines = readLines(db, 'credit_note_lines', 'credit_note_id', creditNoteId);
  if (lines.length === 0) {
    return {
      ok: false, code: 'credit_note_no_lines',
      explanation: `Credit note ${cn.credit_note_number} has no lines, and Xero does not accept an approved credit note without lines.`,
      fix: `Add the credit note's lines in the facility system and import credit_note_lines.csv again.`,
    };
  }
  const currency = currencyOf(cn);
  if (!currency.ok) return currency;
  let writeOff;
  if (cn.reason === 'write_off') {
    writeOff = mapping.writeOff;
    // Not chosen: said here, naming the credit note; chosen: the mapping check says what is wrong with it.
    if (!writeOff?.accountCode) {
      return {
        ok: false, code: 'mapping_write_off',
        explanation: `Write-offs are not mapped to a Xero account, so write-off credit note ${cn.credit_note_number} cannot be sent.`,
        fix: `${FIX_PATHS.products}: choose an account for Write-offs`,
      };
    }
    const problem = problems?.writeOff();
    if (problem) return { ok: false, ...problem };
  }
  const lineItems = lineItemsFor(cn, lines, mapping, problems, writeOff);
  if (!lineItems.ok) return lineItems;
  const reference = [
    REASON_LABELS[cn.reason] ?? cn.reason,
    cn.invoice_number ? `for ${cn.invoice_number}` : null,
    cn.unit_name ? `(Unit ${cn.unit_name})` : null,
  ].filter(Boolean).join(' ');
  return {
    ok: true,
    payload: {
      type: CreditNote.TypeEnum.ACCRECCREDIT,
      contact: { contactID: contactXeroId },
      creditNoteNumber: cn.credit_note_number,
      date: cn.issue_date,
      status: CreditNote.StatusEnum.AUTHORISED,
      lineAmountTypes: LineAmountTypes[mapping.lineAmountTypes],
      currencyCode: currency.payload,
      reference,
      lineItems: lineItems.payload,
    },
  };
}

export const creditNoteKind: KindModule = {
  kind: 'credit_note',
  requeueBeforePlanning: (ctx, now) => requeueHeldWithMoney('credit_note', ctx, now),
  planner({ db, store, mapping, mappingProblems, lockedPeriod, startDate }) {
    const info = db.prepare(
      `SELECT c.tenant_id, t.external_id AS tenant_ref, c.status, c.credit_note_number, c.issue_date
       FROM credit_notes c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = ?`,
    );
    return (row) => {
      const cn = info.get(row.record_id) as { tenant_id: number; tenant_ref: string; status: string; credit_note_number: string; issue_date: string } | undefined;
      if (!cn) return { type: 'fail', error: gone('credit_note') };
      const xeroId = store.xeroIdOf('credit_note', row.record_id);
      const start = xeroId ? null : startDateFor(startDate, cn.issue_date, 'credit note');
      if (start?.type === 'before') return heldOutcome(db, 'credit_note', row.record_id, startDate as string, start.outcome);
      const lock = lockedPeriodFor(lockedPeriod, cn.issue_date);
      if (lock.type === 'hold' && (xeroId || cn.status !== 'void')) return lock.outcome;
      if (cn.status === 'void') {
        if (!xeroId) return voidedBeforeSync('credit_note');
        const blocked = voidBlocked(db, 'credit_note', row.record_id, `Credit note ${cn.credit_note_number}`);
        if (blocked) return blocked;
        const payload: CreditNote = { creditNoteID: xeroId, status: CreditNote.StatusEnum.VOIDED };
        return { type: 'send', item: { row, op: 'update', payload, xeroId } };
      }
      const contactId = store.xeroIdOf('tenant', cn.tenant_id);
      if (!contactId) return waitFor('tenant', cn.tenant_ref, 'credit_note');
      const built = buildCreditNotePayload(db, row.record_id, mapping, contactId, mappingProblems);
      if (!built.ok) return notBuilt(built);
      if (xeroId) built.payload.creditNoteID = xeroId;
      if (lock.type === 'redate') {
        built.payload.date = lock.date;
        built.payload.reference = `${built.payload.reference ?? 'Credit note'}${datedSuffix(cn.issue_date)}`;
      }
      return { type: 'send', item: { row, op: xeroId ? 'update' : 'create', payload: built.payload, xeroId } };
    };
  },
  async send(client, op, items, key) {
    const notes = items.map((i) => i.payload as CreditNote);
    return (await (op === 'create' ? client.createCreditNotes(notes, key) : client.saveCreditNotes(notes, key))).body.creditNotes ?? [];
  },
  xeroIdOf: (el) => (el as CreditNote).creditNoteID,
  naturalKey: (db, recordId) =>
    (prepared(db, 'SELECT credit_note_number FROM credit_notes WHERE id = ?').pluck().get(recordId) as string | undefined) ?? null,
  async findByNaturalKey(client, keys) {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const res = await client.findCreditNotes(keys.map((k) => `CreditNoteNumber==${whereString(k)}`).join(' OR '));
    for (const cn of res.body.creditNotes ?? []) {
      if (cn.creditNoteNumber && cn.creditNoteID && String(cn.status) !== 'DELETED') out.set(cn.creditNoteNumber, cn.creditNoteID);
    }
    return out;
  },
  async lookupExisting(db, client, recordIds) {
    const numbers = new Map(recordIds.map((id) => [creditNoteKind.naturalKey(db, id), id]));
    const out = new Map<number, CreditNote>();
    const wanted = [...numbers.keys()].filter((n): n is string => n !== null);
    if (wanted.length === 0) return out;
    const where = wanted.map((k) => `CreditNoteNumber==${whereString(k)}`).join(' OR ');
    for (let page = 1; ; page++) {
      const found = (await client.findCreditNotesPage(where, page)).body.creditNotes ?? [];
      for (const cn of found) {
        const id = numbers.get(cn.creditNoteNumber ?? null);
        if (id !== undefined && cn.creditNoteID && String(cn.status) !== 'DELETED') out.set(id, cn);
      }
      if (found.length < XERO_PAGE_SIZE) break;
    }
    return out;
  },
  compareExisting(db, recordId, xeroRecord) {
    const ours = prepared(
      db,
      `SELECT c.total_cents, c.issue_date, NULL AS due_date, x.xero_id AS contact_xero_id, t.name AS contact_name
       FROM credit_notes c JOIN tenants t ON t.id = c.tenant_id LEFT JOIN xero_links x ON x.kind = 'tenant' AND x.record_id = t.id WHERE c.id = ?`,
    ).get(recordId) as OurDocument | undefined;
    if (!ours) return [];
    return documentDifferences(ours, ourLineCents(db, 'credit_note_lines', 'credit_note_id', recordId), xeroRecord as CreditNote);
  },
  settlesRefusal: settlesVoidRefusal,
  settleRefusal: voidRefusalSettler(async (ctx, id) => String((await ctx.client.getCreditNote(id)).body.creditNotes?.[0]?.status ?? '')),
  report: {
    detailsSql: `SELECT c.id, c.external_id, t.name AS tenant_name, c.credit_note_number AS reference, c.total_cents AS amount_cents,
                   NULL AS payment_method, NULL AS xero_invoice_id
            FROM credit_notes c JOIN tenants t ON t.id = c.tenant_id WHERE c.id IN (SELECT value FROM json_each(@ids))`,
    amountSql: `SELECT id, CASE WHEN status = 'void' THEN 0 ELSE total_cents END AS amount_cents FROM credit_notes`,
    webUrl: (xeroId) => (xeroId ? `https://go.xero.com/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${xeroId}` : null),
  },
  externalIdSql: 'SELECT id FROM credit_notes WHERE external_id = @v OR credit_note_number = @v',
  xeroChanges: { collection: 'CreditNotes', compare: compareCreditNotes } satisfies XeroChangeReader,
};

/** Xero cannot un-void (or bring back) a credit note: what the user does instead. */
const GONE_FIX =
  "Xero cannot bring back a voided or deleted credit note. If Xero is right, void the credit note in the facility system too; if the credit stands, issue a new credit note in the facility system (it reaches Xero as a new credit note). Then choose Accept Xero's.";

/** Changed credit notes in Xero (xero-compare.ts compareDocuments): voided, deleted, or other line amounts. */
function compareCreditNotes(db: Db, records: object[]): XeroChange[] {
  return compareDocuments(db, {
    kind: 'credit_note',
    facilitySql: `SELECT c.status, (SELECT COALESCE(SUM(amount_cents), 0) FROM credit_note_lines l WHERE l.credit_note_id = c.id) AS lines_cents
                  FROM credit_notes c WHERE c.id = ?`,
    goneFix: GONE_FIX,
  }, (records as CreditNote[]).map((c) => ({ ...c, id: c.creditNoteID })));
}
