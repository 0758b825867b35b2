/**
 * When the mapping changes, records that failed (or wait) because of the mapping get another
 * chance: the engine's requeueFailed queues them again in one transaction. Records that failed
 * for other reasons (data errors, duplicates) are left alone.
 */
import type { Db } from '../db/open-database';
import { MAPPING_ERROR_CODES } from './mapping';
import { requeueFailed } from '../sync/records/requeue';

/**
 * Codes from the engine's explanations of Xero validation errors (main/sync/explain-error.ts) that
 * a mapping change can fix, besides the payload builders' own MAPPING_ERROR_CODES.
 */
export const MAPPING_FIXABLE_CODES: readonly string[] = [
  'account_invalid', 'account_cannot_take_payments', 'tax_type_invalid', 'item_invalid', 'tracking_invalid', 'account_required',
  'line_amount_types_invalid',
];

export function requeueMappingFailures(db: Db, now: string = new Date().toISOString()): number {
  return requeueFailed(db, { codes: [...MAPPING_ERROR_CODES, ...MAPPING_FIXABLE_CODES] }, now).length;
}
