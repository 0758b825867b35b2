/**
 * What stops a write-off credit note (issue 13): the Write-offs row not chosen, chosen wrong, or Xero's lists of another organisation;
 * and a deposit returned on move-out (issue 14) while the deposit charge is not mapped to a liability with no tax.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Mapping } from '../../contract';
import type { Db } from '../../main/db/open-database';
import { EMPTY_MAPPING, MAPPING_ERROR_CODES } from '../../main/mapping/mapping';
import { findMappingProblems } from '../../main/mapping/mapping-problems';
import { createPlanner } from '../../main/sync/planner';
import { createOutboxStore } from '../../main/sync/records/outbox-store';
import { upsertAccounts } from '../../main/xero/reference-store';
import { idOf, openSampleFacilityDb } from '../helpers/sample-facility-db';
import { seedReferenceMirror } from '../helpers/seed-reference-mirror';

let db: Db;
beforeEach(async () => {
  db = await openSampleFacilityDb();
  seedReferenceMirror(db, 'org-1');
  upsertAccounts(db, [{ accountID: 'acc-bad', code: '495', name: 'Bad Debts', type: 'EXPENSE', status: 'ACTIVE', taxType: 'INPUT' }]);
});
afterEach(() => db.close());

const withWriteOff = (accountCode: string | null, taxType: string | null): Mapping => ({ ...EMPTY_MAPPING, writeOff: { accountCode, taxType } });

describe('findMappingProblems().writeOff', () => {
  test('not chosen: mapping_write_off, a code that saving the mapping queues again', () => {
    const expected = {
      code: 'mapping_write_off',
      explanation: 'Write-offs are not mapped to a Xero account, so write-off credit notes cannot be sent.',
      fix: 'Settings > Integration > Accounting Software > Xero > Synchronize > Products/Services: choose an account for Write-offs',
    };
    expect(findMappingProblems(db, EMPTY_MAPPING, 'org-1').writeOff()).toEqual(expected);
    expect(findMappingProblems(db, withWriteOff(' ', null), 'org-1').writeOff()).toEqual(expected);
    expect(MAPPING_ERROR_CODES).toContain('mapping_write_off');
  });

  test('mapped and correct: nothing stops it', () => {
    expect(findMappingProblems(db, withWriteOff('495', 'OUTPUT'), 'org-1').writeOff()).toBeUndefined();
  });

  test("chosen wrong: the check's message, and the control to fix", () => {
    expect(findMappingProblems(db, withWriteOff('200', 'OUTPUT'), 'org-1').writeOff()).toEqual({
      code: 'mapping_problem',
      explanation: 'Write-offs must go to an expense account such as Bad Debts; 200 Sales is a revenue account.',
      fix: 'Settings > Integration > Accounting Software > Xero > Synchronize > Products/Services: choose an expense account for Write-offs',
    });
    expect(findMappingProblems(db, withWriteOff('495', 'INPUT'), 'org-1').writeOff()).toMatchObject({
      code: 'mapping_problem', fix: expect.stringMatching(/: choose the tax rate for Write-offs$/),
    });
  });

  test("Xero's lists of another organisation: it waits like every record that uses the mapping", () => {
    const problem = findMappingProblems(db, withWriteOff('495', 'OUTPUT'), 'org-2').writeOff();
    expect(problem).toMatchObject({ code: 'mapping_problem', explanation: expect.stringMatching(/^Xero's accounts, tax rates and categories loaded here are Demo Storage Co's/) });
  });
});

describe('a write-off credit note in the planner', () => {
  test('to a revenue account it waits with the check\'s message; to Bad Debts it is sent there', () => {
    const AT = '2026-01-15T00:00:00.000Z';
    const tenant = idOf(db, 'tenants', 'T-1003');
    const id = Number(db.prepare(
      `INSERT INTO credit_notes (external_id, credit_note_number, tenant_id, invoice_id, issue_date, reason, status, total_cents, updated_at)
       VALUES ('CN-W', 'CN-0100', ?, NULL, '2026-01-15', 'write_off', 'open', 14500, ?)`,
    ).run(tenant, AT).lastInsertRowid);
    db.prepare(
      `INSERT INTO credit_note_lines (external_id, credit_note_id, line_no, charge_type_id, description, quantity, unit_amount_cents, amount_cents, updated_at)
       VALUES ('CN-W-L1', ?, 1, ?, 'Rent written off after lien sale', 1, 14500, 14500, ?)`,
    ).run(id, idOf(db, 'charge_types', 'CT-RENT'), AT);
    db.prepare("INSERT INTO xero_links (kind, record_id, xero_id, linked_at) VALUES ('tenant', ?, 'contact-3', ?)").run(tenant, AT);
    const plan = (mapping: Mapping) => createPlanner(db, createOutboxStore(db), mapping, 'org-1').plan({
      id: 1, kind: 'credit_note', record_id: id, change: 'create', content_hash: 'h', status: 'pending', attempts: 0, batch_key: null, last_attempt_at: null,
    });
    const rent = { 'CT-RENT': { itemCode: null, accountCode: '200', taxType: 'OUTPUT' } };
    expect(plan({ ...withWriteOff('200', 'OUTPUT'), chargeTypes: rent })).toMatchObject({
      type: 'wait', error: { code: 'mapping_problem', explanation: 'Write-offs must go to an expense account such as Bad Debts; 200 Sales is a revenue account.' },
    });
    expect(plan({ ...withWriteOff('495', 'OUTPUT'), chargeTypes: rent })).toMatchObject({
      type: 'send', item: { payload: { type: 'ACCRECCREDIT', lineItems: [{ accountCode: '495', taxType: 'OUTPUT' }] } },
    });
  });
});

describe('a deposit returned on move-out in the planner (issue 14)', () => {
  test('its credit note waits while the deposit charge goes to income or carries tax; to a liability with no tax it is sent there', () => {
    upsertAccounts(db, [{ accountID: 'acc-dep', code: '855', name: 'Tenant Deposits Held', type: 'CURRLIAB', status: 'ACTIVE', taxType: 'EXEMPTOUTPUT' }]);
    // The sample's CN-7002: Nguyen Bros' security deposit returned on move-out, a credit note of reason refund on CT-DEP.
    const creditNote = idOf(db, 'credit_notes', 'CN-7002');
    db.prepare("INSERT INTO xero_links (kind, record_id, xero_id, linked_at) VALUES ('tenant', ?, 'contact-2', '2026-01-15T00:00:00.000Z')").run(idOf(db, 'tenants', 'T-1002'));
    const plan = (deposit: { accountCode: string; taxType: string }) => createPlanner(db, createOutboxStore(db), {
      ...EMPTY_MAPPING, chargeTypes: { 'CT-DEP': { itemCode: null, ...deposit } },
    }, 'org-1').plan({
      id: 1, kind: 'credit_note', record_id: creditNote, change: 'create', content_hash: 'h', status: 'pending', attempts: 0, batch_key: null, last_attempt_at: null,
    });
    const fix = 'Settings > Integration > Accounting Software > Xero > Synchronize > Products/Services';
    expect(plan({ accountCode: '260', taxType: 'EXEMPTOUTPUT' })).toMatchObject({
      type: 'wait',
      error: {
        code: 'mapping_problem',
        explanation: 'The account 260 Other Revenue is not a liability account: a refundable deposit is money held for the tenant, not income. Choose a liability account such as "Tenant deposits held" for Security Deposit.',
        fix: `${fix}: choose the liability account`,
      },
    });
    expect(plan({ accountCode: '855', taxType: 'OUTPUT' })).toMatchObject({
      type: 'wait',
      error: { code: 'mapping_problem', explanation: expect.stringMatching(/^Security Deposit is a refundable deposit, not income, so it carries no tax: "GST on Income" would charge 10% on it/) },
    });
    expect(plan({ accountCode: '855', taxType: 'EXEMPTOUTPUT' })).toMatchObject({
      type: 'send', item: { payload: { type: 'ACCRECCREDIT', lineItems: [{ accountCode: '855', taxType: 'EXEMPTOUTPUT' }] } },
    });
  });
});
