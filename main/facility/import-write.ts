import type { Db } from '../db/open-database';
import { createSyncChangeSet } from '../sync/records/record-changes';
import { invoiceHashOfTuples, PAYMENT_SENT_FIELDS, type HashedLineTuple } from './content-hashes';
import type { StagedValue } from './import-staging';
import { lineAmount } from './line-set';
import type { FacilityRepository } from './repository';
import type { InvoiceRow, PrepaymentRow } from './types';
import { INVOICE_PLACE_COLUMNS, INVOICE_PLACE_JOINS } from './report-place';
import { countOutcomes, createOutcomesTable, stagedValue, upsertStaged, type OutcomeCounts } from './staged-upsert';

/**
 * The columns each file writes besides id and external_id, in the order its rows' values are
 * staged (v0, v1, ...: FileSpec.values). An invoice line's invoice is its group (grp).
 */
export const WRITTEN_COLUMNS = {
  locations: ['name', 'currency', 'time_zone', 'updated_at'],
  buildings: ['location_id', 'name', 'updated_at'],
  units: ['building_id', 'name', 'unit_type', 'updated_at'],
  charge_types: ['name', 'kind', 'updated_at'],
  tenants: ['location_id', 'unit_id', 'name', 'email', 'phone', 'updated_at'],
  invoices: ['invoice_number', 'tenant_id', 'unit_id', 'issue_date', 'due_date', 'status', 'updated_at'],
  invoice_lines: ['line_no', 'charge_type_id', 'description', 'quantity', 'unit_amount_cents', 'updated_at'],
  payments: ['invoice_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference', 'updated_at'],
  allocations: ['credit_note_id', 'prepayment_id', 'invoice_id', 'amount_cents', 'allocated_on', 'status', 'updated_at'],
} as const;
export type WrittenTable = keyof typeof WRITTEN_COLUMNS;

/** A row's values for the columns `table` is written with, in that order. */
export function valuesOf(table: WrittenTable): (row: object) => StagedValue[] {
  const columns = WRITTEN_COLUMNS[table];
  return (row) => columns.map((c) => (row as Record<string, StagedValue | undefined>)[c] ?? null);
}

/**
 * payments.csv stages a payment's columns and then its tenant_id: a row without an invoice (v0 null)
 * is a prepayment of that tenant (issue 14), written to its own table (payments() below).
 */
export const PAYMENT_FILE_COLUMNS = [...WRITTEN_COLUMNS.payments, 'tenant_id'] as const;
const IS_PREPAYMENT = `${stagedValue(PAYMENT_FILE_COLUMNS, 'invoice_id')} IS NULL`;
const LINE_COLUMNS = WRITTEN_COLUMNS.invoice_lines;
/** Invoices whose hash is computed (and sync record written) per page, in JavaScript. */
const INVOICE_PAGE = 2000;

export type ImportWriter = ReturnType<typeof createImportWriter>;

export interface ImportWriterOptions {
  /**
   * An invoice_lines.csv of the same import follows this invoices.csv: the invoices it changes are
   * marked in import_refresh (migration 011) and refreshed once, with their lines, by that file (or
   * by refreshMarkedRecords, import-refresh.ts, when it is not imported) instead of hashed and queued twice.
   */
  linesFollow?: boolean;
  /** The lines file lists its rows in increasing order of their invoice (streamed-group-totals.ts): written in file order, unsorted. */
  linesInInvoiceOrder?: boolean;
}

/**
 * Writes the staged rows of one checked file (temp.import_staging) with set-based SQL, applying
 * the same rules as the repository does a record at a time (repository.ts): upsert by external id,
 * an invoice's lines replaced as a set, and every new or changed tenant, invoice or payment made
 * pending and queued (the sync rule itself: main/sync/records/record-changes.ts). Payments and
 * allocations follow a queued invoice to its place, prepayments a queued tenant; a void invoice that
 * changed has the credit applied to it taken back through the repository (its allocations reversed, a
 * record at a time: few), and a payments file's prepayments are written through it too (few).
 * Runs inside the caller's transaction; `now` stamps the sync records and outbox rows it writes.
 */
export function createImportWriter(
  db: Db, repo: Pick<FacilityRepository, 'reverseAllocationsOn' | 'upsertPrepayment'>, now: string, options: ImportWriterOptions = {},
) {
  const changes = createSyncChangeSet(db);
  createOutcomesTable(db);
  db.exec('DROP TABLE IF EXISTS temp.import_invoices');
  // Invoices to refresh (total, hash, sync state); their outbox rows are queued in id order.
  db.exec('CREATE TEMP TABLE import_invoices (id INTEGER PRIMARY KEY)');

  /**
   * Recomputes the total and content hash (header + lines) of every invoice in temp.import_invoices
   * and queues the changed ones: a page of invoices and their lines read at a time, the total summed
   * from the same lines the hash reads.
   */
  function refreshInvoices(): void {
    const headers = db.prepare(
      `SELECT i.id, i.external_id, i.invoice_number, i.tenant_id, i.unit_id, i.issue_date, i.due_date, i.status
       FROM temp.import_invoices AS r JOIN invoices AS i ON i.id = r.id WHERE r.id > ? ORDER BY r.id LIMIT ${INVOICE_PAGE}`,
    );
    // The lines of a page of invoices in one query, in invoice then line order (the order the hash takes them in),
    // each an array: its invoice's id, then the line as the hash takes it (HashedLineTuple), not an object per line.
    const linesOf = db.prepare(
      `SELECT l.invoice_id, l.external_id, l.line_no, l.charge_type_id, l.description, l.quantity, l.unit_amount_cents
       FROM temp.import_invoices AS r JOIN invoice_lines AS l ON l.invoice_id = r.id WHERE r.id > ? AND r.id <= ? ORDER BY r.id, l.line_no`,
    ).raw(true);
    // A page's totals, from the lines read for its hashes: one JSON array of [id, total].
    const setTotals = db.prepare(
      `UPDATE invoices SET total_cents = t.value ->> 1 FROM json_each(?) AS t
       WHERE invoices.id = t.value ->> 0 AND invoices.total_cents IS NOT t.value ->> 1`,
    );
    // A page's hashes go in as one JSON array of [id, hash]; the place and date come from the tables.
    const addPage = db.prepare(
      `INSERT INTO temp.sync_changes (seq, record_id, hash, location_id, building_id, record_date)
       SELECT i.id, i.id, h.value ->> 1, ${INVOICE_PLACE_COLUMNS}, i.issue_date
       FROM json_each(?) AS h JOIN invoices AS i ON i.id = h.value ->> 0 ${INVOICE_PLACE_JOINS}`,
    );
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const page = headers.all(after) as (Omit<InvoiceRow, 'updated_at'> & { id: number })[];
      if (page.length === 0) break;
      const last = page[page.length - 1]!.id;
      const lines = linesOf.all(after, last) as [number, ...HashedLineTuple][];
      let at = 0;
      const totals: [number, number][] = [];
      const hashes = page.map((inv) => {
        const own: HashedLineTuple[] = [];
        let total = 0;
        for (; at < lines.length && lines[at]![0] === inv.id; at++) {
          const line = lines[at]!.slice(1) as unknown as HashedLineTuple;
          own.push(line);
          total += lineAmount({ quantity: line[4], unit_amount_cents: line[5] });
        }
        totals.push([inv.id, total]);
        return [inv.id, invoiceHashOfTuples(inv, own)];
      });
      setTotals.run(JSON.stringify(totals));
      addPage.run(JSON.stringify(hashes));
      if (page.length < INVOICE_PAGE) break;
      after = last;
    }
    changes.apply('invoice', now);
    changes.moveFollowersOfQueuedInvoices();
    // A void invoice takes back the credit applied to it (issue 13), as the repository's refreshInvoice does.
    const voided = db.prepare(
      `SELECT i.id, i.updated_at FROM temp.import_invoices AS r JOIN invoices AS i ON i.id = r.id
       WHERE i.status = 'void' AND EXISTS (SELECT 1 FROM allocations AS a WHERE a.invoice_id = i.id AND a.status = 'completed') ORDER BY r.id`,
    ).all() as { id: number; updated_at: string }[];
    for (const inv of voided) repo.reverseAllocationsOn(inv.id, inv.updated_at);
  }

  /** Adds the marked invoices (import_refresh) to temp.import_invoices, refreshes them all and clears their marks. */
  function refreshMarked(): void {
    db.prepare("INSERT OR IGNORE INTO temp.import_invoices (id) SELECT record_id FROM import_refresh WHERE kind = 'invoice'").run();
    refreshInvoices();
    db.prepare("DELETE FROM import_refresh WHERE kind = 'invoice'").run();
  }

  /**
   * Queues the file's new and changed records of a kind reported under its invoice's place (payments,
   * allocations), `only` narrowing which: each holds its staged values now, so its invoice and date
   * come from them, without reading it back.
   */
  function queueUnderInvoice(kind: 'payment' | 'allocation', columns: readonly string[], dateColumn: string, only = ''): void {
    const value = (c: string) => stagedValue(columns, c);
    db.prepare(
      `INSERT INTO temp.sync_changes (seq, record_id, hash, location_id, building_id, record_date)
       SELECT o.seq, o.rid, s.hash, ${INVOICE_PLACE_COLUMNS}, ${value(dateColumn)}
       FROM temp.import_outcomes AS o JOIN temp.import_staging AS s ON s.seq = o.seq
         JOIN invoices AS i ON i.id = ${value('invoice_id')} ${INVOICE_PLACE_JOINS}
       WHERE o.outcome <> 'unchanged' ${only} ORDER BY o.seq`,
    ).run();
    changes.apply(kind, now);
  }

  /** The staged prepayments of a payments file, in file order. */
  function prepaymentRows(): PrepaymentRow[] {
    const value = (c: (typeof PAYMENT_FILE_COLUMNS)[number]) => `${stagedValue(PAYMENT_FILE_COLUMNS, c)} AS ${c}`;
    const columns = (['tenant_id', 'paid_on', 'amount_cents', 'method', 'status', 'reference', 'updated_at'] as const).map(value);
    return db.prepare(`SELECT s.id AS external_id, ${columns.join(', ')} FROM temp.import_staging AS s WHERE ${IS_PREPAYMENT} ORDER BY s.seq`)
      .all() as PrepaymentRow[];
  }

  return {
    /** Locations, buildings, units, charge types: upserted, nothing to sync. */
    reference(table: 'locations' | 'buildings' | 'units' | 'charge_types'): OutcomeCounts {
      return upsertStaged(db, { table, columns: WRITTEN_COLUMNS[table] });
    },

    tenants(): OutcomeCounts {
      const counts = upsertStaged(db, { table: 'tenants', columns: WRITTEN_COLUMNS.tenants });
      // A new or changed tenant now holds exactly its staged values: its place and date come from
      // them, without reading each tenant back.
      const value = (c: string) => stagedValue(WRITTEN_COLUMNS.tenants, c);
      db.prepare(
        `INSERT INTO temp.sync_changes (seq, record_id, hash, location_id, building_id, record_date)
         SELECT o.seq, o.rid, s.hash, ${value('location_id')}, u.building_id, substr(${value('updated_at')}, 1, 10)
         FROM temp.import_outcomes AS o JOIN temp.import_staging AS s ON s.seq = o.seq
           LEFT JOIN units AS u ON u.id = ${value('unit_id')}
         WHERE o.outcome <> 'unchanged' ORDER BY o.seq`,
      ).run();
      changes.apply('tenant', now);
      changes.moveFollowersOfQueuedTenants();
      return counts;
    },

    invoices(): OutcomeCounts {
      const counts = upsertStaged(db, { table: 'invoices', columns: WRITTEN_COLUMNS.invoices });
      // Marked in the header's own transaction: refreshed now, or with the lines that follow (migration 011).
      db.prepare("INSERT OR IGNORE INTO import_refresh (kind, record_id) SELECT 'invoice', rid FROM temp.import_outcomes WHERE outcome <> 'unchanged'").run();
      if (!options.linesFollow) refreshMarked();
      return counts;
    },

    /** Refreshes and queues every invoice marked by an invoices.csv whose lines file was not imported (import-refresh.ts). */
    markedInvoices(): void {
      refreshMarked();
    },

    /** The lines a file lists for an invoice are its complete set: an invoice with any change gets exactly these lines. */
    invoiceLines(): OutcomeCounts {
      const value = (c: string) => stagedValue(LINE_COLUMNS, c);
      // A line is matched by its id within its invoice (the checks refused a line that belongs to another invoice).
      db.prepare(
        `INSERT INTO temp.import_outcomes (seq, rid, outcome)
         SELECT s.seq, l.id, CASE WHEN l.id IS NULL THEN 'inserted'
           WHEN ${LINE_COLUMNS.map((c) => `l.${c} IS ${value(c)}`).join(' AND ')} THEN 'unchanged' ELSE 'updated' END
         FROM temp.import_staging AS s LEFT JOIN invoice_lines AS l ON l.external_id = s.id AND l.invoice_id = s.grp`,
      ).run();
      // An invoice changes when a line is new or different, or when one of its lines is missing from the file.
      db.prepare(
        `INSERT INTO temp.import_invoices (id) SELECT s.grp FROM temp.import_staging AS s JOIN temp.import_outcomes AS o ON o.seq = s.seq
         GROUP BY s.grp HAVING max(o.outcome <> 'unchanged') OR count(o.rid) <> (SELECT count(*) FROM invoice_lines WHERE invoice_id = s.grp)`,
      ).run();
      // Rewrite each changed invoice's whole set: renumbered lines would otherwise trip UNIQUE(invoice_id, line_no) mid-way.
      db.prepare('DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM temp.import_invoices)').run();
      db.prepare(
        `INSERT INTO invoice_lines (external_id, invoice_id, ${LINE_COLUMNS.join(', ')}, amount_cents)
         SELECT s.id, s.grp, ${LINE_COLUMNS.map(value).join(', ')}, ${value('quantity')} * ${value('unit_amount_cents')}
         FROM temp.import_staging AS s WHERE s.grp IN (SELECT id FROM temp.import_invoices)
         ORDER BY ${options.linesInInvoiceOrder ? 's.seq' : 's.grp, s.seq'}`,
      ).run();
      // With them, the invoices whose header the folder's invoices.csv changed (their lines stay as they are).
      refreshMarked();
      return countOutcomes(db);
    },

    /** Payments of invoices set-based; the file's prepayments (rows without an invoice, few) a row at a time through the repository. */
    payments(): OutcomeCounts {
      const counts = upsertStaged(db, {
        table: 'payments', columns: WRITTEN_COLUMNS.payments, sentColumns: PAYMENT_SENT_FIELDS, rows: `NOT (${IS_PREPAYMENT})`,
      });
      // A change to facility-side fields only (the reference is never sent) leaves what Xero holds as it is.
      queueUnderInvoice('payment', WRITTEN_COLUMNS.payments, 'paid_on', 'AND o.sent_same IS NOT 1');
      for (const row of prepaymentRows()) counts[repo.upsertPrepayment(row).outcome]++;
      return counts;
    },

    /**
     * allocations.csv (issue 14): credit from a prepayment or a credit note applied to an invoice, as the
     * repository's upsertAllocation writes it a row at a time (demo data): reported under the invoice's
     * place and its allocated_on; a change to updated_at alone keeps the hash, so nothing is queued.
     */
    allocations(): OutcomeCounts {
      const counts = upsertStaged(db, { table: 'allocations', columns: WRITTEN_COLUMNS.allocations });
      queueUnderInvoice('allocation', WRITTEN_COLUMNS.allocations, 'allocated_on');
      return counts;
    },

    drop(): void {
      changes.drop();
      db.exec('DROP TABLE IF EXISTS temp.import_invoices; DROP TABLE IF EXISTS temp.import_outcomes');
    },
  };
}
