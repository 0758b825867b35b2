import type { Db } from '../db/open-database';
import { createImportWriter } from './import-write';
import { createFacilityRepository } from './repository';

/**
 * Refreshes (total, content hash, sync state) and queues the invoices an invoices.csv marked for
 * the invoice_lines.csv that was to follow it (migration 011), when that file was not imported: it
 * was rejected, missing its header, or the import stopped between the two files (a crash, the app
 * closed). Called at the end of every import, at the start of the next, and when the app starts, so
 * no invoice stays unqueued. One transaction; returns how many invoices were marked.
 */
export function refreshMarkedInvoices(db: Db, now: () => string): number {
  const marked = db.prepare('SELECT count(*) FROM invoices_to_refresh').pluck().get() as number;
  if (marked === 0) return 0;
  db.transaction(() => {
    const writer = createImportWriter(db, createFacilityRepository(db, now), now());
    try {
      writer.markedInvoices();
    } finally {
      writer.drop();
    }
  })();
  return marked;
}
