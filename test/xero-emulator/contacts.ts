/** /Contacts: list, get one, PUT (create), POST (create or update). Name and ContactNumber are unique. */
import { randomUUID } from 'node:crypto';
import { ElementError, elementsOf, restoreRecord, runBatch, type HandlerResult, type UndoLog } from './batch';
import { notFound } from './http-util';
import { envelope, list } from './query';
import type { OrgRequest } from './org-request';
import type { Contact, ContactPhone, OrgData, PhoneType } from './types';
import { XERO_DATES, wireContact } from './wire';

const IDENTIFY_CONTACT =
  'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber';

/** Xero's words (quoted by integrators' support pages: Hubdoc, ServiceM8, AgriDigital). */
const ARCHIVED_CONTACT =
  'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function listContacts(r: OrgRequest): HandlerResult {
  return list(r.org.contacts.values(), {
    key: 'Contacts',
    shape: wireContact,
    updated: (c) => c.UpdatedDateUTC,
    lists: { IDs: 'ContactID' },
    paged: true,
    archived: (c) => c.ContactStatus === 'ARCHIVED',
  }, r);
}

export function getContact(r: OrgRequest, id: string): HandlerResult {
  const c = r.org.contacts.get(id);
  if (!c) throw notFound();
  return { status: 200, body: envelope('Contacts', [wireContact(c, XERO_DATES)], r.now) };
}

export function saveContacts(r: OrgRequest, mode: 'create' | 'upsert', pathId?: string): HandlerResult {
  if (pathId && !r.org.contacts.has(pathId)) throw notFound();
  const els = elementsOf(r.body, 'Contacts');
  return runBatch('Contacts', els, r.summarize, (el, undo) => wireContact(applyContact(r.org, el, undo, mode, r.now, pathId), XERO_DATES), r.now);
}

/** The contact an invoice refers to, refusing an ARCHIVED one as Xero does. */
export function resolveInvoiceContact(org: OrgData, ref: unknown, undo: UndoLog, now: number): Contact {
  const contact = findInvoiceContact(org, ref, undo, now);
  if (contact.ContactStatus === 'ARCHIVED') throw new ElementError([ARCHIVED_CONTACT]);
  return contact;
}

/** The contact of an invoice or credit note; its problems join the document's other messages instead of hiding them. */
export function documentContact(org: OrgData, ref: unknown, undo: UndoLog, now: number, errors: string[]): Contact | undefined {
  try {
    return resolveInvoiceContact(org, ref, undo, now);
  } catch (err) {
    if (!(err instanceof ElementError)) throw err;
    errors.push(...err.messages);
    return undefined;
  }
}

/** Finds the contact an invoice refers to (by ContactID, ContactNumber or Name), creating it by Name. */
function findInvoiceContact(org: OrgData, ref: unknown, undo: UndoLog, now: number): Contact {
  const c = ref && typeof ref === 'object' ? (ref as Record<string, unknown>) : {};
  const id = str(c.ContactID);
  const number = str(c.ContactNumber);
  const name = str(c.Name);
  if (id) {
    const found = org.contacts.get(id);
    if (!found) throw new ElementError([`Contact with ContactID ${id} could not be found.`]);
    return found;
  }
  if (number) {
    const found = [...org.contacts.values()].find((x) => x.ContactNumber === number);
    if (found) return found;
    if (!name) throw new ElementError([`Contact with ContactNumber ${number} could not be found.`]);
  }
  if (!name) throw new ElementError([IDENTIFY_CONTACT]);
  const byName = [...org.contacts.values()].find((x) => x.Name === name && x.ContactStatus === 'ACTIVE');
  return byName ?? applyContact(org, { Name: name, ContactNumber: number }, undo, 'create', now);
}

const PHONE_TYPES: PhoneType[] = ['DEFAULT', 'DDI', 'MOBILE', 'FAX', 'OFFICE'];
// [field, Xero's name for it, max length] (Phone in xero_accounting.yaml)
const PHONE_FIELDS = [['PhoneNumber', 'Phone Number', 50], ['PhoneAreaCode', 'Phone Area Code', 10], ['PhoneCountryCode', 'Phone Country Code', 20]] as const;

/** A phone sent for a type replaces the stored phone of that type; the other types are kept. */
function mergePhones(stored: ContactPhone[], raw: unknown, errors: string[]): ContactPhone[] {
  if (!Array.isArray(raw)) return stored;
  const merged = new Map(stored.map((p) => [p.PhoneType, p]));
  for (const p of raw as unknown[]) {
    if (!p || typeof p !== 'object') continue;
    const sent = p as Record<string, unknown>;
    const type = (str(sent.PhoneType) ?? 'DEFAULT') as PhoneType;
    if (!PHONE_TYPES.includes(type)) {
      errors.push(`PhoneType ${type} is not valid.`);
      continue;
    }
    const phone: ContactPhone = { PhoneType: type, PhoneNumber: '', PhoneAreaCode: '', PhoneCountryCode: '' };
    for (const [field, label, max] of PHONE_FIELDS) {
      const v = str(sent[field]) ?? '';
      if (v.length > max) errors.push(`The ${label} must not be more than ${max} characters long.`);
      phone[field] = v;
    }
    merged.set(type, phone);
  }
  return [...merged.values()];
}

function applyContact(org: OrgData, el: Record<string, unknown>, undo: UndoLog, mode: 'create' | 'upsert', now: number, pathId?: string): Contact {
  const id = pathId ?? str(el.ContactID);
  const number = str(el.ContactNumber);
  let existing: Contact | undefined;
  if (id) {
    existing = org.contacts.get(id);
    if (!existing) throw new ElementError([`Contact with ContactID ${id} could not be found.`]);
  } else if (mode === 'upsert' && number) {
    existing = [...org.contacts.values()].find((x) => x.ContactNumber === number);
  }
  const name = str(el.Name) ?? existing?.Name;
  if (!name && !number && !id) throw new ElementError([IDENTIFY_CONTACT]);
  const errors: string[] = [];
  if (!name) errors.push('The Contact Name field is mandatory.');
  if (name && name.length > 255) errors.push('The Contact Name must not be more than 255 characters long.');
  if (number && number.length > 50) errors.push('The ContactNumber must not be more than 50 characters long.');
  const email = str(el.EmailAddress);
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push('Email address must be valid.');
  const phones = mergePhones(existing?.Phones ?? [], el.Phones, errors);
  const status = (str(el.ContactStatus) ?? existing?.ContactStatus ?? 'ACTIVE') as Contact['ContactStatus'];
  if (status !== 'ACTIVE' && status !== 'ARCHIVED') errors.push(`ContactStatus ${status} is not valid.`);
  const others = [...org.contacts.values()].filter((x) => x !== existing);
  if (name && status === 'ACTIVE' && others.some((x) => x.ContactStatus === 'ACTIVE' && x.Name.toLowerCase() === name.toLowerCase())) {
    errors.push(`The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`);
  }
  if (number && others.some((x) => x.ContactNumber === number)) {
    errors.push(`The contact number ${number} is already assigned to another contact. The contact number must be unique across all contacts.`);
  }
  if (errors.length) throw new ElementError(errors);

  const fields: Partial<Contact> = { Name: name ?? '', ContactStatus: status, UpdatedDateUTC: now, ...(phones.length ? { Phones: phones } : {}) };
  for (const k of ['ContactNumber', 'AccountNumber', 'FirstName', 'LastName', 'EmailAddress'] as const) {
    const v = str(el[k]);
    if (v !== undefined) fields[k] = v;
  }
  if (existing) {
    const before = { ...existing };
    Object.assign(existing, fields);
    undo.push(() => restoreRecord(existing, before));
    return existing;
  }
  const created: Contact = { ContactID: randomUUID(), IsCustomer: false, ...fields } as Contact;
  org.contacts.set(created.ContactID, created);
  undo.push(() => org.contacts.delete(created.ContactID));
  return created;
}
