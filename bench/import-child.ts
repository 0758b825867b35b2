/**
 * Child process of bench/import.bench.ts: imports one CSV file or folder into a fresh database
 * and prints one JSON line, so the peak RSS it reports is the import's own and nothing else's.
 * Usage: tsx bench/import-child.ts <db file> <csv file or folder>
 */
import { openDatabase } from '../main/db/open-database';
import { importFacilityCsv } from '../main/facility/csv-import';

const [dbFile, target] = process.argv.slice(2);
if (!dbFile || !target) throw new Error('usage: import-child.ts <db file> <csv path>');
const db = openDatabase(dbFile);
const rssBefore = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await importFacilityCsv(db, target);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
db.close();
console.log(JSON.stringify({
  rows: result.inserted + result.updated + result.unchanged,
  rejected: result.rejected.length,
  seconds,
  // On a shared machine the wall time grows with the others' load; the CPU time much less.
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  rssBeforeMb: rssBefore / 1048576,
  // resourceUsage().maxRSS is in kilobytes: the high-water mark of the whole process.
  peakRssMb: process.resourceUsage().maxRSS / 1024,
}));
