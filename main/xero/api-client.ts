/**
 * The one way Facility Sync talks to Xero's Accounting API (xero-node's AccountingApi):
 * - every call waits its turn in the organisation's rate limiter and feeds the limit headers back;
 * - xero-node's string rejections become typed XeroApiErrors;
 * - writes carry an Idempotency-Key and summarizeErrors=false (one result per element);
 * - transient failures (network, 5xx, 429, organisation offline) are retried with p-retry,
 *   and a 401 refreshes the access token once. A retried write keeps its Idempotency-Key, so Xero
 *   applies it at most once within its ~6 minute memory.
 */
import { menuPath } from '../../contract';
import pRetry, { AbortError } from 'p-retry';
import { AccountingApi, BankTransaction, type Allocation, type Contact, type CreditNote, type Invoice, type Organisation, type Payment } from 'xero-node';
import { AppError } from '../app-error';
import { readLimitHeaders, type OrgRateLimiter } from './rate-limiter';
import type { XeroSession } from './session';
import { XeroApiError, lowerCaseHeaders, toXeroApiError } from './xero-api-error';

/** The Xero collections Facility Sync writes to, and reads back for changes made in Xero. */
export type XeroCollection = 'Contacts' | 'Invoices' | 'CreditNotes' | 'Payments' | 'Overpayments';

/** Records per page of a paged GET (Xero's default page size): a shorter page is the last one. */
export const XERO_PAGE_SIZE = 100;

export interface ApiClientOptions {
  /** Retries per call for transient failures (default 4). */
  retries?: number;
  /** First retry delay in ms (default 500); doubles each time. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Per-request timeout in ms (default 60 s): a hung connection counts as a network failure. */
  timeoutMs?: number;
}

export interface XeroResult<T> {
  body: T;
  status: number;
  headers: Record<string, string>;
}

type SdkCall<T> = (api: AccountingApi, tenantId: string) => Promise<{ response: unknown; body: T }>;

export type XeroApiClient = ReturnType<typeof createXeroApiClient>;

export function createXeroApiClient(session: XeroSession, limiter: OrgRateLimiter, options: ApiClientOptions = {}) {
  const retries = options.retries ?? 4;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const api = new AccountingApi();
  api.basePath = session.apiBaseUrl;
  let currentToken = '';
  // Whoever shows the connection's state hears each attempt's outcome at once (issue 17): a lost
  // network is "offline" from the first failed attempt, not after the retries have run out.
  const attemptListeners = new Set<(failure: XeroApiError | null) => void>();
  const told = (failure: XeroApiError | null) => attemptListeners.forEach((l) => l(failure));
  // xero-node has no per-request options beyond headers; its "default authentication" hook sees the
  // request options just before axios sends them, which is where the token and a timeout go.
  api.setDefaultAuthentication({
    applyToRequest(requestOptions: { headers?: Record<string, string>; timeout?: number }) {
      requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${currentToken}` };
      requestOptions.timeout = timeoutMs;
    },
  } as never);

  function tenant(): string {
    const id = session.tenantId();
    if (!id) throw new AppError('not_connected', `Facility Sync is not connected to a Xero organisation. Open ${menuPath('authenticate')} and choose Connect to Xero.`);
    return id;
  }

  /** One attempt: limiter slot, token, call, header feedback, typed error. */
  async function attempt<T>(sdkCall: SdkCall<T>): Promise<XeroResult<T>> {
    const tenantId = tenant();
    return limiter.schedule(async () => {
      currentToken = await session.getAccessToken();
      try {
        const { response, body } = await sdkCall(api, tenantId);
        const res = response as { status?: number; headers?: Record<string, unknown> };
        const headers = lowerCaseHeaders(res.headers);
        limiter.observe(res.status ?? 200, readLimitHeaders(headers));
        told(null);
        return { body, status: res.status ?? 200, headers };
      } catch (rejection) {
        const err = toXeroApiError(rejection);
        if (err instanceof XeroApiError) {
          limiter.observe(err.status, readLimitHeaders(err.headers));
          told(err);
        }
        throw err;
      }
    });
  }

  /** Runs an SDK call with retries for transient failures; rejects with XeroApiError or AppError. */
  async function sdk<T>(sdkCall: SdkCall<T>): Promise<XeroResult<T>> {
    let refreshed = false;
    return pRetry(
      async () => {
        try {
          return await attempt(sdkCall);
        } catch (err) {
          if (err instanceof XeroApiError && err.kind === 'unauthorized' && !refreshed && session.invalidateAccessToken) {
            refreshed = true;
            session.invalidateAccessToken();
            throw err; // retried at once with a fresh token
          }
          if (err instanceof XeroApiError && err.transient && err.kind !== 'unauthorized') throw err;
          throw new AbortError(err instanceof Error ? err : new Error(String(err)));
        }
      },
      {
        retries,
        minTimeout: options.minRetryDelayMs ?? 500,
        maxTimeout: options.maxRetryDelayMs ?? 30_000,
        randomize: true,
        // The limiter already waits out Retry-After; a 429 must not eat the retry budget.
        shouldConsumeRetry: ({ error }) => !(error instanceof XeroApiError && error.kind === 'rate_limited'),
      },
    ).catch((err: unknown) => {
      throw err instanceof AbortError ? err.originalError : err;
    });
  }

  // Writes ask for one result per element, so one bad record does not hide the others' outcome.
  const summarizeErrors = false;

  return {
    limiter,
    /** Escape hatch for calls this module has no method for (reference data, items, tracking). */
    sdk,
    tenantId: tenant,
    /** Hears every attempt: null when Xero answered, the error when it did not; returns unsubscribe. */
    onAttempt(listener: (failure: XeroApiError | null) => void): () => void {
      attemptListeners.add(listener);
      return () => attemptListeners.delete(listener);
    },

    /** PUT /Contacts: creates only; a contact Xero already holds under that ContactNumber or name is refused, never changed. */
    createContacts: (contacts: Contact[], idempotencyKey: string) =>
      sdk((a, t) => a.createContacts(t, { contacts }, summarizeErrors, idempotencyKey)),
    /** POST /Contacts: updates the contacts that carry a ContactID (and would create those without one). */
    saveContacts: (contacts: Contact[], idempotencyKey: string) =>
      sdk((a, t) => a.updateOrCreateContacts(t, { contacts }, summarizeErrors, idempotencyKey)),
    /** PUT /Invoices: creates only; an InvoiceNumber Xero already holds is refused ("Invoice # must be unique"), never changed. */
    createInvoices: (invoices: Invoice[], idempotencyKey: string) =>
      sdk((a, t) => a.createInvoices(t, { invoices }, summarizeErrors, undefined, idempotencyKey)),
    /** POST /Invoices: updates the invoices that carry an InvoiceID (and would create those without one). */
    saveInvoices: (invoices: Invoice[], idempotencyKey: string) =>
      sdk((a, t) => a.updateOrCreateInvoices(t, { invoices }, summarizeErrors, undefined, idempotencyKey)),
    /** PUT /Payments: payments cannot be updated, only created or deleted. */
    createPayments: (payments: Payment[], idempotencyKey: string) =>
      sdk((a, t) => a.createPayments(t, { payments }, summarizeErrors, idempotencyKey)),
    /** POST /Payments/{id} with Status DELETED: how Xero reverses a payment. */
    deletePayment: (paymentId: string, idempotencyKey: string) =>
      sdk((a, t) => a.deletePayment(t, paymentId, { status: 'DELETED' }, idempotencyKey)),

    /** PUT /CreditNotes: creates only; a CreditNoteNumber Xero already holds is refused, never changed. */
    createCreditNotes: (creditNotes: CreditNote[], idempotencyKey: string) =>
      sdk((a, t) => a.createCreditNotes(t, { creditNotes }, summarizeErrors, undefined, idempotencyKey)),
    /** POST /CreditNotes: updates the credit notes that carry a CreditNoteID (a void: Status VOIDED). */
    saveCreditNotes: (creditNotes: CreditNote[], idempotencyKey: string) =>
      sdk((a, t) => a.updateOrCreateCreditNotes(t, { creditNotes }, summarizeErrors, undefined, idempotencyKey)),
    /** PUT /CreditNotes/{id}/Allocations: applies credit to invoices of the same contact. */
    allocateCreditNote: (creditNoteId: string, allocations: Allocation[], idempotencyKey: string) =>
      sdk((a, t) => a.createCreditNoteAllocation(t, creditNoteId, { allocations }, summarizeErrors, idempotencyKey)),
    /** DELETE /CreditNotes/{id}/Allocations/{allocationId}: takes an allocation back (Xero has no key for it; repeating it is harmless). */
    deleteCreditNoteAllocation: (creditNoteId: string, allocationId: string) =>
      sdk((a, t) => a.deleteCreditNoteAllocations(t, creditNoteId, allocationId)),
    findCreditNotes: (where: string) => sdk((a, t) => a.getCreditNotes(t, undefined, where)),
    getCreditNote: (creditNoteId: string) => sdk((a, t) => a.getCreditNote(t, creditNoteId)),

    /**
     * PUT /BankTransactions of Type RECEIVE-OVERPAYMENT: money received before it is owed becomes an
     * overpayment (unapplied credit on the contact, no tax); the answer's OverpaymentID equals its BankTransactionID.
     * Creates only: Xero cannot change an overpayment, only delete it.
     */
    createOverpayments: (bankTransactions: BankTransaction[], idempotencyKey: string) =>
      sdk((a, t) => a.createBankTransactions(t, { bankTransactions }, summarizeErrors, undefined, idempotencyKey)),
    /** POST /BankTransactions/{id} with Status DELETED: removes an overpayment; refused while any of it is allocated or refunded. */
    deleteOverpayment: (bankTransactionId: string, idempotencyKey: string) =>
      sdk((a, t) => a.updateBankTransaction(t, bankTransactionId, { bankTransactions: [{ status: BankTransaction.StatusEnum.DELETED } as BankTransaction] }, undefined, idempotencyKey)),
    /** GET /BankTransactions with a `where` (e.g. Type=="RECEIVE-OVERPAYMENT" AND Reference=="FS-PRE:p1"): the natural-key lookup. */
    findOverpaymentTransactions: (where: string) => sdk((a, t) => a.getBankTransactions(t, undefined, where)),
    /** PUT /Overpayments/{id}/Allocations: applies an overpayment's credit to invoices of the same contact. */
    allocateOverpayment: (overpaymentId: string, allocations: Allocation[], idempotencyKey: string) =>
      sdk((a, t) => a.createOverpaymentAllocations(t, overpaymentId, { allocations }, summarizeErrors, idempotencyKey)),
    /** DELETE /Overpayments/{id}/Allocations/{allocationId}: takes an allocation back (Xero has no key for it; repeating it is harmless). */
    deleteOverpaymentAllocation: (overpaymentId: string, allocationId: string) =>
      sdk((a, t) => a.deleteOverpaymentAllocations(t, overpaymentId, allocationId)),
    /** GET /Overpayments/{id}: its RemainingCredit, Allocations (with their AllocationID) and refunds. */
    getOverpayment: (overpaymentId: string) => sdk((a, t) => a.getOverpayment(t, overpaymentId)),
    /** One page (100) of GET /Overpayments with a `where` (e.g. Status=="AUTHORISED"): the contacts' unapplied credit for balances. */
    findOverpaymentsPage: (where: string, page: number) => sdk((a, t) => a.getOverpayments(t, undefined, where, undefined, page)),

    findContacts: (where: string) => sdk((a, t) => a.getContacts(t, undefined, where, undefined, undefined, undefined, true)),
    findInvoicesByNumber: (numbers: string[]) =>
      sdk((a, t) => a.getInvoices(t, undefined, undefined, undefined, undefined, numbers, undefined, undefined, undefined, true)),
    /**
     * One page (100) of the lookups before a first create (match-existing.ts): a page parameter makes
     * Xero include the line items, and a `where` with many ORs can match more than one page.
     */
    findContactsPage: (where: string, page: number) =>
      sdk((a, t) => a.getContacts(t, undefined, where, undefined, undefined, page, true)),
    findInvoicesPage: (numbers: string[], page: number) =>
      sdk((a, t) => a.getInvoices(t, undefined, undefined, undefined, undefined, numbers, undefined, undefined, page, true)),
    findCreditNotesPage: (where: string, page: number) => sdk((a, t) => a.getCreditNotes(t, undefined, where, undefined, page)),
    getInvoice: (invoiceId: string) => sdk((a, t) => a.getInvoice(t, invoiceId)),
    findPayments: (where: string) => sdk((a, t) => a.getPayments(t, undefined, where)),
    /**
     * One page (100 records) of what changed in Xero at or after `since` (If-Modified-Since, UTC),
     * archived contacts included: how changes made in Xero are found (main/sync/xero-changes.ts).
     */
    changedSince: (collection: XeroCollection, since: Date, page: number) =>
      sdk(async (a, t): Promise<{ response: unknown; body: object[] }> => {
        if (collection === 'Contacts') {
          const r = await a.getContacts(t, since, undefined, undefined, undefined, page, true);
          return { response: r.response, body: r.body.contacts ?? [] };
        }
        if (collection === 'Invoices') {
          const r = await a.getInvoices(t, since, undefined, undefined, undefined, undefined, undefined, undefined, page);
          return { response: r.response, body: r.body.invoices ?? [] };
        }
        if (collection === 'CreditNotes') {
          const r = await a.getCreditNotes(t, since, undefined, undefined, page);
          return { response: r.response, body: r.body.creditNotes ?? [] };
        }
        if (collection === 'Overpayments') {
          const r = await a.getOverpayments(t, since, undefined, undefined, page);
          return { response: r.response, body: r.body.overpayments ?? [] };
        }
        const r = await a.getPayments(t, since, undefined, undefined, page);
        return { response: r.response, body: r.body.payments ?? [] };
      }),
    /** Cheapest authenticated GET: the connectivity probe. */
    getOrganisation: async (): Promise<Organisation | undefined> => (await sdk((a, t) => a.getOrganisations(t))).body.organisations?.[0],
  };
}

/** A `where` clause value, quoted the way Xero's filter language expects. */
export function whereString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
