import type { Db } from '../db/open-database';
import { createImportWriter } from './import-write';
import { createFacilityRepository } from './repository';

/**
 * Refreshes (total, content hash, sync state) and queues the records a header file marked for the
 * lines file that was to follow it (migration 011: invoices.csv's invoices, credit_notes.csv's
 * credit notes), when that file was not imported: it was rejected, missing its header, or the import
 * stopped between the two files (a crash, the app closed). Called after each file that is not such
 * a header, at the start of every import, at its end and when the app starts, so no record stays
 * unqueued. Invoices first: a credit note's applied credit depends on what its invoice has due.
 * One transaction; returns how many records were marked.
 */
export function refreshMarkedRecords(db: Db, now: () => string): number {
  const marked = db.prepare("SELECT count(*) FILTER (WHERE kind = 'invoice') AS invoices, count(*) AS all_kinds FROM import_refresh")
    .get() as { invoices: number; all_kinds: number };
  if (marked.all_kinds === 0) return 0;
  db.transaction(() => {
    const repo = createFacilityRepository(db, now);
    if (marked.invoices > 0) {
      const writer = createImportWriter(db, repo, now());
      try {
        writer.markedInvoices();
      } finally {
        writer.drop();
      }
    }
    repo.refreshMarkedCreditNotes();
  })();
  return marked.all_kinds;
}
