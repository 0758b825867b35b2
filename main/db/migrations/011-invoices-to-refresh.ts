/**
 * Migration 011: invoices whose header a CSV import wrote but whose total, content hash and sync
 * state wait for the invoice_lines.csv of the same folder (issue 18 finding 6): a folder import then
 * hashes and queues each invoice once, with its lines, instead of once per file. The mark is written
 * in the same transaction as the header, so a crash or a rejected lines file between the two files
 * cannot leave an invoice unqueued: whatever is marked is refreshed at the end of the import, at the
 * start of the next one and when the app starts (main/facility/invoice-refresh.ts).
 */
export default /* sql */ `
CREATE TABLE invoices_to_refresh (
  invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id)
);
`;
