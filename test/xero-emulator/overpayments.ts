/**
 * GET /Overpayments and /Overpayments/{id}: the overpayments created through /BankTransactions
 * (bank-transactions.ts) with their RemainingCredit, Allocations and refunds. Allocations go through
 * allocations.ts, refunds through payments.ts.
 */
import type { HandlerResult } from './batch';
import { notFound } from './http-util';
import type { OrgRequest } from './org-request';
import { wireOverpayment } from './overpayment-wire';
import { envelope, list } from './query';
import { XERO_DATES } from './wire';

export function listOverpayments(r: OrgRequest): HandlerResult {
  return list(r.org.overpayments.values(), {
    key: 'Overpayments',
    shape: (o, dates) => wireOverpayment(r.org, o, dates),
    updated: (o) => o.UpdatedDateUTC,
    lists: { References: 'Reference' },
    paged: true,
  }, r);
}

export function getOverpayment(r: OrgRequest, id: string): HandlerResult {
  const op = r.org.overpayments.get(id);
  if (!op) throw notFound();
  return { status: 200, body: envelope('Overpayments', [wireOverpayment(r.org, op, XERO_DATES)], r.now) };
}
