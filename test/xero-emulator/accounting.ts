/**
 * /api.xro/2.0/...: token and tenant checks, organisation-offline, rate limits, faults, body limit,
 * Idempotency-Key, then the resource handlers. Limit headers go on every answer past the tenant check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAllocations, deleteAllocation } from './allocations';
import { createBankTransactions, deleteBankTransaction, getBankTransaction, listBankTransactions } from './bank-transactions';
import { type HandlerResult } from './batch';
import type { EmulatorContext } from './context';
import { getContact, listContacts, saveContacts } from './contacts';
import { getCreditNote, listCreditNotes, saveCreditNotes } from './credit-notes';
import { IdempotencyStore } from './idempotency';
import { parseJsonBody, problem, problemError, sendJson } from './http-util';
import { getInvoice, listInvoices, saveInvoices } from './invoices';
import type { OrgRequest } from './org-request';
import { getOverpayment, listOverpayments } from './overpayments';
import { createPayments, deletePayment, getPayment, listPayments } from './payments';
import type { RateLimiter } from './rate-limits';
import {
  createTrackingCategory,
  createTrackingOption,
  getOrganisation,
  listAccounts,
  listItems,
  listTaxRates,
  listTracking,
  saveItems,
  updateTrackingCategory,
} from './reference-data';
import { authenticate } from './tokens';
import { XeroHttpError, type RequestLogEntry } from './types';

export const API_PREFIX = '/api.xro/2.0/';

export interface AccountingRuntime {
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  /** Applies latency/timeout/500 faults; resolves false when the request was dropped. */
  applyFaults(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

function route(r: OrgRequest, segments: string[]): HandlerResult {
  const [resource = '', id, sub, subId] = segments;
  const m = r.method;
  const key = `${m} ${resource.toLowerCase()}${id ? '/:id' : ''}${sub ? `/${sub.toLowerCase()}` : ''}${subId ? '/:subid' : ''}`;
  switch (key) {
    case 'GET organisation': return getOrganisation(r);
    case 'GET accounts': return listAccounts(r);
    case 'GET taxrates': return listTaxRates(r);
    case 'GET trackingcategories': return listTracking(r);
    case 'PUT trackingcategories': return createTrackingCategory(r);
    case 'POST trackingcategories/:id': return updateTrackingCategory(r, id ?? '');
    case 'PUT trackingcategories/:id/options': return createTrackingOption(r, id ?? '');
    case 'GET items': return listItems(r);
    case 'PUT items': return saveItems(r, 'create');
    case 'POST items': return saveItems(r, 'upsert');
    case 'GET contacts': return listContacts(r);
    case 'GET contacts/:id': return getContact(r, id ?? '');
    case 'PUT contacts': return saveContacts(r, 'create');
    case 'POST contacts': return saveContacts(r, 'upsert');
    case 'POST contacts/:id': return saveContacts(r, 'upsert', id);
    case 'GET invoices': return listInvoices(r);
    case 'GET invoices/:id': return getInvoice(r, id ?? '');
    case 'PUT invoices': return saveInvoices(r, 'create');
    case 'POST invoices': return saveInvoices(r, 'upsert');
    case 'POST invoices/:id': return saveInvoices(r, 'upsert', id);
    case 'GET creditnotes': return listCreditNotes(r);
    case 'GET creditnotes/:id': return getCreditNote(r, id ?? '');
    case 'PUT creditnotes': return saveCreditNotes(r, 'create');
    case 'POST creditnotes': return saveCreditNotes(r, 'upsert');
    case 'POST creditnotes/:id': return saveCreditNotes(r, 'upsert', id);
    case 'PUT creditnotes/:id/allocations': return createAllocations(r, 'CreditNotes', id ?? '');
    case 'DELETE creditnotes/:id/allocations/:subid': return deleteAllocation(r, 'CreditNotes', id ?? '', subId ?? '');
    case 'GET banktransactions': return listBankTransactions(r);
    case 'GET banktransactions/:id': return getBankTransaction(r, id ?? '');
    case 'PUT banktransactions': return createBankTransactions(r);
    case 'POST banktransactions/:id': return deleteBankTransaction(r, id ?? '');
    case 'GET overpayments': return listOverpayments(r);
    case 'GET overpayments/:id': return getOverpayment(r, id ?? '');
    case 'PUT overpayments/:id/allocations': return createAllocations(r, 'Overpayments', id ?? '');
    case 'DELETE overpayments/:id/allocations/:subid': return deleteAllocation(r, 'Overpayments', id ?? '', subId ?? '');
    case 'GET payments': return listPayments(r);
    case 'GET payments/:id': return getPayment(r, id ?? '');
    case 'PUT payments':
    case 'POST payments': return createPayments(r);
    case 'POST payments/:id': return deletePayment(r, id ?? '');
    default: throw problemError(404, 'Not Found', `The resource ${m} /api.xro/2.0/${segments.join('/')} is not available in the emulator.`);
  }
}

function countElements(bodyText: string): number | null {
  try {
    const b: unknown = JSON.parse(bodyText);
    if (!b || typeof b !== 'object') return null;
    const arr = Object.values(b).find(Array.isArray);
    return arr ? arr.length : 1;
  } catch {
    return null;
  }
}

export async function handleAccounting(
  ctx: EmulatorContext,
  rt: AccountingRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: { text: string; tooLarge: boolean },
  log: Partial<RequestLogEntry>,
): Promise<void> {
  const { state } = ctx;
  const method = req.method ?? 'GET';
  const who = authenticate(req, state);
  const tenant = String(req.headers['xero-tenant-id'] ?? '').trim();
  log.tenant = tenant || null;
  const org = state.org(tenant);
  const connected = state.connections.some((c) => c.clientId === who.clientId && c.userId === who.userId && c.tenantId === tenant);
  if (!org || !connected) throw problemError(403, 'Forbidden', 'AuthenticationUnsuccessful');
  const offline = state.faults.orgOffline;
  if (offline === true || (Array.isArray(offline) && offline.includes(tenant))) {
    throw problemError(503, 'Service Unavailable', 'Organisation is offline: Xero is migrating its data. Try again later.');
  }
  const slot = rt.limiter.acquire(tenant, who.clientId);
  if (!slot.ok) throw new XeroHttpError(429, undefined, slot.headers);
  // The request log takes the status from the response when it closes (index.ts).
  // Date: the emulator's clock, as Xero's answers carry Xero's (a client may take "since" from it).
  const send = (status: number, payload: unknown, extra: Record<string, string> = {}) =>
    sendJson(res, status, payload, { ...slot.headers, Date: new Date(state.now()).toUTCString(), ...extra });
  let idemScope: string | null = null;
  let idemHash = '';
  try {
    if (!(await rt.applyFaults(req, res))) return;
    if (body.tooLarge) return send(413, problem(413, 'Request Entity Too Large', 'The request body is larger than 3.5 MB. Send fewer elements per request.'));
    log.elements = method === 'GET' ? null : countElements(body.text);
    const key = req.headers['idempotency-key'];
    const idemKey = typeof key === 'string' && key !== '' ? key : null;
    log.idempotencyKey = idemKey;
    if (idemKey && method !== 'GET') {
      if (idemKey.length > 128) return send(400, problem(400, 'Bad Request', 'The Idempotency-Key header must be at most 128 characters.'));
      idemScope = `${who.clientId}|${tenant}|${idemKey}`;
      idemHash = IdempotencyStore.hash(method, `${url.pathname}${url.search}`, body.text);
      const seen = rt.idempotency.check(idemScope, idemHash, state.now());
      if (seen.kind === 'replay') {
        idemScope = null;
        return send(seen.response.status, seen.response.body, { 'idempotent-replayed': 'true' });
      }
      if (seen.kind !== 'fresh') {
        const conflict = seen.kind === 'conflict';
        idemScope = null;
        return send(conflict ? 400 : 409, problem(conflict ? 400 : 409, conflict ? 'Bad Request' : 'Conflict', conflict
          ? `Idempotency Key ${idemKey} is used with a different request. Use a new key for a new request.`
          : `A request with Idempotency Key ${idemKey} is still being processed.`));
      }
    }
    const orgReq: OrgRequest = {
      org,
      method,
      now: state.now(),
      today: state.today(),
      url,
      headers: req.headers,
      body: method === 'GET' ? {} : parseJsonBody(body.text),
      summarize: url.searchParams.get('summarizeErrors')?.toLowerCase() !== 'false',
      unitdp: url.searchParams.get('unitdp') === '4' ? 4 : 2,
      dateErrors: ctx.dateErrors,
    };
    let result: HandlerResult;
    try {
      result = route(orgReq, url.pathname.slice(API_PREFIX.length).split('/').filter(Boolean));
    } catch (err) {
      if (!(err instanceof XeroHttpError) || err.status >= 500) throw err;
      result = { status: err.status, body: err.body };
    }
    if (idemScope) rt.idempotency.finish(idemScope, idemHash, state.now(), result);
    idemScope = null;
    if (method !== 'GET') ctx.persist();
    send(result.status, result.body);
  } finally {
    if (idemScope) rt.idempotency.finish(idemScope, idemHash, state.now(), null);
    slot.release();
  }
}

