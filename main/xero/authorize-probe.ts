/**
 * A look at Xero's sign-in page before the browser opens (issue 17): a Client ID or redirect URI that
 * Xero refuses shows an error page in the browser ("Unauthorized client", "Invalid redirect_uri")
 * and never comes back to the app, which used to wait five minutes in silence. The probe asks for
 * the same authorize URL itself and reads the answer for those two errors, so the user is told in
 * a second or two.
 *
 * It never signs anyone in: redirects are followed only on Xero's own host, never to the app's
 * redirect URI (an emulator that consents by itself would hand the probe a code), cookies are not
 * kept, and the code it may cause is never used. Anything else (a login page, a network problem, a
 * slow answer) says nothing: the browser flow goes on as before. Against the real Xero, whose
 * identity server may show its error page after a redirect, the Client ID's form check at Save
 * (client-id.ts) is the first guard; this one catches what the answer shows.
 */
import { AppError } from '../app-error';

const MAX_HOPS = 3;
const CLIENT_REFUSED = /unauthori[sz]ed[ _]client|invalid[ _]client/i;
const REDIRECT_REFUSED = /invalid[ _]redirect[ _]?uri|redirect[ _]uri[ _]mismatch/i;

/** The refusal Xero's answer to `authorizeUrl` shows, as the error to give the user; null when none is seen. */
export async function authorizeRefusal(authorizeUrl: URL, redirectUri: string, timeoutMs = 3_000): Promise<AppError | null> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    let url = authorizeUrl;
    for (let hop = 0; hop <= MAX_HOPS; hop++) {
      const res = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'text/html' } });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, url);
        if (next.origin !== authorizeUrl.origin || next.href.startsWith(redirectUri)) return null;
        url = next;
        continue;
      }
      const page = `${decodeURIComponent(url.search)} ${(await res.text()).slice(0, 200_000)}`;
      return refusalIn(page, redirectUri);
    }
    return null;
  } catch {
    return null;
  }
}

function refusalIn(page: string, redirectUri: string): AppError | null {
  if (CLIENT_REFUSED.test(page)) {
    return new AppError(
      'invalid_client',
      "Xero does not recognise this Client ID (its sign-in page says \"Unauthorized client\"). Copy the Client ID again from your Xero app's Configuration page at developer.xero.com, click Save and connect again.",
    );
  }
  if (REDIRECT_REFUSED.test(page)) {
    return new AppError(
      'redirect_uri_mismatch',
      `Xero refused the redirect URI (its sign-in page says "Invalid redirect_uri"). On your Xero app's Configuration page at developer.xero.com, add exactly ${redirectUri} as a redirect URI, save it there and connect again.`,
    );
  }
  return null;
}
