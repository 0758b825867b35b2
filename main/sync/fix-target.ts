/**
 * Which screen a record's fix sends the user to, by the error's code: the mapping's codes to
 * the Synchronize tab, the connection's to the Authenticate tab, anything else (facility data,
 * a change to make in Xero) to no screen of the app.
 */
import type { FixTarget } from '../../contract';
import { MAPPING_ERROR_CODES } from '../mapping/mapping';
import { MAPPING_FIXABLE_CODES } from '../mapping/mapping-requeue';

const AUTHENTICATE_CODES: readonly string[] = ['not_connected', 'reconnect_required', 'token_expired', 'no_access'];

export function fixTargetOf(code: string | null | undefined): FixTarget | null {
  if (!code) return null;
  if ((MAPPING_ERROR_CODES as readonly string[]).includes(code) || MAPPING_FIXABLE_CODES.includes(code)) return 'synchronize';
  if (AUTHENTICATE_CODES.includes(code)) return 'authenticate';
  return null;
}
