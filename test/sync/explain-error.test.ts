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
