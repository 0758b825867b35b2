/**
 * The form of a Client ID, checked at Save so a wrong one is caught at once instead of after five
 * minutes of waiting for Xero (issue 17). Xero's Client IDs are 32 hexadecimal characters (the
 * Configuration page of an app at developer.xero.com; docs/xero-facts.md). The emulator's ids are
 * names (`demo-desktop-app`), so against it only the form rules that hold for any id apply.
 */
import type { XeroEndpoints } from '../../contract';

const XERO_CLIENT_ID = /^[0-9A-Fa-f]{32}$/;
/** Xero's client secrets: 48 characters of letters, digits, '-' and '_'. */
const LOOKS_LIKE_SECRET = /^[A-Za-z0-9_-]{40,}$/;

/** What is wrong with `id` (already trimmed) as a Client ID, in plain words; null when it looks right. */
export function clientIdProblem(id: string, mode: XeroEndpoints['mode']): string | null {
  const fromPortal = "Copy the Client ID from your Xero app's Configuration page at developer.xero.com (see the Quick guide) and paste it here.";
  if (/\s/.test(id)) return `The Client ID has a space or line break in it. ${fromPortal}`;
  if (mode !== 'xero' || XERO_CLIENT_ID.test(id)) return null;
  if (LOOKS_LIKE_SECRET.test(id)) {
    return `This looks like the Client Secret, not the Client ID. ${fromPortal} The secret, if your app has one, goes in the Client Secret field.`;
  }
  return `This is not a Xero Client ID: Xero's are 32 characters, only the digits 0-9 and the letters A-F (this one has ${id.length} characters${/[^0-9A-Fa-f]/.test(id) ? ' and others' : ''}). ${fromPortal}`;
}
