/**
 * Credit notes, allocations, refunds and voids as the planner sees them (issue 13): payloads and
 * what waits, fails or is sent. Facility rows are written with SQL here (the import of these files
 * has its own tests); the engine tests send them to the emulator.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import type { Db } from '../../main/db/open-database';
import { buildCreditNotePayload } from '../../main/sync/kinds/credit-note';
import { createPlanner } from '../../main/sync/planner';
import { createOutboxStore, type OutboxRow } from '../../main/sync/records/outbox-store';
import type { RecordKind } from '../../contract/record-kinds';
import { idOf, openSampleFacilityDb } from '../helpers/sample-facility-db';

const AT = '2025-03-01T00:00:00.000Z';
const MAPPING: Mapping = {
  tracking: [{ source: 'location', categoryId: null, categoryName: 'Location', options: { 'LOC-SYD': 'Sydney', 'LOC-MEL': 'Melbourne' } }],
  chargeTypes: {
    'CT-RENT': { itemCode: null, accountCode: '200', taxType: 'OUTPUT' },
    'CT-INS': { itemCode: null, accountCode: '260', taxType: 'OUTPUT' },
    'CT-LOCK': { itemCode: null, accountCode: '200', taxType: 'OUTPUT' },
    'CT-LATE': { itemCode: null, accountCode: '260', taxType: 'OUTPUT' },
  },
  paymentAccounts: { credit_card: 'acc-bank', online_banking: 'acc-bank', cash: 'acc-cash' },
  lineAmountTypes: 'Inclusive',
  writeOff: { accountCode: '684', taxType: 'OUTPUT' },
};

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
});
afterEach(() => db.close());

function creditNote(ext: string, number: string, tenant: string, reason: string, opts: { invoice?: string; status?: string; lines?: [string, number][] } = {}): number {
  const id = Number(db.prepare(
    `INSERT INTO credit_notes (external_id, credit_note_number, tenant_id, invoice_id, issue_date, reason, status, total_cents, updated_at)
     VALUES (?, ?, ?, ?, '2025-02-20', ?, ?, ?, ?)`,
  ).run(ext, number, idOf(db, 'tenants', tenant), opts.invoice ? idOf(db, 'invoices', opts.invoice) : null, reason, opts.status ?? 'open',
    (opts.lines ?? [['CT-RENT', 4450]]).reduce((s, [, c]) => s + c, 0), AT).lastInsertRowid);
  (opts.lines ?? [['CT-RENT', 4450]]).forEach(([charge, cents], i) => {
    db.prepare(
      `INSERT INTO credit_note_lines (external_id, credit_note_id, line_no, charge_type_id, description, quantity, unit_amount_cents, amount_cents, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    ).run(`${ext}-L${i + 1}`, id, i + 1, idOf(db, 'charge_types', charge), `Credit line ${i + 1}`, cents, cents, AT);
  });
  return id;
}

function link(kind: RecordKind, recordId: number, xeroId: string): void {
  db.prepare('INSERT INTO xero_links (kind, record_id, xero_id, linked_at) VALUES (?, ?, ?, ?)').run(kind, recordId, xeroId, AT);
}

function plan(kind: RecordKind, recordId: number, mapping = MAPPING) {
  const store = createOutboxStore(db);
  const row: OutboxRow = { id: 1, kind, record_id: recordId, change: 'create', content_hash: 'h', status: 'pending', attempts: 0, batch_key: null, last_attempt_at: null };
  return createPlanner(db, store, mapping).plan(row);
}

describe('credit notes', () => {
  test('an approved ACCRECCREDIT with mapped lines, tracking, the reason and the invoice in the reference', () => {
    const id = creditNote('CN-1', 'CN-0001', 'T-1001', 'adjustment', { invoice: 'INV-5001', lines: [['CT-RENT', 4450], ['CT-LOCK', -1000]] });
    const r = buildCreditNotePayload(db, id, MAPPING, 'contact-1');
    if (!r.ok) throw new Error(r.explanation);
    expect(r.payload).toMatchObject({
      type: 'ACCRECCREDIT', status: 'AUTHORISED', creditNoteNumber: 'CN-0001', date: '2025-02-20', currencyCode: 'AUD',
      contact: { contactID: 'contact-1' }, reference: 'Adjustment for SYD-5001 (Unit A101)',
    });
    expect(r.payload.lineItems).toEqual([
      { description: 'Credit line 1', quantity: 1, unitAmount: 44.5, accountCode: '200', taxType: 'OUTPUT', tracking: [{ name: 'Location', option: 'Sydney' }] },
      { description: 'Credit line 2', quantity: 1, unitAmount: -10, accountCode: '200', taxType: 'OUTPUT', tracking: [{ name: 'Location', option: 'Sydney' }] },
    ]);
  });

  test("a write-off's lines all go to the Write-offs account; without one it waits for the mapping", () => {
    const id = creditNote('CN-2', 'CN-0002', 'T-1003', 'write_off', { lines: [['CT-RENT', 14500], ['CT-LATE', 1500]] });
    const r = buildCreditNotePayload(db, id, MAPPING, 'contact-3');
    if (!r.ok) throw new Error(r.explanation);
    expect(r.payload.lineItems?.map((l) => [l.accountCode, l.taxType])).toEqual([['684', 'OUTPUT'], ['684', 'OUTPUT']]);
    link('tenant', idOf(db, 'tenants', 'T-1003'), 'contact-3');
    const { writeOff: _none, ...unmapped } = MAPPING;
    expect(plan('credit_note', id, unmapped)).toMatchObject({
      type: 'wait',
      error: { code: 'mapping_write_off', explanation: expect.stringContaining('CN-0002'), fix: expect.stringContaining('Write-offs') },
    });
  });

  test('waits for its contact; a void one never sent sends nothing; a void one sent waits for its refunds and allocation to be removed', () => {
    const id = creditNote('CN-3', 'CN-0003', 'T-1002', 'refund', { invoice: 'INV-5002' });
    expect(plan('credit_note', id)).toMatchObject({ type: 'wait', error: { code: 'waiting_for_tenant' } });
    db.prepare("UPDATE credit_notes SET status = 'void' WHERE id = ?").run(id);
    expect(plan('credit_note', id)).toMatchObject({ type: 'exclude', error: { code: 'voided_before_sync' } });

    link('credit_note', id, 'cn-x');
    const refund = Number(db.prepare(
      `INSERT INTO refunds (external_id, credit_note_id, paid_on, amount_cents, method, status, updated_at) VALUES ('R-1', ?, '2025-02-21', 1000, 'cash', 'completed', ?)`,
    ).run(id, AT).lastInsertRowid);
    link('refund', refund, 'pay-r1');
    expect(plan('credit_note', id)).toMatchObject({ type: 'fail', error: { code: 'void_with_payments', explanation: expect.stringContaining('refund R-1 of 10.00') } });
    db.prepare("UPDATE refunds SET status = 'reversed' WHERE id = ?").run(refund);
    expect(plan('credit_note', id)).toMatchObject({ type: 'wait', error: { code: 'waiting_for_removal', explanation: expect.stringContaining('refund R-1') } });
    db.prepare("DELETE FROM xero_links WHERE kind = 'refund'").run();
    expect(plan('credit_note', id)).toMatchObject({ type: 'send', item: { op: 'update', payload: { creditNoteID: 'cn-x', status: 'VOIDED' } } });
  });
});

describe('voided invoices', () => {
  test('wait for their payments to be removed from Xero, fail while the facility still has them completed, then go VOIDED', () => {
    const inv = idOf(db, 'invoices', 'INV-5002');
    db.prepare("UPDATE invoices SET status = 'void' WHERE id = ?").run(inv);
    expect(plan('invoice', inv)).toMatchObject({ type: 'exclude', error: { code: 'voided_before_sync' } });
    link('invoice', inv, 'inv-x');
    link('payment', idOf(db, 'payments', 'P-9002'), 'pay-2');
    expect(plan('invoice', inv)).toMatchObject({
      type: 'fail', error: { code: 'void_with_payments', explanation: expect.stringContaining('payment P-9002 of 300.00'), fix: expect.stringContaining('payments.csv') },
    });
    db.prepare("UPDATE payments SET status = 'reversed' WHERE external_id = 'P-9002'").run();
    expect(plan('invoice', inv)).toMatchObject({ type: 'wait', error: { code: 'waiting_for_removal' } });
    db.prepare("DELETE FROM xero_links WHERE kind = 'payment'").run();
    expect(plan('invoice', inv)).toMatchObject({ type: 'send', item: { op: 'update', payload: { invoiceID: 'inv-x', status: 'VOIDED' } } });
    // A payment still completed on an invoice that was void before it was sent cannot go anywhere.
    db.prepare("DELETE FROM xero_links WHERE kind = 'invoice'").run();
    expect(plan('payment', idOf(db, 'payments', 'P-9003'))).toMatchObject({ type: 'fail', error: { code: 'payment_on_void_invoice' } });
  });
});

describe('allocations and refunds', () => {
  function allocation(cn: number, invoice: string, cents: number, status = 'completed'): number {
    return Number(db.prepare(
      `INSERT INTO allocations (external_id, credit_note_id, invoice_id, amount_cents, allocated_on, status, updated_at)
       VALUES ('CN:' || ?, ?, ?, ?, '2025-02-20', ?, ?)`,
    ).run(String(cn), cn, idOf(db, 'invoices', invoice), cents, status, AT).lastInsertRowid);
  }

  test('an allocation waits for its credit note and invoice, then applies the amount on its date; taken back it is deleted', () => {
    const cn = creditNote('CN-4', 'CN-0004', 'T-1001', 'discount', { invoice: 'INV-5004' });
    const a = allocation(cn, 'INV-5004', 4450);
    expect(plan('allocation', a)).toMatchObject({ type: 'wait', error: { code: 'waiting_for_credit_note', explanation: 'Waiting for credit note CN-0004 to reach Xero.' } });
    link('credit_note', cn, 'cn-4');
    expect(plan('allocation', a)).toMatchObject({ type: 'wait', error: { code: 'waiting_for_invoice' } });
    link('invoice', idOf(db, 'invoices', 'INV-5004'), 'inv-4');
    expect(plan('allocation', a)).toMatchObject({
      type: 'send', item: { op: 'create', payload: { source: 'credit_note', sourceId: 'cn-4', allocation: { invoice: { invoiceID: 'inv-4' }, amount: 44.5, date: '2025-02-20' } } },
    });
    link('allocation', a, 'alloc-4');
    expect(plan('allocation', a)).toMatchObject({ type: 'fail', error: { code: 'allocation_locked' } });
    db.prepare("UPDATE allocations SET status = 'reversed' WHERE id = ?").run(a);
    expect(plan('allocation', a)).toMatchObject({ type: 'send', item: { op: 'delete', xeroId: 'alloc-4', payload: { source: 'credit_note', sourceId: 'cn-4' } } });
    db.prepare("DELETE FROM xero_links WHERE kind = 'allocation'").run();
    expect(plan('allocation', a)).toMatchObject({ type: 'exclude', error: { code: 'reversed_before_sync' } });
  });

  test('a refund is a payment on the credit note with its own reference, from the bank account of its method', () => {
    const cn = creditNote('CN-5', 'CN-0005', 'T-1004', 'refund');
    const r = Number(db.prepare(
      `INSERT INTO refunds (external_id, credit_note_id, paid_on, amount_cents, method, status, updated_at) VALUES ('R-5', ?, '2025-02-22', 4450, 'online_banking', 'completed', ?)`,
    ).run(cn, AT).lastInsertRowid);
    expect(plan('refund', r)).toMatchObject({ type: 'wait', error: { code: 'waiting_for_credit_note' } });
    link('credit_note', cn, 'cn-5');
    expect(plan('refund', r)).toMatchObject({
      type: 'send',
      item: { op: 'create', payload: { creditNote: { creditNoteID: 'cn-5' }, account: { accountID: 'acc-bank' }, amount: 44.5, date: '2025-02-22', reference: 'FS-REF:R-5' } },
    });
    expect(plan('refund', r, { ...MAPPING, paymentAccounts: {} })).toMatchObject({ type: 'wait', error: { code: 'mapping_payment_account' } });
    db.prepare("UPDATE credit_notes SET status = 'void' WHERE id = ?").run(cn);
    expect(plan('refund', r)).toMatchObject({ type: 'fail', error: { code: 'refund_on_void_credit_note' } });
  });
});
