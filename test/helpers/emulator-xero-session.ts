import type { XeroSession } from '../../main/xero/session';
import type { XeroEmulator } from '../xero-emulator/index';
import { connectedEmulatorSession } from './emulator-session';

/**
 * A connected XeroSession for tests that hold the emulator object: the same session as
 * connectedEmulatorSession (tokens from the emulator's token route; invalidateAccessToken gets a
 * fresh one, like a refresh would).
 */
export function emulatorXeroSession(emulator: XeroEmulator, organisation?: string): Promise<XeroSession> {
  return connectedEmulatorSession(emulator.url, organisation);
}
