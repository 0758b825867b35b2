/**
 * An overpayment in Xero's two wire shapes: as a bank transaction (PUT/GET /BankTransactions, Type
 * RECEIVE-OVERPAYMENT, BankTransactionID = OverpaymentID) and as an overpayment (GET /Overpayments) with
 * its RemainingCredit, Allocations and refunds (Payments). Statuses differ by shape, as Xero's enums do:
 * the bank transaction is AUTHORISED or DELETED; the overpayment AUTHORISED, PAID (no credit left) or,
 * once its bank transaction is deleted, VOIDED (the spec's Overpayment status enum has no DELETED).
 */
import { overpaymentRemainingCents } from './balances';
import type { OrgData, Overpayment } from './types';
import { toDecimal, type DateStyle } from './wire';

function contactOf(org: OrgData, op: Overpayment) {
  const c = org.contacts.get(op.ContactID);
  return c ? { ContactID: c.ContactID, Name: c.Name, ContactNumber: c.ContactNumber } : { ContactID: op.ContactID };
}

function linesOf(op: Overpayment) {
  return op.LineItems.map((l) => ({
    LineItemID: l.LineItemID,
    Description: l.Description,
    Quantity: 1,
    UnitAmount: toDecimal(l.LineAmountCents),
    TaxType: 'NONE',
    TaxAmount: 0,
    LineAmount: toDecimal(l.LineAmountCents),
    Tracking: [],
  }));
}

export function wireBankTransaction(org: OrgData, op: Overpayment, d: DateStyle) {
  const bank = org.accounts.find((a) => a.AccountID === op.BankAccountID);
  return {
    BankTransactionID: op.OverpaymentID,
    OverpaymentID: op.OverpaymentID,
    Type: op.Type,
    Contact: contactOf(org, op),
    BankAccount: bank ? { AccountID: bank.AccountID, Code: bank.Code, Name: bank.Name } : { AccountID: op.BankAccountID },
    Date: d.day(op.Date),
    Reference: op.Reference ?? '',
    IsReconciled: false,
    CurrencyCode: op.CurrencyCode,
    CurrencyRate: 1,
    Status: op.Status === 'DELETED' ? 'DELETED' : 'AUTHORISED',
    LineAmountTypes: 'NoTax',
    LineItems: linesOf(op),
    SubTotal: toDecimal(op.TotalCents),
    TotalTax: 0,
    Total: toDecimal(op.TotalCents),
    HasAttachments: false,
    UpdatedDateUTC: d.stamp(op.UpdatedDateUTC),
  };
}

export function wireOverpayment(org: OrgData, op: Overpayment, d: DateStyle) {
  const allocations = [...org.allocations.values()].filter((a) => a.OverpaymentID === op.OverpaymentID);
  const refunds = [...org.payments.values()].filter((p) => p.OverpaymentID === op.OverpaymentID && p.Status !== 'DELETED');
  return {
    OverpaymentID: op.OverpaymentID,
    ID: op.OverpaymentID,
    Type: op.Type,
    Reference: op.Reference ?? '',
    RemainingCredit: toDecimal(overpaymentRemainingCents(org, op)),
    Allocations: allocations.map((a) => ({
      AllocationID: a.AllocationID,
      Amount: toDecimal(a.AmountCents),
      Date: d.day(a.Date),
      Invoice: { InvoiceID: a.InvoiceID, InvoiceNumber: org.invoices.get(a.InvoiceID)?.InvoiceNumber ?? '' },
    })),
    Payments: refunds.map((p) => ({
      PaymentID: p.PaymentID,
      Date: d.day(p.Date),
      Amount: toDecimal(p.AmountCents),
      Reference: p.Reference ?? '',
      CurrencyRate: 1,
      HasAccount: true,
      HasValidationErrors: false,
    })),
    HasAttachments: false,
    Contact: contactOf(org, op),
    Date: d.day(op.Date),
    Status: op.Status === 'DELETED' ? 'VOIDED' : op.Status,
    LineAmountTypes: 'NoTax',
    LineItems: linesOf(op),
    SubTotal: toDecimal(op.TotalCents),
    TotalTax: 0,
    Total: toDecimal(op.TotalCents),
    FullyPaidOnDate: op.FullyPaidOnDate ? d.day(op.FullyPaidOnDate) : undefined,
    UpdatedDateUTC: d.stamp(op.UpdatedDateUTC),
    CurrencyCode: op.CurrencyCode,
    CurrencyRate: 1,
  };
}
