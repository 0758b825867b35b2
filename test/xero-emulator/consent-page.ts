/** The HTML pages a user sees during sign-in: the consent page and the "cannot continue" error page. */
import { escapeHtml } from './http-util';
import type { Organisation } from './types';

const SCOPE_TEXT: Record<string, string> = {
  openid: 'Know who you are',
  profile: 'See your name',
  email: 'See your email address',
  offline_access: 'Stay connected when you are away',
  'accounting.contacts': 'View and manage your contacts',
  'accounting.transactions': 'View and manage your business transactions',
  'accounting.invoices': 'View and manage your invoices',
  'accounting.payments': 'View and manage your payments',
  'accounting.settings': 'View and manage your organisation settings',
  'accounting.settings.read': 'View your organisation settings',
};

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f2f4f7;margin:0;color:#1f2a37}
header{background:#13b5ea;color:#fff;padding:14px 24px;font-weight:700;font-size:22px;letter-spacing:.5px}
main{max-width:520px;margin:32px auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:28px}
h1{font-size:20px;margin:0 0 12px}ul{padding-left:20px}li{margin:4px 0}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:16px 0;padding:12px}
label{display:block;padding:6px 0;cursor:pointer}
.actions{display:flex;gap:12px;justify-content:flex-end;margin-top:20px}
button{font-size:15px;padding:10px 18px;border-radius:4px;border:1px solid #0078c8;cursor:pointer}
button.allow{background:#0078c8;color:#fff}button.cancel{background:#fff;color:#0078c8}
.note{color:#667085;font-size:13px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body><header>xero <span class="note" style="color:#e6f7fd">(local emulator)</span></header>
<main>${body}</main></body></html>`;
}

export function consentPage(appName: string, scope: string, orgs: Organisation[], params: Record<string, string>): string {
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const scopes = scope
    .split(' ')
    .filter(Boolean)
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)}</li>`)
    .join('');
  const choices = orgs
    .map(
      (o, i) =>
        `<label><input type="radio" name="tenant_id" value="${escapeHtml(o.OrganisationID)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(o.Name)}</label>`,
    )
    .join('');
  return page(
    'Xero | Authorise app',
    `<h1>${escapeHtml(appName)} wants to access your Xero data</h1>
<p>Signed in as demo.user@example.com. This app will be able to:</p><ul>${scopes}</ul>
<form method="post" action="/identity/connect/authorize">${hidden}
<fieldset><legend>Select the organisation to connect</legend>${choices}</fieldset>
<div class="actions"><button type="submit" name="decision" value="deny" class="cancel">Cancel</button>
<button type="submit" name="decision" value="allow" class="allow">Allow access</button></div></form>
<p class="note">You can disconnect this app at any time from your Xero settings.</p>`,
  );
}

export function errorPage(message: string): string {
  return page('Xero | Error', `<h1>Sorry, something went wrong</h1><p>${escapeHtml(message)}</p>`);
}
