/**
 * "Create in Xero" from the Synchronize tab: a missing tracking option or item is created in Xero
 * and written into the mirror at once, so the mapping check sees it without a full refresh.
 */
import { randomUUID } from 'node:crypto';
import type { ReferenceItem } from '../../contract';
import { AppError } from '../app-error';
import { truncateGraphemes } from '../text/graphemes';
import type { Db } from '../db/open-database';
import type { ReferenceClient } from './reference-mirror';
import { refreshTrackingCategories } from './reference-mirror';
import { upsertItems } from './reference-store';
import { XeroApiError } from './xero-api-error';

export interface NewItem {
  code: string;
  name: string;
  accountCode?: string | null;
  taxType?: string | null;
}

export async function createTrackingOption(db: Db, client: ReferenceClient, input: { categoryId: string; name: string }): Promise<void> {
  const name = input.name.trim();
  try {
    await client.sdk((a, t) => a.createTrackingOptions(t, input.categoryId, { name }, randomUUID()));
  } catch (err) {
    throw refused(err, `Xero did not create the tracking option "${name}"`, 'Check the name in Xero (Settings > Tracking categories) and try again.');
  }
  await refreshTrackingCategories(db, client);
}

export async function createItem(db: Db, client: ReferenceClient, input: NewItem): Promise<ReferenceItem> {
  const item = {
    code: input.code.trim(),
    name: truncateGraphemes(input.name.trim() || input.code.trim(), 50),
    isSold: true,
    salesDetails: { ...(input.accountCode ? { accountCode: input.accountCode } : {}), ...(input.taxType ? { taxType: input.taxType } : {}) },
  };
  let created;
  try {
    const res = await client.sdk((a, t) => a.createItems(t, { items: [item] }, false, undefined, randomUUID()));
    created = res.body.items?.[0];
  } catch (err) {
    throw refused(err, `Xero did not create the item "${item.code}"`, 'Check the item code (at most 30 characters) and its account, then try again.');
  }
  const problems = created?.validationErrors?.map((v) => v.message).filter(Boolean) ?? [];
  if (!created?.itemID || problems.length > 0) {
    throw new AppError('xero_error', `Xero did not create the item "${item.code}": ${sentence(problems.join(' ') || 'no reason given')} Choose another code or fix the account, then try again.`);
  }
  upsertItems(db, [created]);
  return {
    itemId: created.itemID, code: created.code ?? item.code, name: created.name ?? item.name,
    accountCode: created.salesDetails?.accountCode ?? null, taxType: created.salesDetails?.taxType ?? null,
  };
}

function refused(err: unknown, what: string, fix: string): Error {
  if (err instanceof XeroApiError && err.kind === 'validation') {
    return new AppError('xero_error', `${what}: ${sentence(err.validationErrors.join(' ') || err.message)} ${fix}`);
  }
  if (err instanceof XeroApiError && err.transient) {
    return new AppError('offline', `${what}: Xero could not be reached or is busy. Try again in a minute.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Xero's messages sometimes end with a full stop and sometimes not. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
