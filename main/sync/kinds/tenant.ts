/**
 * Tenants -> Xero contacts. Natural key: ContactNumber = the facility's tenant id. A contact is
 * created or updated in one POST /Contacts; a name clash is settled in send-batch.ts by sending
 * again as "Jane Smith (T-1042)" (disambiguatedName). A tenant has no date of its own: under a sync
 * start date a new contact is sent when the tenant has an invoice or credit note on or after it, or
 * none at all (a new tenant); one whose documents are all older is held like them, and queued again
 * when a newer document arrives (requeueBeforePlanning).
 * Before its first send a contact Xero already holds under its ContactNumber or exact name is linked
 * instead (findExistingContacts).
 */
import { Phone, type Contact } from 'xero-node';
import type { Db } from '../../db/open-database';
import { truncateGraphemes } from '../../text/graphemes';
import { whereString, XERO_PAGE_SIZE, type XeroApiClient } from '../../xero/api-client';
import { explainValidation } from '../explain-error';
import { nextAttemptAt } from '../records/outbox-store';
import type { KindModule, PlannedItem, SendContext, XeroChange, XeroChangeReader } from './kind-module';
import { prepared } from './payload-helpers';
import { requeueFailed } from '../records/requeue';
import { FACILITY_BALANCE_SQL } from '../../report/tenant-balances';
import { beforeStart } from '../start-date';
import { heldOutcome, requeueHeldWithMoney } from './held-documents';
import { linkedRecords, onDay } from './xero-compare';

const CONTACT_NAME_MAX = 255;

interface TenantData { external_id: string; name: string; email: string; phone: string }

export function buildContactPayload(db: Db, tenantId: number, opts: { disambiguate?: boolean } = {}): Contact {
  const t = prepared(db, 'SELECT external_id, name, email, phone FROM tenants WHERE id = ?').get(tenantId) as TenantData | undefined;
  if (!t) throw new Error(`tenant ${tenantId} is not in the mirror`);
  const name = opts.disambiguate ? disambiguatedName(t.name, t.external_id) : truncateGraphemes(t.name, CONTACT_NAME_MAX);
  const contact: Contact = { contactNumber: t.external_id, name };
  if (t.email) contact.emailAddress = t.email;
  if (t.phone) contact.phones = [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: t.phone }];
  return contact;
}

/** "Jane Smith (T-1042)": unique because the tenant id is; the name is shortened, never the id. */
export function disambiguatedName(name: string, externalId: string): string {
  const suffix = ` (${externalId})`;
  return truncateGraphemes(name, Math.max(0, CONTACT_NAME_MAX - suffix.length)) + suffix;
}

export const tenantKind: KindModule = {
  kind: 'tenant',
  planner: ({ db, store, startDate }) => (row) => {
    const xeroId = store.xeroIdOf('tenant', row.record_id);
    if (!xeroId && startDate && onlyOlderDocuments(db, row.record_id, startDate)) {
      const held = beforeStart(startDate, `Tenant ${buildContactPayload(db, row.record_id).contactNumber ?? ''} has no invoice, credit note or prepayment on or after it`);
      return heldOutcome(db, 'tenant', row.record_id, startDate, held);
    }
    const payload = buildContactPayload(db, row.record_id, { disambiguate: store.isDisambiguated(row.record_id) });
    if (xeroId) payload.contactID = xeroId;
    return { type: 'send', item: { row, op: xeroId ? 'update' : 'create', payload, xeroId } };
  },
  requeueBeforePlanning(ctx, now) {
    const { db, startDate } = ctx;
    requeueHeldWithMoney('tenant', ctx, now);
    const ids = prepared(
      db,
      `SELECT s.record_id FROM sync_records s WHERE s.kind = 'tenant' AND s.status = 'before_start_date'
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'tenant' AND o.record_id = s.record_id AND o.status IN ('pending', 'in_flight'))`,
    ).pluck().all() as number[];
    const due = ids.filter((id) => !startDate || !onlyOlderDocuments(db, id, startDate));
    if (due.length) requeueFailed(db, { kind: 'tenant', recordIds: due, statuses: ['before_start_date'] }, now);
  },
  async send(client, op, items, key) {
    const contacts = items.map((i) => i.payload as Contact);
    return (await (op === 'create' ? client.createContacts(contacts, key) : client.saveContacts(contacts, key))).body.contacts ?? [];
  },
  xeroIdOf: (el) => (el as Contact).contactID,
  naturalKey: (db, recordId) => (prepared(db, 'SELECT external_id FROM tenants WHERE id = ?').pluck().get(recordId) as string | undefined) ?? null,
  async findByNaturalKey(client, keys) {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const res = await client.findContacts(keys.map((k) => `ContactNumber==${whereString(k)}`).join(' OR '));
    for (const c of res.body.contacts ?? []) if (c.contactNumber && c.contactID) out.set(c.contactNumber, c.contactID);
    return out;
  },
  lookupExisting: findExistingContacts,
  settlesRefusal: (code, item) => code === 'contact_name_taken' && item.op === 'create',
  settleRefusal: settleNameClash,
  report: {
    // The balance in the facility and in Xero as last read for the organisation the records were sent to (report/tenant-balances.ts);
    // before one is recorded (the first connection records it), the one read.
    detailsSql: `SELECT t.id, t.external_id, t.name AS tenant_name, t.email AS reference, NULL AS amount_cents, NULL AS payment_method,
                  NULL AS xero_invoice_id, ${FACILITY_BALANCE_SQL} AS facility_balance_cents, xb.balance_cents AS xero_balance_cents,
                  xb.read_at AS xero_balance_read_at
           FROM tenants t
           LEFT JOIN xero_balances xb ON xb.tenant_id = t.id
             AND xb.organisation_id = COALESCE((SELECT value FROM sync_state WHERE key = 'organisation_id'), xb.organisation_id)
           WHERE t.id IN (SELECT value FROM json_each(@ids))`,
    webUrl: (xeroId) => (xeroId ? `https://go.xero.com/Contacts/View/${xeroId}` : null),
  },
  externalIdSql: 'SELECT id FROM tenants WHERE external_id = @v',
  xeroChanges: { collection: 'Contacts', compare: compareContacts } satisfies XeroChangeReader,
};

const ARCHIVED_FIX =
  "Xero takes no new invoices for an archived contact. If the tenant is still renting, restore the contact in Xero (Contacts, Archived, Restore); then choose Accept Xero's.";

/** Changed contacts in Xero against what Facility Sync sends for the tenant: name, email, archived. */
function compareContacts(db: Db, records: object[]): XeroChange[] {
  const contacts = records as Contact[];
  const linked = linkedRecords(db, 'tenant', contacts.map((c) => c.contactID));
  const disambiguated = prepared(db, "SELECT disambiguate FROM sync_records WHERE kind = 'tenant' AND record_id = ?").pluck();
  const changes: XeroChange[] = [];
  for (const c of contacts) {
    const rec = linked.get(c.contactID ?? '');
    if (!rec || rec.status !== 'synced') continue;
    const ours = buildContactPayload(db, rec.recordId, { disambiguate: disambiguated.get(rec.recordId) === 1 });
    const change = (what: string, fix?: string) => changes.push({ kind: 'tenant', recordId: rec.recordId, what, resendable: !fix, ...(fix ? { fix } : {}) });
    if (String(c.contactStatus) === 'ARCHIVED') change(`Archived in Xero${onDay(c.updatedDateUTC, rec.timeZone)}`, ARCHIVED_FIX);
    if ((c.name ?? '') !== (ours.name ?? '')) change(`Name "${c.name ?? ''}" in Xero, "${ours.name ?? ''}" here`);
    if ((c.emailAddress ?? '') !== (ours.emailAddress ?? '')) change(`Email "${c.emailAddress ?? ''}" in Xero, "${ours.emailAddress ?? ''}" here`);
  }
  return changes;
}

/**
 * "The contact name X is already assigned to another contact": when that contact carries our
 * ContactNumber it is ours (an earlier send we never heard back from), so link it; otherwise
 * send again as "Jane Smith (T-1042)".
 */
async function settleNameClash(ctx: SendContext, item: PlannedItem): Promise<'ok' | 'requeued' | 'failed'> {
  const payload = item.payload as Contact;
  const name = payload.name ?? '';
  let found: Contact | undefined;
  try {
    const res = await ctx.client.findContacts(`Name==${whereString(name)}`);
    found = res.body.contacts?.find((c) => c.name === name);
  } catch {
    ctx.store.requeue([item.row], nextAttemptAt(item.row.attempts, ctx.now(), ctx.backoffBaseMs));
    return 'requeued';
  }
  if (found?.contactID && found.contactNumber === payload.contactNumber) {
    ctx.store.transaction(() => ctx.store.completeRow(item.row, found.contactID ?? null));
    return 'ok';
  }
  if (!ctx.store.isDisambiguated(item.row.record_id)) {
    ctx.store.transaction(() => {
      ctx.store.markDisambiguate(item.row.record_id);
      ctx.store.requeue([item.row], null);
    });
    return 'requeued';
  }
  ctx.store.transaction(() => ctx.store.failRow(item.row, explainValidation([`The contact name ${name} is already assigned to another contact.`], 'tenant')));
  return 'failed';
}

/** The tenant has invoices, credit notes or prepayments, all dated before `start`. */
function onlyOlderDocuments(db: Db, tenantId: number, start: string): boolean {
  const r = prepared(
    db,
    `SELECT (SELECT COUNT(*) FROM invoices WHERE tenant_id = @t) + (SELECT COUNT(*) FROM credit_notes WHERE tenant_id = @t)
              + (SELECT COUNT(*) FROM prepayments WHERE tenant_id = @t) AS docs,
            EXISTS (SELECT 1 FROM invoices WHERE tenant_id = @t AND issue_date >= @start)
              OR EXISTS (SELECT 1 FROM credit_notes WHERE tenant_id = @t AND issue_date >= @start)
              OR EXISTS (SELECT 1 FROM prepayments WHERE tenant_id = @t AND paid_on >= @start) AS newer`,
  ).get({ t: tenantId, start }) as { docs: number; newer: number };
  return r.docs > 0 && r.newer === 0;
}

/**
 * Match before create: a contact is ours when it carries our ContactNumber, or, entered by hand
 * (ContactNumber is API-only, so people leave it empty), when it has exactly our name. A contact with
 * our name and another ContactNumber is someone else: not a match, the name-clash rule settles it.
 */
async function findExistingContacts(db: Db, client: XeroApiClient, recordIds: number[]): Promise<Map<number, Contact>> {
  const out = new Map<number, Contact>();
  const tenants = recordIds.flatMap((id) => {
    const t = prepared(db, 'SELECT external_id, name FROM tenants WHERE id = ?').get(id) as { external_id: string; name: string } | undefined;
    return t ? [{ id, number: t.external_id, name: truncateGraphemes(t.name, CONTACT_NAME_MAX) }] : [];
  });
  if (tenants.length === 0) return out;
  const where = tenants.map((t) => `ContactNumber==${whereString(t.number)} OR Name==${whereString(t.name)}`).join(' OR ');
  const found: Contact[] = [];
  for (let page = 1; ; page++) {
    const contacts = (await client.findContactsPage(where, page)).body.contacts ?? [];
    found.push(...contacts);
    if (contacts.length < XERO_PAGE_SIZE) break;
  }
  for (const t of tenants) {
    const match = found.find((c) => c.contactNumber === t.number)
      ?? found.find((c) => !c.contactNumber && c.name === t.name && String(c.contactStatus ?? 'ACTIVE') === 'ACTIVE');
    if (match?.contactID) out.set(t.id, match);
  }
  return out;
}
