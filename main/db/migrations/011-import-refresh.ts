/**
 * Migration 011: records whose header a CSV import wrote but whose total, content hash and sync
 * state wait for the lines file of the same folder (issue 18 finding 6): invoices.csv's invoices for
 * invoice_lines.csv, credit_notes.csv's credit notes for credit_note_lines.csv. A folder import then
 * hashes and queues each of them once, with its lines, instead of once per file. The mark is written
 * in the same transaction as the header, so a crash or a rejected lines file between the two files
 * cannot leave a record unqueued: whatever is marked is refreshed as soon as the lines file is done
 * or rejected, at the start of the next import and when the app starts (main/facility/import-refresh.ts).
 */
export default /* sql */ `
CREATE TABLE import_refresh (
  kind      TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  record_id INTEGER NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
`;
