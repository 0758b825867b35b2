/**
 * /CreditNotes over real HTTP through xero-node: create, number, price, update, status rules, the
 * refusals and their messages, where/order/paging and Idempotency-Key; and discount lines on invoices.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CreditNote, Invoice, LineAmountTypes } from 'xero-node';
import { failure, useEmulatorApi } from '../../helpers/emulator-clients';

// More calls than Xero's 60 a minute: these tests are about documents, not rate limits.
const xero = useEmulatorApi({ limits: { perMinute: 1000 } });
let adaId = '';
beforeAll(async () => {
  const made = await xero.api.createContacts(xero.tenant, {
    contacts: [{ name: 'Ada Lovelace', contactNumber: 'T-1' }, { name: 'Grace Hopper', contactNumber: 'T-2' }, { name: 'Gone Tenant', contactNumber: 'T-GONE' }],
  });
  adaId = made.body.contacts?.[0]?.contactID ?? '';
  const gone = made.body.contacts?.[2]?.contactID ?? '';
  await xero.api.updateContact(xero.tenant, gone, { contacts: [{ contactStatus: 'ARCHIVED' as never }] });
});

const rent = { description: 'Unit 12 rent, March (refund)', quantity: 1, unitAmount: 50, accountCode: '200', taxType: 'OUTPUT' };
const creditNote = (over: Partial<CreditNote> = {}): CreditNote => ({
  type: CreditNote.TypeEnum.ACCRECCREDIT,
  contact: { contactNumber: 'T-1' },
  date: '2026-03-10',
  status: CreditNote.StatusEnum.AUTHORISED,
  lineItems: [rent],
  ...over,
});
const messages = (els: Array<{ validationErrors?: Array<{ message?: string }> }> = []) => els.map((e) => e.validationErrors?.map((v) => v.message) ?? []);

describe('creating credit notes', () => {
  it('creates an ACCRECCREDIT credit note, numbers it CN-0001 and computes its totals and RemainingCredit', async () => {
    const res = await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ reference: 'FAC-CN-1' })] });
    const cn = res.body.creditNotes?.[0];
    expect(cn).toMatchObject({ creditNoteNumber: 'CN-0001', type: 'ACCRECCREDIT', status: 'AUTHORISED', subTotal: 50, totalTax: 5, total: 55, remainingCredit: 55, reference: 'FAC-CN-1' });
    expect(cn?.contact?.contactID).toBe(adaId);
    expect(cn?.date).toEqual(new Date('2026-03-10T00:00:00Z'));
    expect(cn?.allocations).toEqual([]);
    expect(cn?.payments).toEqual([]);
    const raw = res.response.data as { CreditNotes: Array<{ Date: string; UpdatedDateUTC: string }> };
    expect(raw.CreditNotes[0]?.Date).toBe(`/Date(${Date.UTC(2026, 2, 10)}+0000)/`);
    expect(raw.CreditNotes[0]?.UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    const byId = (await xero.api.getCreditNote(xero.tenant, cn?.creditNoteID ?? '')).body.creditNotes?.[0];
    expect(byId).toMatchObject({ creditNoteNumber: 'CN-0001', remainingCredit: 55 });
  });

  it('prices lines exactly as invoice lines: items, tracking, Inclusive, NoTax and a negative (discount) line', async () => {
    const res = await xero.api.createCreditNotes(xero.tenant, {
      creditNotes: [
        creditNote({ lineItems: [{ itemCode: 'RENT', quantity: 1, tracking: [{ name: 'Location', option: 'Harbourside' }] }, { description: 'Goodwill discount', quantity: 1, unitAmount: -20, accountCode: '200', taxType: 'OUTPUT' }] }),
        creditNote({ lineAmountTypes: LineAmountTypes.Inclusive, lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 110, accountCode: '200' }] }),
        creditNote({ lineAmountTypes: LineAmountTypes.NoTax, contact: { contactID: adaId }, lineItems: [{ description: 'Deposit', quantity: 2, unitAmount: 33.33, accountCode: '855' }] }),
      ],
    });
    const [items, incl, noTax] = res.body.creditNotes ?? [];
    expect(items).toMatchObject({ subTotal: 100, totalTax: 10, total: 110, remainingCredit: 110 });
    expect(items?.lineItems?.[0]).toMatchObject({ description: 'Storage unit rent', accountCode: '200', lineAmount: 120, tracking: [{ name: 'Location', option: 'Harbourside' }] });
    expect(items?.lineItems?.[1]).toMatchObject({ lineAmount: -20, taxAmount: -2 });
    expect(incl).toMatchObject({ subTotal: 100, totalTax: 10, total: 110 });
    expect(noTax).toMatchObject({ subTotal: 66.66, totalTax: 0, total: 66.66 });
  });

  it('refuses with Xero\'s messages: other types, a taken number, an archived contact, no Date, a negative total, bad lines', async () => {
    const res = await xero.api.createCreditNotes(xero.tenant, {
      creditNotes: [
        creditNote({ type: CreditNote.TypeEnum.ACCPAYCREDIT }),
        creditNote({ creditNoteNumber: 'CN-0001' }),
        creditNote({ contact: { contactNumber: 'T-GONE' } }),
        creditNote({ date: undefined }),
        creditNote({ lineItems: [rent, { description: 'Too much discount', quantity: 1, unitAmount: -60, accountCode: '200', taxType: 'OUTPUT' }] }),
        creditNote({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '999' }] }),
        creditNote({ status: CreditNote.StatusEnum.PAID }),
        creditNote({ creditNoteID: '00000000-0000-0000-0000-000000000001' }),
        creditNote({ status: CreditNote.StatusEnum.AUTHORISED, lineItems: [] }),
      ],
    }, false);
    expect(res.response.status).toBe(200);
    expect(messages(res.body.creditNotes)).toEqual([
      ['Credit note type ACCPAYCREDIT is not supported here: only ACCRECCREDIT (sales) credit notes.'],
      ['Credit Note # must be unique.'],
      ['The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.'],
      ['The Date field is mandatory.'],
      ['The credit note total must not be negative.'],
      ["Account code '999' is not a valid code for this document."],
      ['Credit Note not of valid status for creation'],
      ['An existing Credit Note with the specified CreditNoteID could not be found'],
      ['An approved credit note must have at least one line item.'],
    ]);
    expect(res.body.creditNotes?.every((c) => c.hasErrors && c.statusAttributeString === 'ERROR')).toBe(true);
    // summarizeErrors (the default): one 400 and nothing kept.
    const before = (await xero.api.getCreditNotes(xero.tenant)).body.creditNotes?.length;
    const err = await failure(xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ reference: 'KEPT?' }), creditNote({ creditNoteNumber: 'CN-0001' })] }));
    expect(err.response.statusCode).toBe(400);
    expect(err.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    expect(err.body.Elements[1].ValidationErrors[0].Message).toBe('Credit Note # must be unique.');
    expect((await xero.api.getCreditNotes(xero.tenant)).body.creditNotes?.length).toBe(before);
  });
});

describe('updating credit notes', () => {
  it('POST updates by CreditNoteID (path or body) and by CreditNoteNumber, and creates when the number is new', async () => {
    const draft = (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ creditNoteNumber: 'CN-UPD', status: CreditNote.StatusEnum.DRAFT })] })).body.creditNotes?.[0];
    const id = draft?.creditNoteID ?? '';
    const byPath = await xero.api.updateCreditNote(xero.tenant, id, { creditNotes: [{ reference: 'by path' }] });
    expect(byPath.body.creditNotes?.[0]).toMatchObject({ creditNoteID: id, reference: 'by path', status: 'DRAFT', total: 55 });
    const byNumber = await xero.api.updateOrCreateCreditNotes(xero.tenant, { creditNotes: [{ creditNoteNumber: 'CN-UPD', lineItems: [{ ...rent, unitAmount: 40 }] }] });
    expect(byNumber.body.creditNotes?.[0]).toMatchObject({ creditNoteID: id, total: 44 });
    const byBodyId = await xero.api.updateOrCreateCreditNotes(xero.tenant, { creditNotes: [{ creditNoteID: id, status: CreditNote.StatusEnum.AUTHORISED }] });
    expect(byBodyId.body.creditNotes?.[0]).toMatchObject({ creditNoteID: id, status: 'AUTHORISED', remainingCredit: 44 });
    const created = await xero.api.updateOrCreateCreditNotes(xero.tenant, { creditNotes: [creditNote({ creditNoteNumber: 'CN-NEW' })] });
    expect(created.body.creditNotes?.[0]?.creditNoteID).not.toBe(id);
    const missing = await failure(xero.api.updateCreditNote(xero.tenant, '00000000-0000-0000-0000-000000000002', { creditNotes: [{ reference: 'x' }] }));
    expect(missing.response.statusCode).toBe(404);
  });

  it('follows Xero\'s status rules: DRAFT -> AUTHORISED -> VOIDED (no credit left), never back, VOIDED is final', async () => {
    const draft = (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ status: CreditNote.StatusEnum.DRAFT })] })).body.creditNotes?.[0];
    const id = draft?.creditNoteID ?? '';
    expect(draft?.remainingCredit).toBe(55);
    await xero.api.updateCreditNote(xero.tenant, id, { creditNotes: [{ status: CreditNote.StatusEnum.AUTHORISED }] });
    const back = await failure(xero.api.updateCreditNote(xero.tenant, id, { creditNotes: [{ status: CreditNote.StatusEnum.DRAFT }] }));
    expect(back.body.Elements[0].ValidationErrors[0].Message).toBe('Credit Note not of valid status for modification');
    const deleted = await failure(xero.api.updateCreditNote(xero.tenant, id, { creditNotes: [{ status: CreditNote.StatusEnum.DELETED }] }));
    expect(deleted.body.Elements[0].ValidationErrors[0].Message).toBe('Credit Note not of valid status for modification');
    const voided = await xero.api.updateCreditNote(xero.tenant, id, { creditNotes: [{ status: CreditNote.StatusEnum.VOIDED }] });
    expect(voided.body.creditNotes?.[0]).toMatchObject({ status: 'VOIDED', remainingCredit: 0 });
    const after = await failure(xero.api.updateCreditNote(xero.tenant, id, { creditNotes: [{ reference: 'too late' }] }));
    expect(after.body.Elements[0].ValidationErrors[0].Message).toBe('Credit Note not of valid status for modification');
    const other = (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ status: CreditNote.StatusEnum.SUBMITTED })] })).body.creditNotes?.[0];
    const gone = await xero.api.updateCreditNote(xero.tenant, other?.creditNoteID ?? '', { creditNotes: [{ status: CreditNote.StatusEnum.DELETED }] });
    expect(gone.body.creditNotes?.[0]).toMatchObject({ status: 'DELETED', remainingCredit: 0 });
  });
});

describe('listing credit notes', () => {
  it('filters with where (numbers, contact guid), orders and pages as Invoices do', async () => {
    const grace = (await xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ creditNoteNumber: 'CN-G1', contact: { contactNumber: 'T-2' } }), creditNote({ creditNoteNumber: 'CN-G2', contact: { contactNumber: 'T-2' } })] })).body.creditNotes ?? [];
    const graceId = grace[0]?.contact?.contactID ?? '';
    const either = await xero.api.getCreditNotes(xero.tenant, undefined, 'CreditNoteNumber=="CN-0001" OR CreditNoteNumber=="CN-G2"', 'CreditNoteNumber DESC');
    expect(either.body.creditNotes?.map((c) => c.creditNoteNumber)).toEqual(['CN-G2', 'CN-0001']);
    const mine = await xero.api.getCreditNotes(xero.tenant, undefined, `Contact.ContactID==guid("${graceId}")`);
    expect(mine.body.creditNotes?.map((c) => c.creditNoteNumber).sort()).toEqual(['CN-G1', 'CN-G2']);
    const authorised = await xero.api.getCreditNotes(xero.tenant, undefined, 'Status=="AUTHORISED" AND RemainingCredit>100');
    expect(authorised.body.creditNotes?.length).toBeGreaterThan(0);
    expect(authorised.body.creditNotes?.every((c) => c.status === CreditNote.StatusEnum.AUTHORISED && (c.remainingCredit ?? 0) > 100)).toBe(true);
    const all = (await xero.api.getCreditNotes(xero.tenant)).body.creditNotes ?? [];
    const page2 = await xero.api.getCreditNotes(xero.tenant, undefined, undefined, 'CreditNoteNumber ASC', 2, undefined, 3);
    expect(page2.body.pagination).toEqual({ page: 2, pageSize: 3, pageCount: Math.ceil(all.length / 3), itemCount: all.length });
    const sorted = all.map((c) => c.creditNoteNumber ?? '').sort();
    expect(page2.body.creditNotes?.map((c) => c.creditNoteNumber)).toEqual(sorted.slice(3, 6));
    const bad = await failure(xero.api.getCreditNotes(xero.tenant, undefined, 'CreditNoteNumber=="unterminated'));
    expect(bad.body.Type).toBe('QueryParseException');
  });

  it('GET /CreditNotes/{id} answers 404 for an unknown id and finds a credit note by number', async () => {
    expect((await failure(xero.api.getCreditNote(xero.tenant, '00000000-0000-0000-0000-000000000003'))).response.statusCode).toBe(404);
    expect((await xero.api.getCreditNote(xero.tenant, 'CN-G1')).body.creditNotes?.[0]?.creditNoteNumber).toBe('CN-G1');
  });
});

describe('Idempotency-Key on PUT /CreditNotes', () => {
  it('replays the first answer and creates nothing more; the same key with another body is refused', async () => {
    const body = { creditNotes: [creditNote({ reference: 'IDEM-1' })] };
    const first = await xero.api.createCreditNotes(xero.tenant, body, undefined, undefined, 'cn-key-1');
    const again = await xero.api.createCreditNotes(xero.tenant, body, undefined, undefined, 'cn-key-1');
    expect(again.response.headers['idempotent-replayed']).toBe('true');
    expect(again.body.creditNotes?.[0]?.creditNoteID).toBe(first.body.creditNotes?.[0]?.creditNoteID);
    expect((await xero.api.getCreditNotes(xero.tenant, undefined, 'Reference=="IDEM-1"')).body.creditNotes).toHaveLength(1);
    const other = await failure(xero.api.createCreditNotes(xero.tenant, { creditNotes: [creditNote({ reference: 'IDEM-2' })] }, undefined, undefined, 'cn-key-1'));
    expect(other.response.statusCode).toBe(400);
    expect(other.body.Detail).toContain('is used with a different request');
  });
});

describe('discount lines on invoices', () => {
  const invoice = (lineItems: Invoice['lineItems']): Invoice => ({ type: Invoice.TypeEnum.ACCREC, contact: { contactNumber: 'T-1' }, date: '2026-03-01', dueDate: '2026-03-15', status: Invoice.StatusEnum.AUTHORISED, lineItems });

  it('accepts a negative line, taxed half away from zero like the same positive line', async () => {
    const res = await xero.api.createInvoices(xero.tenant, {
      invoices: [invoice([{ description: 'Rent', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }, { description: 'First month discount', quantity: 1, unitAmount: -1.05, accountCode: '200', taxType: 'OUTPUT' }])],
    });
    const inv = res.body.invoices?.[0];
    expect(inv?.lineItems?.[1]).toMatchObject({ lineAmount: -1.05, taxAmount: -0.11 });
    expect(inv).toMatchObject({ subTotal: 98.95, totalTax: 9.89, total: 108.84, amountDue: 108.84 });
  });

  it('refuses an invoice whose total would be negative', async () => {
    const err = await failure(xero.api.createInvoices(xero.tenant, {
      invoices: [invoice([{ description: 'Rent', quantity: 1, unitAmount: 10, accountCode: '200' }, { description: 'Discount', quantity: 1, unitAmount: -11, accountCode: '200' }])],
    }));
    expect(err.body.Elements[0].ValidationErrors[0].Message).toBe('The invoice total must not be negative.');
    const zero = await xero.api.createInvoices(xero.tenant, {
      invoices: [invoice([{ description: 'Rent', quantity: 1, unitAmount: 10, accountCode: '200' }, { description: 'Free month', quantity: 1, unitAmount: -10, accountCode: '200' }])],
    });
    expect(zero.body.invoices?.[0]?.total).toBe(0);
  });
});
