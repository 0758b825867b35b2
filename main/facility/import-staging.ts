import type { Db } from '../db/open-database';

/**
 * Where the rows of one CSV file wait between their check and their write, so an import holds
 * neither the file nor its rows in memory (issue 18 finding 6). A TEMP table lives in SQLite's own
 * temporary file, private to this connection; its UNIQUE columns find repeated ids in the file.
 * The write reads the rows from here with set-based SQL (staged-upsert.ts, import-write.ts): the
 * checked row's values in v0, v1, ... (in the order of the columns its write() stores), `hash` its
 * content hash. A file still written a row at a time through the repository (credit notes, their
 * lines, refunds: csv-credit-files.ts) stages the checked row as JSON instead, read back with pages().
 */
export interface StagedRow {
  line: number;
  /** The row's id in the file ('' when empty: never a duplicate). */
  id: string;
  /** A second key unique within the file, if the file has one. */
  secondKey?: string;
  group: number;
  /** An amount in cents whose sum per group is limited (an invoice's line totals), and the group's name in messages. */
  amount?: number;
  label?: string;
  /** The checked row's values; null once the file is known to be rejected (nothing will be written). */
  values: readonly StagedValue[] | null;
  /** The checked row as JSON, for a file written a row at a time; null as `values`. */
  json?: string | null;
  /** The row's content hash, for the kinds hashed while reading (tenants, payments). */
  hash?: string;
}

export type StagedValue = string | number | null;

/** A group of staged rows and the sum of their amounts: its first line, its id (grp) and its name (label). */
export interface StagedGroup { line: number; id: number; total: number; label: string }

/** Values per staged row: enough for the widest table (payments: 7 columns besides its id). */
export const STAGED_VALUES = 8;
/** Rows per page handed to a file written a row at a time. */
const PAGE = 5000;

export interface StagingConflict {
  /** Line of the earlier row with the same id. */
  idFirstLine?: number;
  secondKeyTaken?: boolean;
}

const VALUE_COLUMNS = Array.from({ length: STAGED_VALUES }, (_, i) => `v${i}`);

/**
 * The parts of a staged row a file fills besides line, id and grp (csv-import.ts tells them from its
 * FileSpec): only those are bound, the others stay NULL. Binding takes a good part of staging a row,
 * and a file fills about half of them (an invoices.csv row has no amount, label, hash or JSON).
 */
export interface StagedParts {
  secondKey: boolean;
  /** amount and label (FileSpec.groupTotal). */
  amounts: boolean;
  hash: boolean;
  /** The checked row as JSON (a file written a row at a time); otherwise its values v0, v1, ... */
  json: boolean;
}
/**
 * Rows per INSERT: one statement binds a batch of rows, which halves the cost of staging a row
 * (the bench's staging inserts took 2 s of a 15 s import one row per statement; bench/import.bench.ts).
 */
export const STAGE_BATCH = 32;

/** A file written a row at a time up to this size has its staging and statement journals kept in memory. */
export const ROW_FILE_IN_MEMORY_BYTES = 8 * 1024 * 1024;

/**
 * Where SQLite keeps this connection's temporary data (PRAGMA temp_store) for the next file. Kept in
 * memory, a write transaction's statement journals stay there too: on file, SQLite moves them to a
 * temporary file once one statement journals more than 64 KB, and from then on every statement of the
 * transaction writes its journal pages there (about 13 system calls per sync record written a row at a
 * time: credit notes, their lines, refunds). Only for such files, and only when small: the
 * staging table is then in memory as well. Setting it drops the TEMP tables, so it is set before a
 * file's staging table is made (import-write.ts makes and drops its own within the file's write).
 */
export function keepTemporaryDataInMemory(db: Db, inMemory: boolean): void {
  db.pragma(`temp_store = ${inMemory ? 'MEMORY' : 'DEFAULT'}`);
}

export function createImportStaging(db: Db, parts: StagedParts) {
  db.exec('DROP TABLE IF EXISTS temp.import_staging');
  db.exec(`CREATE TEMP TABLE import_staging (
    seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, id TEXT UNIQUE, k2 TEXT, grp INTEGER NOT NULL, amount INTEGER, label TEXT, hash TEXT, row TEXT,
    ${VALUE_COLUMNS.join(', ')})`);
  // Partial: most files have no second key, and their rows then add nothing to this index.
  db.exec('CREATE UNIQUE INDEX temp.import_staging_k2 ON import_staging (k2) WHERE k2 IS NOT NULL');
  const bound = [
    'line', 'id', ...(parts.secondKey ? ['k2'] : []), 'grp', ...(parts.amounts ? ['amount', 'label'] : []),
    ...(parts.hash ? ['hash'] : []), ...(parts.json ? ['row'] : VALUE_COLUMNS),
  ];
  const width = bound.length;
  const insertSql = (rows: number) =>
    `INSERT OR IGNORE INTO temp.import_staging (${bound.join(', ')})
     VALUES ${Array(rows).fill(`(${Array(width).fill('?').join(', ')})`).join(', ')}`;
  const insertOne = db.prepare(insertSql(1));
  const insertBatch = db.prepare(insertSql(STAGE_BATCH));
  // One array of parameters filled for every batch: no arrays built per row (an import stages millions).
  const params: (StagedValue | undefined)[] = Array(width * STAGE_BATCH).fill(null);
  let buffered = 0;
  /** The buffered rows' keys and lines, to tell which of them repeated a key. */
  const keys: { line: number; id: string | null; k2: string | null }[] = [];
  /** Rows staged so far: their seq are 1 to `staged` (an INTEGER PRIMARY KEY takes the highest + 1). */
  let staged = 0;
  const removeAfter = db.prepare('DELETE FROM temp.import_staging WHERE seq > ?');
  const lineOfId = db.prepare('SELECT line FROM temp.import_staging WHERE id = ?').pluck();
  const lineOfK2 = db.prepare('SELECT line FROM temp.import_staging WHERE k2 = ?').pluck();
  const page = db.prepare('SELECT seq, grp, row FROM temp.import_staging WHERE (grp, seq) > (?, ?) ORDER BY grp, seq LIMIT ?');

  /** Stages the buffered rows one at a time, telling by line which of them repeated a key. */
  function stageOneByOne(conflicts: Map<number, StagingConflict>): void {
    const one = params.slice(0, width);
    for (let i = 0; i < buffered; i++) {
      for (let c = 0; c < width; c++) one[c] = params[i * width + c];
      staged++;
      if (insertOne.run(one).changes === 1) continue;
      // Rare: find which key clashed, and keep the other one so later repeats of it are found too.
      const { line, id, k2 } = keys[i]!;
      const idFirstLine = id === null ? undefined : (lineOfId.get(id) as number | undefined);
      const secondKeyTaken = k2 !== null && lineOfK2.get(k2) !== undefined;
      one[1] = idFirstLine === undefined ? id : null;
      if (parts.secondKey) one[2] = secondKeyTaken ? null : k2;
      insertOne.run(one);
      conflicts.set(line, { idFirstLine, secondKeyTaken });
    }
  }

  return {
    /** Buffers a row to stage; flush() stages the buffered rows and says which keys repeated. Call flush() when the buffer is full. */
    add(row: StagedRow): void {
      const id = row.id === '' ? null : row.id;
      const k2 = row.secondKey ?? null;
      let at = buffered * width;
      params[at++] = row.line;
      params[at++] = id;
      if (parts.secondKey) params[at++] = k2;
      params[at++] = row.group;
      if (parts.amounts) {
        params[at++] = row.amount ?? null;
        params[at++] = row.label ?? null;
      }
      if (parts.hash) params[at++] = row.hash ?? null;
      if (parts.json) params[at++] = row.json ?? null;
      else for (let i = 0; i < STAGED_VALUES; i++) params[at++] = row.values?.[i] ?? null;
      keys[buffered] = { line: row.line, id, k2 };
      buffered++;
    },

    /** Whether the buffer holds a full batch. */
    full(): boolean {
      return buffered === STAGE_BATCH;
    },

    /**
     * Stages the buffered rows; returns, by line, the rows whose id or second key an earlier row of
     * the file already had (those are staged with the clashing key left out, so later repeats of
     * the other key are still found).
     */
    flush(): Map<number, StagingConflict> {
      const conflicts = new Map<number, StagingConflict>();
      if (buffered === STAGE_BATCH && insertBatch.run(params).changes === STAGE_BATCH) {
        staged += STAGE_BATCH;
      } else {
        // The last, short batch, or one with a repeated key (rare): the batch's rows that went in are
        // taken out again and every row is staged one at a time, in file order, as the first of two
        // repeats is the one kept.
        if (buffered === STAGE_BATCH) removeAfter.run(staged);
        stageOneByOne(conflicts);
      }
      buffered = 0;
      return conflicts;
    },

    /**
     * Each group's total (sum of its amounts) with its first line, its id (grp) and its name. With
     * bounds, only the groups outside [min, max] (an invoice's lines adding up to less than 0 or more
     * than the maximum), so the answer stays small whatever the file's size. A file that lists its
     * groups one after another in order has its bounded totals summed as it streams instead
     * (streamed-group-totals.ts); this sorts every staged row into its group.
     */
    groupTotals(bounds?: { min: number; max: number }): StagedGroup[] {
      const outside = bounds ? 'HAVING sum(amount) < @min OR sum(amount) > @max' : '';
      return db
        .prepare(
          `SELECT min(line) AS line, grp AS id, sum(amount) AS total, max(label) AS label FROM temp.import_staging
           WHERE amount IS NOT NULL GROUP BY grp ${outside} ORDER BY 1`,
        )
        .all(bounds ?? {}) as StagedGroup[];
    },

    /** Whether a row of the file has this id (a stored record the file lists again). */
    hasId(id: string): boolean {
      return lineOfId.get(id) !== undefined;
    },

    /**
     * The staged rows' JSON (a file written a row at a time), grouped and in file order within a
     * group, a page at a time. A group is never split: the last group of a page waits for the next
     * one (a group is at most one credit note's lines or refunds, so what waits stays small).
     */
    *pages<T>(): Generator<T[]> {
      db.exec('CREATE INDEX IF NOT EXISTS temp.import_staging_grp ON import_staging (grp, seq)');
      let after = [Number.MIN_SAFE_INTEGER, 0];
      let carry: { grp: number; row: T }[] = [];
      for (;;) {
        const rows = page.all(after[0], after[1], PAGE) as { seq: number; grp: number; row: string }[];
        const batch = carry.concat(rows.map((r) => ({ grp: r.grp, row: JSON.parse(r.row) as T })));
        if (rows.length < PAGE) {
          if (batch.length > 0) yield batch.map((b) => b.row);
          return;
        }
        const last = rows[rows.length - 1]!;
        after = [last.grp, last.seq];
        const cut = batch.findIndex((b) => b.grp === last.grp);
        carry = batch.slice(cut);
        if (cut > 0) yield batch.slice(0, cut).map((b) => b.row);
      }
    },

    drop(): void {
      db.exec('DROP TABLE IF EXISTS temp.import_staging');
    },
  };
}
