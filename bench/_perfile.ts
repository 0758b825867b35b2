import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoCsv } from '../test/helpers/write-demo-csv';
import { generateDemoData } from '../main/facility/demo-data';
import { openDatabase } from '../main/db/open-database';
import { importFacilityCsv } from '../main/facility/csv-import';
const work = mkdtempSync(path.join(os.tmpdir(), 'pf-'));
const mixDir = path.join(work, 'mix'); 
mkdirSync(mixDir);
writeDemoCsv(generateDemoData({ seed: 1, locations: 6, tenants: Number(process.env.T ?? 11000), months: 12 }), mixDir);
for (const f of readdirSync(mixDir)) console.log(f, statSync(path.join(mixDir, f)).size);
const db = openDatabase(path.join(work, 'db.sqlite'));
let t0 = performance.now(); let c0 = process.cpuUsage();
const t = performance.now();
await importFacilityCsv(db, mixDir, { onProgress: (e) => {
  if (e.type === 'start') { t0 = performance.now(); c0 = process.cpuUsage(); }
  if (e.type === 'done') { const c = process.cpuUsage(c0); console.log(e.label, ((performance.now() - t0)/1000).toFixed(2), 's wall', ((c.user + c.system)/1e6).toFixed(2), 'cpu'); }
}});
console.log('total', ((performance.now() - t)/1000).toFixed(2));
const r = db.prepare("select kind, count(*) n from sync_records group by kind").all(); console.log(r);
