import type { ImportResult } from '../../contract';
import type { Db } from '../db/open-database';
import type { DemoData } from './demo-data';
import { createFacilityRepository } from './repository';
import type { UpsertOutcome } from './types';

/**
 * Writes generated demo data straight into the mirror, in one transaction, through the same
 * repository the CSV import uses (so every record is queued for sync exactly as imported data is).
 */
export function writeDemoData(db: Db, data: DemoData, now?: () => string): ImportResult {
  const repo = createFacilityRepository(db, now);
  const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, rejected: [], files: [] };
  const count = (o: UpsertOutcome) => void result[o]++;
  const ids = new Map<string, number>();
  const id = (externalId: string): number => {
    const found = ids.get(externalId);
    if (found === undefined) throw new Error(`demo data refers to unknown ${externalId}`);
    return found;
  };
  const keep = (externalId: string, r: { id: number; outcome: UpsertOutcome }) => {
    ids.set(externalId, r.id);
    count(r.outcome);
  };

  db.transaction(() => {
    for (const l of data.locations) keep(l.external_id, repo.upsertLocation(l));
    for (const b of data.buildings) {
      keep(b.external_id, repo.upsertBuilding({ external_id: b.external_id, location_id: id(b.location), name: b.name, updated_at: b.updated_at }));
    }
    for (const u of data.units) {
      const { building, ...rest } = u;
      keep(u.external_id, repo.upsertUnit({ ...rest, building_id: id(building) }));
    }
    for (const c of data.chargeTypes) keep(c.external_id, repo.upsertChargeType(c));
    for (const t of data.tenants) {
      const { location, unit, ...rest } = t;
      keep(t.external_id, repo.upsertTenant({ ...rest, location_id: id(location), unit_id: id(unit) }));
    }
    for (const inv of data.invoices) {
      const { tenant, unit, lines, ...rest } = inv;
      const r = repo.upsertInvoiceWithLines(
        { ...rest, tenant_id: id(tenant), unit_id: id(unit) },
        lines.map(({ charge_type, ...l }) => ({ ...l, charge_type_id: id(charge_type), updated_at: inv.updated_at })),
      );
      ids.set(inv.external_id, r.id);
      r.outcomes.forEach(count);
    }
    for (const p of data.payments) {
      const { invoice, ...rest } = p;
      count(repo.upsertPayment({ ...rest, invoice_id: id(invoice) }).outcome);
    }
    // Prepayments are payments.csv rows without an invoice, written after the file's payments as the import does.
    for (const p of data.prepayments) {
      const { tenant, ...rest } = p;
      keep(p.external_id, repo.upsertPrepayment({ ...rest, tenant_id: id(tenant) }));
    }
    // After the payments, as a folder imports them: a credit note's allocation takes what is still due.
    for (const cn of data.creditNotes) {
      const { tenant, unit, invoice, lines, ...rest } = cn;
      const r = repo.upsertCreditNoteWithLines(
        { ...rest, tenant_id: id(tenant), unit_id: id(unit), invoice_id: invoice === null ? null : id(invoice) },
        lines.map(({ charge_type, ...l }) => ({ ...l, charge_type_id: id(charge_type), updated_at: cn.updated_at })),
      );
      ids.set(cn.external_id, r.id);
      r.outcomes.forEach(count);
    }
    // allocations.csv comes after the credit notes and before the refunds, as a folder imports them.
    for (const a of data.allocations) {
      const { payment, invoice, ...rest } = a;
      count(repo.upsertAllocation({ ...rest, credit_note_id: null, prepayment_id: id(payment), invoice_id: id(invoice) }).outcome);
    }
    // As the import writes refunds.csv: those of credit notes, then those of prepayments (grouped by source).
    for (const f of [...data.refunds.filter((r) => r.payment === null), ...data.refunds.filter((r) => r.payment !== null)]) {
      const { credit_note, payment, ...rest } = f;
      const source = { credit_note_id: credit_note === null ? null : id(credit_note), prepayment_id: payment === null ? null : id(payment) };
      count(repo.upsertRefund({ ...rest, ...source }).outcome);
    }
  })();
  return result;
}
