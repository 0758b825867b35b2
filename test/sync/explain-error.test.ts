import { describe, expect, it } from 'vitest';
import { explainError, explainValidation } from '../../main/sync/explain-error';
import { XeroApiError } from '../../main/xero/xero-api-error';

describe('explainError', () => {
  it('explains Xero’s canonical validation messages with the tab and field that fix them', () => {
    const clash = explainValidation(['The contact name Jane Smith is already assigned to another contact. The contact name must be unique across all active contacts.'], 'tenant');
    expect(clash).toMatchObject({ code: 'contact_name_taken', transient: false });
    expect(clash.explanation).toContain('Jane Smith');
    expect(explainValidation(['Invoice # must be unique.'], 'invoice').fix).toMatch(/Invoice number/);
    expect(explainValidation(['Payment amount exceeds the amount outstanding on this document'], 'payment').code).toBe('payment_exceeds_due');
    expect(explainValidation(["Account code '999' is not a valid code for this document."], 'payment').fix).toMatch(/Paid to Account/);
    expect(explainValidation(["Account code '999' is not a valid code for this document."], 'invoice').fix).toMatch(/Products\/Services/);
  });

  // Every validation message the emulator (and Xero) sends for what the app writes gets its own words and fix.
  it.each([
    ['The contact name Jane Smith is already assigned to another contact. The contact name must be unique across all active contacts.', 'tenant', 'contact_name_taken', /Tenants > Name/],
    ['The contact number T-1002 is already assigned to another contact. The contact number must be unique across all contacts.', 'tenant', 'contact_number_taken', /archive or renumber it in Xero/],
    ['Jane Smith has been archived. The contact must be un-archived before creating new invoices.', 'invoice', 'contact_archived', /Restore/],
    ['Contact with ContactID 1f0e2d3c-aaaa-bbbb-cccc-123456789abc could not be found.', 'invoice', 'contact_not_in_xero', /ReSync the tenant/],
    ['Email address must be valid.', 'tenant', 'contact_bad_email', /Tenants > Email/],
    ['The Contact Name field is mandatory.', 'tenant', 'contact_missing_name', /Tenants > Name/],
    ['The Contact Name must not be more than 255 characters long.', 'tenant', 'text_too_long', /Shorten it/],
    ['Invoice # must be unique.', 'invoice', 'invoice_number_taken', /Invoice number/],
    ['The document date cannot be before the period lock date, currently set at 31-Mar-2026', 'invoice', 'period_locked', /move the lock date/],
    ['The document date cannot be before the end of year lock date, currently set at 31-Jul-2013', 'payment', 'period_locked', /first open date/],
    ['The Account code is mandatory for an approved invoice line.', 'invoice', 'account_required', /Products\/Services: choose a revenue account/],
    ["Account code '999' is not a valid code for this document.", 'invoice', 'account_invalid', /Products\/Services/],
    ["The TaxType code 'GST' does not exist or cannot be used with this type of transaction.", 'invoice', 'tax_type_invalid', /tax type/],
    ["Item code 'ADMINFEE' is not valid.", 'invoice', 'item_invalid', /existing item/],
    ['A line item can have at most 2 tracking categories.', 'invoice', 'tracking_invalid', /Map categories/],
    ["The tracking option 'Airport' does not exist for the tracking category 'Location'.", 'invoice', 'tracking_invalid', /Map categories/],
    ['Description cannot be empty.', 'invoice', 'line_description_empty', /description/],
    ['An approved invoice must have at least one line item.', 'invoice', 'invoice_no_lines', /invoice_lines\.csv/],
    ['The Date is not a valid date.', 'invoice', 'date_invalid', /dates/],
    ['The DueDate is not a valid date.', 'invoice', 'date_invalid', /dates/],
    ['LineAmountTypes Gross is not valid.', 'invoice', 'line_amount_types_invalid', /include tax/],
    ['The currency code NZD is not enabled for this organisation.', 'invoice', 'currency_invalid', /Currencies/],
    ['Invoice not of valid status for modification', 'invoice', 'invoice_locked', /credit note/],
    ['This document cannot be edited as it has a payment or credit note allocated to it.', 'invoice', 'invoice_locked', /credit note/],
    ['Payments can only be made against Authorised documents.', 'payment', 'invoice_not_payable', /Approve the invoice/],
    ['Payment amount exceeds the amount outstanding on this document', 'payment', 'payment_exceeds_due', /Payments > Amount/],
    ['Payment amount must be greater than zero.', 'payment', 'payment_not_positive', /Payments > Amount/],
    ['Account type is invalid for making a payment to/from.', 'payment', 'account_cannot_take_payments', /Paid to Account/],
    ['Credit Note # must be unique.', 'credit_note', 'credit_note_number_taken', /Credit notes > Number/],
    ['Credit Note not of valid status for modification', 'credit_note', 'invoice_locked', /Void the credit note/],
    ['The credit note total must not be negative.', 'credit_note', 'xero_rejected', /credit note in the facility system/],
    ['Credit Note cannot be allocated as amount is greater than amount outstanding', 'allocation', 'allocation_exceeds_due', /ReSync/],
    ['The invoice you are trying to allocate to has already been paid off', 'allocation', 'allocation_invoice_paid', /refund/],
    ['Only an AUTHORISED credit note can be allocated to an invoice.', 'allocation', 'allocation_refused', /same tenant/],
    ['The credit note and the invoice must belong to the same contact.', 'allocation', 'allocation_refused', /same tenant/],
    ['Payment amount exceeds the amount outstanding on this document', 'refund', 'payment_exceeds_due', /Refunds > Amount/],
    ['Payments can only be made against Authorised documents.', 'refund', 'invoice_not_payable', /credit note or prepayment in Xero/],
    // Prepayments (Xero overpayments), their allocations and refunds (issue 14).
    ['Overpayment cannot be allocated as amount is greater than amount outstanding', 'allocation', 'prepayment_allocation_exceeds', /Allocations > Amount/],
    ['Only an AUTHORISED overpayment can be allocated to an invoice.', 'allocation', 'prepayment_allocation_refused', /ReSync the prepayment/],
    ['The overpayment and the invoice must belong to the same contact.', 'allocation', 'prepayment_allocation_refused', /same tenant/],
    ['An overpayment can only be allocated to an AUTHORISED invoice.', 'allocation', 'prepayment_allocation_refused', /Approve the invoice/],
    ['The invoice you are trying to allocate to has already been paid off', 'allocation', 'allocation_invoice_paid', /refund of the credit note or prepayment/],
    ['Payment amount exceeds the amount outstanding on this document', 'refund', 'payment_exceeds_due', /credit note or prepayment in Xero/],
    ['Overpayment could not be found.', 'refund', 'prepayment_not_in_xero', /ReSync the prepayment/],
    ['This overpayment cannot be deleted while it is allocated to an invoice or refunded. Remove its allocations and refunds first.', 'payment', 'prepayment_in_use', /Reverse the prepayment’s allocations and refunds/],
    ['The BankAccount must be an active bank account (an account of Type BANK).', 'payment', 'account_not_bank', /Paid to Account: choose an active bank account/],
    ['A BankAccount must be specified: AccountID or Code.', 'payment', 'account_not_bank', /Paid to Account/],
    ['Account could not be found.', 'refund', 'account_invalid', /Paid to Account/],
    ['The overpayment amount must be greater than zero.', 'payment', 'payment_not_positive', /Payments > Amount/],
    ['An overpayment must have exactly one line item.', 'payment', 'prepayment_shape', /report it to support/],
    ['An overpayment carries no tax: LineAmountTypes must be NoTax.', 'payment', 'prepayment_shape', /report it to support/],
    ['Bank transaction type RECEIVE-PREPAYMENT is not supported here: only RECEIVE-OVERPAYMENT (money received from a customer before it is owed).', 'payment', 'prepayment_shape', /report it to support/],
    ['An overpayment cannot be changed once created, only deleted: send Status DELETED.', 'payment', 'prepayment_shape', /report it to support/],
  ] as const)('"%s" (%s) is explained as %s with its fix', (message, kind, code, fix) => {
    const e = explainValidation([message], kind);
    expect(e.code).toBe(code);
    expect(e.fix).toMatch(fix);
    if (code !== 'xero_rejected') expect(e.explanation).not.toMatch(/^Xero refused this/);
    // Kinds are named as people say them, never by their database names; Xero's own nouns stay out of sight.
    expect(`${e.explanation} ${e.fix}`).not.toMatch(/credit_note|overpayment|BankAccount|HTTP|\b[45]\d\d\b/i);
  });

  it('quotes unknown messages rather than hiding them', () => {
    expect(explainValidation(['Something new'], 'invoice').explanation).toContain('Something new');
  });

  it('marks network, 5xx, 429, organisation offline and expired tokens transient, and 400 not', () => {
    const transient = [new XeroApiError(0, {}, 'socket hang up'), new XeroApiError(500, {}, {}), new XeroApiError(429, { 'retry-after': '3' }, undefined),
      new XeroApiError(503, {}, { Detail: 'Organisation is offline' }), new XeroApiError(401, {}, { Detail: 'TokenExpired' })];
    expect(transient.map((e) => explainError(e, 'tenant').transient)).toEqual([true, true, true, true, true]);
    expect(explainError(new XeroApiError(503, {}, { Detail: 'Organisation is offline' }), 'tenant').code).toBe('organisation_offline');
    expect(new XeroApiError(429, { 'retry-after': '3' }, undefined).retryAfter).toBe(3);
    expect(explainError(new XeroApiError(400, {}, { Elements: [{ ValidationErrors: [{ Message: 'Invoice # must be unique.' }] }] }), 'invoice')).toMatchObject({
      code: 'invoice_number_taken', transient: false,
    });
  });
});
