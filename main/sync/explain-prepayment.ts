/**
 * Plain words for Xero's refusals of prepayments (Xero overpayments: PUT /BankTransactions
 * RECEIVE-OVERPAYMENT), their allocations and refunds: what happened and what fixes it. Checked before the
 * general rules in explain-error.ts, whose credit-note patterns also match some overpayment messages.
 */
import { menuPath } from '../../contract';
import type { Rule } from './explain-error';

const SYNC_TAB = menuPath('synchronize');

export const PREPAYMENT_RULES: Rule[] = [
  {
    // Xero's words for an overpayment (a facility prepayment), quoted in calcinai/xero-php#335.
    test: /Overpayment cannot be allocated as amount is greater than amount outstanding/i,
    code: 'prepayment_allocation_exceeds',
    explain: () => 'The amount applied from the tenant’s prepayment is more than is still owed on the invoice in Xero, or more than is left unapplied on the prepayment there.',
    fix: () => 'Check the allocation in the facility system (Allocations > Amount) against the invoice and the prepayment in Xero: a payment or credit may already cover the invoice, or part of the prepayment may already be applied or refunded. Correct it, then ReSync.',
  },
  {
    // The emulator's words (Xero's are unknown) for applying an overpayment that cannot be applied.
    test: /Only an AUTHORISED overpayment can be allocated|(overpayment) and the invoice must belong to the same contact|overpayment can only be allocated to an AUTHORISED (invoice)/i,
    code: 'prepayment_allocation_refused',
    explain: (m) => m[1]
      ? 'The prepayment and the invoice belong to different tenants in Xero, so the prepayment cannot pay that invoice.'
      : m[2]
        ? 'The invoice is not approved in Xero (it is a draft, or was voided or deleted there), so the prepayment cannot be applied to it.'
        : 'The prepayment is no longer available in Xero (it was removed there, or nothing of it is left), so it cannot be applied to the invoice.',
    fix: (m) => m[1]
      ? 'Check the allocation in the facility system: the prepayment and the invoice must be the same tenant’s. Correct it, then ReSync.'
      : m[2]
        ? 'Approve the invoice in Xero, or check that it was not voided; then ReSync the allocation from the report.'
        : 'ReSync the prepayment from the report so Xero holds it again, then ReSync this allocation.',
  },
  {
    // The emulator's words for an overpayment's BankAccount (Xero's are unknown).
    test: /BankAccount must be an active bank account|(A BankAccount must be specified)/i,
    code: 'account_not_bank',
    explain: (m) => m[1]
      ? 'No Xero bank account is chosen for this payment method, and Xero takes money paid ahead only into a bank account.'
      : 'The Xero account mapped for this payment method is not an active bank account, and Xero takes money paid ahead only into a bank account.',
    fix: () => `${SYNC_TAB} > Paid to Account: choose an active bank account for this payment method, then ReSync.`,
  },
  {
    // The emulator's words (Xero's are unknown): deleting an overpayment still applied or refunded.
    test: /overpayment cannot be deleted while it is allocated to an invoice or refunded/i,
    code: 'prepayment_in_use',
    explain: () => 'The prepayment was reversed in the facility system, but in Xero part of it is still applied to invoices or refunded, so Xero keeps it.',
    fix: () => 'Reverse the prepayment’s allocations and refunds in the facility system too (Facility Sync then removes them in Xero before the prepayment), or remove them in Xero by hand; then ReSync the prepayment.',
  },
  {
    test: /Overpayment could not be found|An Overpayment must be specified/i,
    code: 'prepayment_not_in_xero',
    explain: () => 'The prepayment this is paid out of is not in Xero (it was deleted there, or never reached it).',
    fix: () => 'ReSync the prepayment from the report so Xero holds it again, then ReSync this record.',
  },
  {
    // How Facility Sync builds an overpayment: one line, no tax, never changed. A refusal here is our fault, not the data's.
    test: /overpayment must have exactly one line item|overpayment carries no tax|Bank transaction type .* is not supported|overpayment cannot be changed once created/i,
    code: 'prepayment_shape',
    explain: () => 'Xero refused the prepayment as Facility Sync built it: this is a fault in Facility Sync, not in your data.',
    fix: () => 'Nothing in the facility data to change: report it to support with this record, and ReSync it once Facility Sync is updated.',
  },
];
