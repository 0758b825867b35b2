import Database from 'better-sqlite3';
import { openDatabase } from '/work/main/main/db/open-database';
import { importFacilityCsv } from '/work/main/main/facility/csv-import';
const times = new Map<string, { ms: number; n: number }>();
const add = (k: string, ms: number) => { const t = times.get(k) ?? { ms: 0, n: 0 }; t.ms += ms; t.n++; times.set(k, t); };
const origPrepare = (Database.prototype as any).prepare;
(Database.prototype as any).prepare = function (sql: string) {
  const st = origPrepare.call(this, sql);
  const q = sql.replace(/\s+/g, ' '); const key = q.slice(0, 70) + ' … ' + q.slice(-40);
  for (const m of ['run', 'all', 'get', 'iterate']) {
    const f = st[m].bind(st);
    st[m] = (...a: any[]) => { const t = performance.now(); const r = f(...a); add(key, performance.now() - t); return r; };
  }
  const pl = st.pluck.bind(st); st.pluck = (...a: any[]) => { pl(...a); return st; };
  return st;
};
const origExec = (Database.prototype as any).exec;
(Database.prototype as any).exec = function (sql: string) { const t = performance.now(); const r = origExec.call(this, sql); add('EXEC ' + sql.replace(/\s+/g, ' ').slice(0, 60), performance.now() - t); return r; };
const db = openDatabase(process.argv[2]!);
const origTx = db.transaction.bind(db);
(db as any).transaction = (fn: any) => { const inner = (...a: any[]) => { const t = performance.now(); const r = fn(...a); add('TX inner', performance.now() - t); return r; }; const tx = origTx(inner); return (...a: any[]) => { const t = performance.now(); const r = tx(...a); add('TX total', performance.now() - t); return r; }; };
const t0 = performance.now();
let f0 = performance.now(); const per: string[] = [];
await importFacilityCsv(db, process.argv[3]!, { onProgress: (e) => { if (e.type === 'start') f0 = performance.now(); if (e.type === 'done') per.push(`${e.label} ${((performance.now() - f0) / 1000).toFixed(2)}`); } });
console.log('total', ((performance.now() - t0) / 1000).toFixed(2), per.join(', '));
[...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 45).forEach(([k, v]) => console.log(v.ms.toFixed(0).padStart(6), String(v.n).padStart(7), k));
