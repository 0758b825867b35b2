/**
 * Changes made in Xero in the integration report (issue 16), at a back-office laptop's 1366x768: the
 * sample synced to the emulator, then a person in Xero voids one invoice and records a payment on another
 * that the facility does not have. The report shows both as Changed in Xero with what changed in words;
 * Send ours again asks first, saying what it does, and is refused for the void with what to do instead;
 * Accept Xero's settles the other.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { E2E_NOW, newPinnedPage, screenshot, watchConsole } from '../helpers/browser';
import { pickOption, selectField, startSampleHarness, type SampleHarness } from '../helpers/sample-harness';

let h: SampleHarness;
let page: Page;
let problems: string[];
let voided: string;
let paid: string;

type WireInvoice = { InvoiceNumber: string; Status: string; AmountPaid: number; AmountCredited: number };

beforeAll(async () => {
  // Xero's clock on the pinned day, so the words carry it whatever today is.
  h = await startSampleHarness({ xeroClock: E2E_NOW });
  const api = h.harness.services.api;
  await api.refreshReferenceData();
  const { mapping } = await api.suggestMapping();
  await api.setMapping({ ...mapping, tracking: [] });
  await api.syncNow();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const s = await api.getSyncStatus();
    if (s.state === 'idle' && s.lastSyncAt !== null) break;
    if (Date.now() > deadline) throw new Error(`sync did not settle: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const invoices = h.emulator.admin.state().organisations[0]!.invoices as WireInvoice[];
  // Xero voids only an invoice with nothing applied; the other takes a payment, so it must still be open.
  const toVoid = invoices.find((i) => i.Status === 'AUTHORISED' && i.AmountPaid === 0 && i.AmountCredited === 0);
  const toPay = invoices.find((i) => i.Status === 'AUTHORISED' && i !== toVoid);
  if (!toVoid || !toPay) throw new Error(`the sample needs two open invoices: ${JSON.stringify(invoices.map((i) => [i.InvoiceNumber, i.Status]))}`);
  [voided, paid] = [toVoid.InvoiceNumber, toPay.InvoiceNumber];
  h.emulator.admin.asPerson.voidInvoice(undefined, voided);
  h.emulator.admin.asPerson.addPayment(undefined, { invoice: paid, amount: 1.5 });
  const check = await api.checkXeroChanges();
  if (check.found !== 2) throw new Error(`expected two changes, found: ${JSON.stringify(check)}`);
  page = await newPinnedPage(h.browser, { width: 1366, height: 768 });
  problems = watchConsole(page);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

test('rows changed in Xero say what changed; Send ours again asks first and is refused for a void with what to do', async () => {
  await page.goto(`${h.harness.url}#/reports/integration`);
  await pickOption(page, selectField(page, 'Search by'), 'Invoices');
  await pickOption(page, selectField(page, 'Status'), 'Non-synced');
  await page.getByRole('button', { name: 'Get Report' }).click();
  const table = page.getByRole('table', { name: 'Integration report results' });
  await expect.poll(() => table.innerText(), { timeout: 20_000 }).toMatch(/Changed in Xero/i); // the badge is in capitals
  const text = await table.innerText();
  expect(text).toContain('Voided in Xero on 21 Nov 2026.');
  expect(text).toContain('Payment of 1.50 recorded in Xero that the facility does not have.');
  expect(text.match(/Changed in Xero/gi)).toHaveLength(2);
  expect(await page.getByRole('alert').filter({ hasText: 'changed in Xero after they were sent' }).count()).toBe(1);

  await page.getByRole('checkbox', { name: `Select ${voided}` }).check();
  await pickOption(page, selectField(page, 'Sync option'), 'Send ours again');
  await page.getByRole('button', { name: 'Apply' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send ours again?' });
  await expect.poll(() => confirm.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await confirm.innerText()).toContain("Facility Sync puts the facility's version back in Xero at the next sync");
  await screenshot(page, 'xero-changes-confirm-1366');
  await confirm.getByRole('button', { name: 'Send ours again' }).click();
  const outcome = page.getByRole('dialog', { name: 'Sync option applied' });
  await expect.poll(() => outcome.isVisible(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => outcome.innerText(), { timeout: 10_000 }).toContain('1 invoice cannot be sent again: Xero cannot take it back');
  expect(await outcome.innerText()).toContain('Xero cannot bring back a voided or deleted invoice.');
  await screenshot(page, 'xero-changes-refused-1366');
  await outcome.getByRole('button', { name: 'Close' }).click();
  await screenshot(page, 'xero-changes-report-1366');

  // Accept Xero's for the payment recorded in Xero: asked first, then the row is synced again with a note.
  await page.getByRole('checkbox', { name: `Select ${paid}` }).check();
  await pickOption(page, selectField(page, 'Sync option'), "Accept Xero's");
  await page.getByRole('button', { name: 'Apply' }).click();
  const accept = page.getByRole('dialog', { name: "Accept Xero's?" });
  await expect.poll(() => accept.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await accept.innerText()).toContain("Xero's version stays and the record is marked reviewed");
  await accept.getByRole('button', { name: "Accept Xero's" }).click();
  await expect.poll(() => outcome.innerText(), { timeout: 10_000 }).toContain("1 invoice marked reviewed: Xero's version accepted.");
  await outcome.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => table.innerText(), { timeout: 20_000 }).not.toContain('Payment of 1.50');
  expect((await table.innerText()).match(/Changed in Xero/gi)).toHaveLength(1);
  expect(problems).toEqual([]);
});
