/**
 * Every Xero error becomes a plain explanation plus the fix (which tab and which field), stored
 * with the record for the integration report. `transient` says whether waiting and retrying can
 * help; validation failures wait until the record or the mapping changes.
 * Messages follow Xero's canonical ones (docs/xero-facts.md); unknown messages are quoted as Xero wrote them.
 */
import { menuPath } from '../../contract';
import { kindInfo, type RecordKind } from '../../contract/record-kinds';
import { XeroApiError } from '../xero/xero-api-error';
import { DailyLimitError } from '../xero/rate-limiter';
import { PREPAYMENT_RULES } from './explain-prepayment';

export interface ExplainedError {
  code: string;
  explanation: string;
  fix: string;
  transient: boolean;
}

export type { RecordKind };

const SYNC_TAB = menuPath('synchronize');

/** What a record is called in Xero's terms in a sentence ("this contact", "this credit note"). */
function noun(kind: RecordKind): string {
  return kind === 'tenant' ? 'contact' : kindInfo(kind).noun;
}
const AUTH_TAB = menuPath('authenticate');

/** Kinds whose money goes in or out through a bank account (payments, refunds, prepayments), not through revenue lines. */
function paysThroughBank(kind: RecordKind): boolean {
  return kind !== 'invoice' && kind !== 'credit_note';
}

export interface Rule {
  test: RegExp;
  code: string;
  explain: (m: RegExpExecArray, kind: RecordKind) => string;
  fix: (m: RegExpExecArray, kind: RecordKind) => string;
}

const RULES: Rule[] = [
  // Before the credit-note rules, whose patterns also match some of Xero's overpayment messages.
  ...PREPAYMENT_RULES,
  {
    // Xero's words (xeroizer#92; an integrator's knowledge base quoting both): "The document date cannot be
    // before the period lock date, currently set at 31-Mar-2026" / "... end of year lock date ...".
    test: /cannot be before the (?:period|end of year) lock date(?:, currently set at (\S+))?/i,
    code: 'period_locked',
    explain: (m, kind) => `The date of this ${noun(kind)} is in a period locked in Xero by your accountant${m[1] ? ` (up to ${m[1]})` : ''}, so Xero did not take it.`,
    fix: () => 'Ask your accountant to move the lock date in Xero (Accounting > Advanced > Financial settings), or choose in Settings to post such records on the first open date; then ReSync it from the report.',
  },
  {
    test: /contact name (.+?) is already assigned to another contact/i,
    code: 'contact_name_taken',
    explain: (m) => `Xero already has a different contact named "${m[1]}", and contact names must be unique in Xero.`,
    fix: () => 'Give the tenant a distinguishing name in the facility system (Tenants > Name), or rename or archive the other contact in Xero.',
  },
  {
    test: /Invoice # must be unique/i,
    code: 'invoice_number_taken',
    explain: () => 'Xero already has an invoice with this number that Facility Sync did not create.',
    fix: () => 'Change the invoice number in the facility system (Invoices > Invoice number), or void the other invoice in Xero.',
  },
  {
    test: /Credit Note # must be unique/i,
    code: 'credit_note_number_taken',
    explain: () => 'Xero already has a credit note with this number that Facility Sync did not create.',
    fix: () => 'Change the credit note number in the facility system (Credit notes > Number), or void the other credit note in Xero.',
  },
  {
    test: /cannot be allocated as amount is greater than amount outstanding/i,
    code: 'allocation_exceeds_due',
    explain: () => 'The credit is larger than what is still owed on the invoice in Xero (or than the credit left on the credit note).',
    fix: () => 'Check the invoice in Xero: a payment or another credit may already cover it. Correct the credit note in the facility system, or remove the other payment or credit in Xero, then ReSync.',
  },
  {
    test: /invoice you are trying to allocate to has already been paid off/i,
    code: 'allocation_invoice_paid',
    explain: () => 'The invoice this credit (a credit note or a prepayment) is for is already fully paid in Xero, so there is nothing left to apply the credit to.',
    fix: () => 'If the tenant paid the invoice and is owed the credit back, record a refund of the credit note or prepayment in the facility system; otherwise remove the invoice_id from the credit note (or reverse the prepayment’s allocation) so the credit stays on the tenant’s account.',
  },
  {
    test: /Only an AUTHORISED credit note can be allocated|must belong to the same contact/i,
    code: 'allocation_refused',
    explain: (m) => `Xero refused to apply the credit to the invoice: ${m.input}`,
    fix: () => 'Check that the credit note and the invoice are for the same tenant and both approved in Xero, correct the facility data, then ReSync.',
  },
  {
    test: /amount exceeds the amount outstanding/i,
    code: 'payment_exceeds_due',
    explain: (_m, kind) => kind === 'refund'
      ? 'The refund is larger than the credit left in Xero on the credit note or prepayment it is paid out of.'
      : 'The payment is larger than what is still owed on the invoice in Xero.',
    fix: (_m, kind) => kind === 'refund'
      ? 'Check the refund amount in the facility system (Refunds > Amount) and the credit note or prepayment in Xero; part of the credit may already be applied to an invoice or refunded.'
      : 'Check the payment amount in the facility system (Payments > Amount) and the invoice in Xero; a credit or an earlier payment may already cover it.',
  },
  {
    test: /(paid|voided|deleted)[^.]*cannot be (edited|modified)|cannot edit a (paid|voided)|not of valid status for (modification|creation)|cannot be edited as it has a payment/i,
    code: 'invoice_locked',
    explain: (_m, kind) => `Xero no longer allows changes to this ${noun(kind)} (it is paid, voided or has payments or credit allocated), so the facility change was not copied.`,
    fix: (_m, kind) => kind === 'credit_note'
      ? 'Void the credit note in the facility system and issue a new one, or undo the change there.'
      : 'Make the change in Xero by hand (remove the payment or issue a credit note there), or undo the change in the facility system.',
  },
  {
    test: /(only be made against|can only be applied to) (Authorised|approved)|Payments can only be made against Authori[sz]ed documents|Invoice (is|was) not authorised/i,
    code: 'invoice_not_payable',
    explain: (_m, kind) => kind === 'refund'
      ? 'Xero only pays refunds out of approved credit notes and prepayments that still have credit left, and this refund’s credit note or prepayment is not one.'
      : 'Xero only accepts payments on approved (authorised) invoices, and this payment’s invoice is not one.',
    fix: (_m, kind) => kind === 'refund'
      ? 'Check the credit note or prepayment in Xero (approved, not voided, credit left); the refund then syncs again on ReSync.'
      : 'Approve the invoice in Xero, or check that the invoice was not voided; the payment then syncs again on ReSync.',
  },
  {
    test: /Contact must contain at least 1 of the following elements|Contact Name field is mandatory/i,
    code: 'contact_missing_name',
    explain: () => 'The tenant has no name, and Xero needs a name for every contact.',
    fix: () => 'Enter the tenant’s name in the facility system (Tenants > Name).',
  },
  {
    test: /email address.*(not valid|invalid|must be valid)|invalid email/i,
    code: 'contact_bad_email',
    explain: () => 'Xero refused the tenant’s email address as not valid.',
    fix: () => 'Correct the email address in the facility system (Tenants > Email).',
  },
  {
    test: /Account (?:code )?'?([^' ]*)'? (?:is not a valid code|has been archived|is archived)|account.*archived|^Account could not be found/i,
    code: 'account_invalid',
    explain: (m, kind) =>
      paysThroughBank(kind)
        ? `The Xero bank account${m[1] ? ` ${m[1]}` : ''} mapped for this payment method does not exist or is archived in Xero.`
        : `The Xero revenue account${m[1] ? ` ${m[1]}` : ''} mapped for a charge type on this invoice does not exist or is archived in Xero.`,
    fix: (_m, kind) =>
      paysThroughBank(kind)
        ? `${SYNC_TAB} > Paid to Account: choose an active bank account for this payment method.`
        : `${SYNC_TAB} > Products/Services: choose an active revenue account for the charge type.`,
  },
  {
    test: /(Account type is invalid for making a payment|EnablePaymentsToAccount|payments? (are|is) not (allowed|enabled))/i,
    code: 'account_cannot_take_payments',
    explain: () => 'The Xero account mapped for this payment method cannot receive payments.',
    fix: () => `${SYNC_TAB} > Paid to Account: choose a bank account, or turn on "Enable payments to this account" for it in Xero.`,
  },
  {
    test: /Tax ?Type(?: code)? '?([^' ]*)'?.*(not valid|invalid|cannot be used|does not exist)|tax rate.*(not valid|invalid)/i,
    code: 'tax_type_invalid',
    explain: (m) => `The tax type${m[1] ? ` ${m[1]}` : ''} mapped for a charge type is not valid in this Xero organisation.`,
    fix: () => `${SYNC_TAB} > Products/Services: choose a tax type from the list for the charge type.`,
  },
  {
    test: /Item code '?([^' ]*)'? is not valid|item.*(not found|does not exist)/i,
    code: 'item_invalid',
    explain: (m) => `The Xero item${m[1] ? ` ${m[1]}` : ''} mapped for a charge type does not exist in Xero.`,
    fix: () => `${SYNC_TAB} > Products/Services: choose an existing item, or use "Create item" for the charge type.`,
  },
  {
    test: /tracking (categor|option)/i,
    code: 'tracking_invalid',
    explain: () => 'A Xero tracking category or option mapped for this record does not exist or is archived in Xero.',
    fix: () => `${SYNC_TAB} > Map categories: choose active tracking options, or use "Create option".`,
  },
  {
    test: /contact number (.+?) is already assigned to another contact/i,
    code: 'contact_number_taken',
    explain: (m) => `Xero already has a contact with the tenant number ${m[1]} that Facility Sync did not create, so this tenant was not sent (Facility Sync never changes a contact it did not create).`,
    fix: () => 'Ask whoever keeps the books whether that Xero contact is this tenant. If it is not, archive or renumber it in Xero; if it is, leave it: linking records already in Xero comes with the first-sync matching.',
  },
  {
    test: /has been archived\. The contact must be un-?archived|contact (is|has been) archived/i,
    code: 'contact_archived',
    explain: () => 'The tenant’s contact is archived in Xero, and Xero does not accept new invoices for an archived contact.',
    fix: () => 'Restore the contact in Xero (Contacts > the contact > Options > Restore), then ReSync the invoice from the report.',
  },
  {
    test: /Contact with Contact(ID|Number) .* could not be found/i,
    code: 'contact_not_in_xero',
    explain: () => 'The tenant’s contact is no longer in Xero (it was deleted or merged there).',
    fix: () => 'ReSync the tenant from the report so its contact is created again, then ReSync this record.',
  },
  {
    test: /Account code is mandatory/i,
    code: 'account_required',
    explain: () => 'A line of this invoice has no revenue account: the charge type is mapped to a Xero item without a sales account, and no account is chosen.',
    fix: () => `${SYNC_TAB} > Products/Services: choose a revenue account for the charge type (or give the item a sales account in Xero and click Refresh from Xero).`,
  },
  {
    test: /LineAmountTypes .* is not valid/i,
    code: 'line_amount_types_invalid',
    explain: () => 'Xero refused whether the invoice amounts include tax.',
    fix: () => `${SYNC_TAB}: choose whether amounts include tax, then Save.`,
  },
  {
    test: /Description cannot be empty/i,
    code: 'line_description_empty',
    explain: () => 'A line of this invoice has no description, and Xero needs one on every line.',
    fix: () => 'Enter a description for every line of the invoice in the facility system and import invoice_lines.csv again.',
  },
  {
    test: /approved invoice must have at least one line item/i,
    code: 'invoice_no_lines',
    explain: () => 'The invoice has no lines, and Xero does not accept an approved invoice without lines.',
    fix: () => 'Add the invoice’s lines in the facility system and import invoice_lines.csv again.',
  },
  {
    test: /The (Due)?Date is not a valid date/i,
    code: 'date_invalid',
    explain: (m, kind) => `Xero refused the ${m[1] ? 'due date' : 'date'} of this ${noun(kind)} as not a real date.`,
    fix: (_m, kind) => `Correct the ${kindInfo(kind).noun}’s dates in the facility system and import it again.`,
  },
  {
    test: /amount must be greater than zero/i,
    code: 'payment_not_positive',
    explain: () => 'The payment amount is zero, and Xero only records payments of more than zero.',
    fix: () => 'Correct the payment amount in the facility system (Payments > Amount), or reverse the payment there if it was recorded by mistake.',
  },
  {
    test: /must not be more than (\d+) characters/i,
    code: 'text_too_long',
    explain: (m, kind) => `A text of this ${noun(kind)} is longer than Xero allows (${m[1]} characters).`,
    fix: (_m, kind) => `Shorten it in the facility system (the ${kindInfo(kind).noun}’s name, number or reference) and import it again.`,
  },
  {
    test: /currency/i,
    code: 'currency_invalid',
    explain: () => 'Xero refused the invoice’s currency: the organisation does not use it.',
    fix: () => 'Turn on the currency in Xero (Settings > Currencies) or set the location’s currency in the facility system.',
  },
];

/** Explains one element's Xero validation messages (summarizeErrors=false results). */
export function explainValidation(messages: readonly string[], kind: RecordKind): ExplainedError {
  for (const message of messages) {
    for (const rule of RULES) {
      const m = rule.test.exec(message);
      if (m) return { code: rule.code, explanation: rule.explain(m, kind), fix: rule.fix(m, kind), transient: false };
    }
  }
  const quoted = messages.length ? messages.join(' ') : 'no reason given';
  return {
    code: 'xero_rejected',
    explanation: `Xero refused this ${noun(kind)}: ${quoted}`,
    fix: `Correct the ${kindInfo(kind).noun} in the facility system or the mapping in ${SYNC_TAB}, then ReSync it from the report.`,
    transient: false,
  };
}

/** Explains a failed call (or any thrown error) for the record(s) it carried. */
export function explainError(err: unknown, kind: RecordKind): ExplainedError {
  if (err instanceof DailyLimitError) {
    // Thrown by our own limiter (no request left), so it is not an XeroApiError.
    return {
      code: 'daily_limit',
      explanation: `Xero’s daily limit of API calls for this organisation is used up, so this ${noun(kind)} was not sent.`,
      fix: `Nothing to do: Facility Sync sends it by itself once Xero resets the limit (around ${new Date(err.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}).`,
      transient: true,
    };
  }
  if (!(err instanceof XeroApiError)) {
    const code = (err as { code?: unknown })?.code;
    if (code === 'not_connected' || code === 'reconnect_required') {
      return {
        code: String(code),
        explanation: 'Facility Sync is not connected to Xero, so nothing could be sent.',
        fix: `${AUTH_TAB}: choose Connect to Xero.`,
        transient: true,
      };
    }
    return {
      code: 'internal',
      explanation: `Facility Sync could not send this ${kindInfo(kind).noun}: ${err instanceof Error ? err.message : String(err)}`,
      fix: 'Try again; if it keeps happening, restart the app.',
      transient: true,
    };
  }
  switch (err.kind) {
    case 'network':
      return { code: 'offline', explanation: 'Xero could not be reached (no internet connection, or the connection dropped).', fix: 'Nothing to do: the change waits and is sent when the connection returns.', transient: true };
    case 'server':
      return { code: 'xero_unavailable', explanation: 'Xero had a temporary problem.', fix: 'Nothing to do: Facility Sync tries again by itself.', transient: true };
    case 'rate_limited':
      return { code: 'rate_limited', explanation: 'Xero’s limit of calls per minute or per day for this organisation was reached.', fix: 'Nothing to do: Facility Sync waits and continues by itself.', transient: true };
    case 'org_offline':
      return { code: 'organisation_offline', explanation: 'The Xero organisation is offline for maintenance.', fix: 'Nothing to do: Facility Sync retries by itself once Xero brings it back.', transient: true };
    case 'unauthorized':
      return { code: 'token_expired', explanation: 'Xero did not accept Facility Sync’s sign-in (it expired or was revoked).', fix: `If this persists, ${AUTH_TAB}: choose Connect to Xero again.`, transient: true };
    case 'forbidden':
      return { code: 'no_access', explanation: 'Xero refused access to the organisation (the app was disconnected, or lacks permission).', fix: `${AUTH_TAB}: choose Connect to Xero again and allow access to the organisation.`, transient: false };
    case 'not_found':
      return { code: 'xero_record_missing', explanation: `The ${noun(kind)} Facility Sync created earlier no longer exists in Xero.`, fix: 'ReSync the record from the report to create it again.', transient: false };
    default:
      return explainValidation(err.validationErrors.length ? err.validationErrors : [err.message], kind);
  }
}
