/**
 * Records "entered by hand" in an organisation (match before create, issue 15): what a bookkeeper or a
 * previous tool put into Xero before Facility Sync was connected. They go through the same rules as
 * the API's PUT (numbers unique, totals computed, lock dates), but not through the request log, the
 * rate limits or idempotency, so a test sees only what Facility Sync itself asked for.
 */
import { createBankTransactions } from './bank-transactions';
import type { HandlerResult } from './batch';
import { saveContacts } from './contacts';
import type { EmulatorContext } from './context';
import { saveCreditNotes } from './credit-notes';
import { saveInvoices } from './invoices';
import type { OrgRequest } from './org-request';
import { refusal } from './person-edits';

export interface ByHandInput {
  Contacts?: Record<string, unknown>[];
  Invoices?: Record<string, unknown>[];
  CreditNotes?: Record<string, unknown>[];
  /** RECEIVE-OVERPAYMENT bank transactions: money a customer paid ahead, recorded in Xero by hand. */
  BankTransactions?: Record<string, unknown>[];
}

/** Adds the records (Xero's JSON field names) to the organisation; throws with Xero's messages when one is refused. */
export function enterByHand(ctx: EmulatorContext, organisation: string, input: ByHandInput): Record<string, unknown[]> {
  const org = ctx.state.findOrg(organisation);
  if (!org) throw new Error(`No organisation ${organisation} in the emulator`);
  const out: Record<string, unknown[]> = {};
  const steps: Array<[keyof ByHandInput, (r: OrgRequest) => HandlerResult]> = [
    ['Contacts', (r) => saveContacts(r, 'create')],
    ['Invoices', (r) => saveInvoices(r, 'create')],
    ['CreditNotes', (r) => saveCreditNotes(r, 'create')],
    ['BankTransactions', (r) => createBankTransactions(r)],
  ];
  for (const [key, save] of steps) {
    const records = input[key];
    if (!records?.length) continue;
    const r: OrgRequest = {
      org, method: 'PUT', now: ctx.state.now(), today: ctx.state.today(), url: new URL('http://emulator.invalid/'), headers: {},
      body: { [key]: records }, summarize: true, unitdp: 2, dateErrors: ctx.dateErrors,
    };
    let result: HandlerResult;
    try {
      result = save(r);
    } catch (err) {
      // A refused batch is a ValidationException: say Xero's messages, not "HTTP 400".
      throw new Error(`Xero refused the ${key} entered by hand: ${refusal(err).message}`);
    }
    out[key] = (result.body as Record<string, unknown[]>)[key] ?? [];
  }
  ctx.persist();
  return out;
}
