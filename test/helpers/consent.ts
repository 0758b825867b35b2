/**
 * Plays the user in the system browser with real HTTP: loads the emulator's consent page from the
 * authorize URL, submits its form (organisation + Allow access / Cancel), and follows the redirect
 * to the app's loopback listener.
 */
export interface ConsentResult {
  /** Where the consent form redirected (the loopback callback), if it did. */
  location?: string;
  /** The loopback listener's answer, or the identity server's error page. */
  status: number;
  body: string;
}

const unescape = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export async function driveConsent(authorizeUrl: string, options: { organisation?: string; decision?: 'allow' | 'deny' } = {}): Promise<ConsentResult> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<form')) return { status: page.status, body: html };

  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) form.set(unescape(m[1]!), unescape(m[2]!));
  const orgs = [...html.matchAll(/<input type="radio" name="tenant_id" value="([^"]*)"[^>]*>\s*([^<]*)<\/label>/g)].map((m) => ({
    id: unescape(m[1]!),
    name: unescape(m[2]!.trim()),
  }));
  const org = options.organisation ? orgs.find((o) => o.name === options.organisation) : orgs[0];
  if (!org) throw new Error(`Organisation ${options.organisation} is not on the consent page (${orgs.map((o) => o.name).join(', ')})`);
  form.set('tenant_id', org.id);
  form.set('decision', options.decision ?? 'allow');

  const answer = await fetch(new URL('/identity/connect/authorize', authorizeUrl), { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) return { status: answer.status, body: await answer.text() };
  const callback = await fetch(location);
  return { location, status: callback.status, body: await callback.text() };
}
