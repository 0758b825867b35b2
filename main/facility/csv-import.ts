import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DateOrder, ImportFileResult, ImportResult, ProgressEvent, RejectedRow } from '../../contract';
import { AppError } from '../app-error';
import { startBackgroundCheckpoints } from '../db/background-checkpoint';
import type { Db } from '../db/open-database';
import { CsvFileProblem, type CsvRecord, type CsvSource } from './csv-read';
import { FILE_SPECS, specForFileName, type AskedAhead, type FileSpec } from './csv-files';
import { RowReader, type ReadFormat } from './csv-row-reader';
import { openImportFile } from './import-source';
import { dateOrderOfLocations } from './spreadsheet-values';
import { createImportStaging, keepTemporaryDataInMemory, ROW_FILE_IN_MEMORY_BYTES } from './import-staging';
import { createImportWriter } from './import-write';
import { refreshMarkedRecords } from './import-refresh';
import { createStreamedGroupTotals } from './streamed-group-totals';
import { remembered } from './remembered';
import { createFacilityRepository, type FacilityRepository } from './repository';

/** A file with thousands of bad rows reports the first ones and a count, not all of them. */
export const MAX_REJECTED_PER_FILE = 200;

export interface ImportOptions {
  onProgress?: (event: ProgressEvent) => void;
  now?: () => string;
  /** How dates such as 05/01/2025 are read; without it, the order of the locations' country (spreadsheet-values.ts). */
  dateOrder?: DateOrder;
  /** Files of at least this many bytes in all have their checkpoints run on a worker thread (background-checkpoint.ts). */
  checkpointInBackgroundFrom?: number;
}

/** Below this, an import is over before a worker thread would have paid for its start. */
const BACKGROUND_CHECKPOINT_BYTES = 16 * 1024 * 1024;

/**
 * Imports a CSV file, or every known CSV file in a folder (docs/csv-formats.md), upserting by
 * external id. Each file streams through the checks into a staging table and, only when every row
 * passed, is written in one transaction, so a file imports whole or not at all in memory that does
 * not grow with the file; every rejected row is reported with file, line and reason.
 */
export async function importFacilityCsv(db: Db, target: string, options: ImportOptions = {}): Promise<ImportResult> {
  const files = findImportFiles(target);
  const repo = createFacilityRepository(db, options.now);
  const now = options.now ?? (() => new Date().toISOString());
  const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, rejected: [], files: [] };
  // Records an earlier import marked and did not get to refresh (it stopped between two files).
  refreshMarkedRecords(db, now);
  const bytes = files.reduce((sum, f) => sum + statSync(f.file).size, 0);
  const checkpoints = bytes >= (options.checkpointInBackgroundFrom ?? BACKGROUND_CHECKPOINT_BYTES)
    ? await startBackgroundCheckpoints(db) : undefined;
  try {
    for (const [at, { file, spec }] of files.entries()) {
      // Asked per file: a folder's locations.csv, imported first, tells the files after it.
      const dateOrder = options.dateOrder ?? dateOrderOfLocations(db.prepare('SELECT currency, time_zone AS timeZone FROM locations').all() as never[]);
      // A header file leaves its records' refresh to its lines file when that follows (migration 011).
      const linesFollow = spec.linesFile !== undefined && files.slice(at + 1).some((f) => f.spec.file === spec.linesFile);
      const fileResult = await importOneFile(db, repo, file, spec, { onProgress: options.onProgress ?? (() => {}), now, dateOrder, linesFollow });
      result.files.push(fileResult.summary);
      result.inserted += fileResult.summary.inserted;
      result.updated += fileResult.summary.updated;
      result.unchanged += fileResult.summary.unchanged;
      result.rejected.push(...fileResult.rejected);
      // The lines file was rejected: its header file's changes are queued before the files that rely on them.
      if (!linesFollow) refreshMarkedRecords(db, now);
      checkpoints?.afterCommit();
    }
  } finally {
    // Whatever stopped the import, nothing stays marked.
    refreshMarkedRecords(db, now);
    keepTemporaryDataInMemory(db, false);
    await checkpoints?.stop();
  }
  return result;
}

function findImportFiles(target: string): { file: string; spec: FileSpec }[] {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new AppError('not_found', `Nothing to import at ${target}. Choose an existing CSV or Excel file or folder.`);
  }
  if (stat.isFile()) {
    const spec = specForFileName(path.basename(target));
    if (!spec) throw new AppError('bad_request', `Facility Sync cannot tell what ${path.basename(target)} holds. ${NAMING_HINT}`);
    return [{ file: target, spec }];
  }
  const named = readdirSync(target).sort().flatMap((n) => {
    const spec = specForFileName(n);
    return spec ? [{ file: path.join(target, n), spec }] : [];
  });
  // Import order (docs/csv-formats.md): a file may refer to records of the files before it.
  const found = FILE_SPECS.flatMap((spec) => named.filter((f) => f.spec === spec));
  if (found.length === 0) throw new AppError('bad_request', `No facility CSV files in ${target}. ${NAMING_HINT}`);
  return found;
}

/**
 * Lookups that ask whether a row's number or line id already belongs to a stored record, and the
 * table each asks. The check phase writes nothing to these tables, so one that holds no rows when a
 * file's check starts (a first import: a year of history) stays empty until the file is written,
 * and its lookup answers "nobody" without asking: 210,000 queries fewer for the demo mix's lines.
 */
const OWNER_LOOKUPS = {
  invoiceWithNumber: 'invoices', findLineInvoice: 'invoice_lines', creditNoteWithNumber: 'credit_notes', findLineCreditNote: 'credit_note_lines',
} as const satisfies Partial<Record<keyof FacilityRepository, string>>;

/** Answers remembered per lookup; more only while one block's answers asked ahead need the room. */
const REMEMBERED = 10_000;

/**
 * The repository with its reference lookups remembered for one file's check: rows refer to the same
 * few locations, units or charge types over and over, and an invoice's lines to the invoice. Fresh
 * for each file, so records written by the files before it are found (and a table they filled is
 * asked again: OWNER_LOOKUPS). `askAhead` asks, in one query, for the values a block of rows names in
 * the columns of FileSpec.refersTo (the block is checked next, its lookups then answered from memory).
 */
function rememberingLookups(
  db: Db, repo: FacilityRepository, spec: FileSpec, columns: ReadonlyMap<string, number>,
): { lookups: FacilityRepository; askAhead(records: readonly CsvRecord[]): void } {
  const isEmpty = (table: string) => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;
  const nobody = () => undefined;
  const unasked = Object.fromEntries(Object.entries(OWNER_LOOKUPS).filter(([, table]) => isEmpty(table)).map(([lookup]) => [lookup, nobody]));
  const remember = (find: (externalId: string) => number | undefined) => remembered(find, REMEMBERED);
  const invoice = remember(repo.findInvoice);
  const many: Record<AskedAhead, { lookup: typeof invoice; findMany: (ids: readonly string[]) => Map<string, number> }> = {
    findInvoice: { lookup: invoice, findMany: repo.findInvoices },
  };
  // Only the columns the file has: an optional one it lacks names nothing.
  const ahead = (spec.refersTo ?? []).flatMap(({ column, lookup }) => {
    const at = columns.get(column);
    return at === undefined ? [] : [{ at, ...many[lookup] }];
  });
  return {
    lookups: {
      ...repo,
      findLocation: remember(repo.findLocation), findBuilding: remember(repo.findBuilding), findUnit: remember(repo.findUnit),
      findChargeType: remember(repo.findChargeType), findTenant: remember(repo.findTenant), findInvoice: invoice,
      ...unasked,
    },
    askAhead(records) {
      for (const { at, lookup, findMany } of ahead) {
        const values: string[] = [];
        // Trimmed as RowReader.raw reads them; an empty value is never looked up. Rows naming the value of the
        // row before them (an invoice's lines) add it once.
        let previous = '';
        for (const { values: row } of records) {
          const v = (row[at] ?? '').trim();
          if (v !== '' && v !== previous) values.push(v);
          previous = v;
        }
        lookup.learn(values, findMany);
      }
    },
  };
}

const NAMING_HINT = `Name the files ${FILE_SPECS.map((s) => s.file).join(', ')} (see the CSV formats page).`;

async function importOneFile(
  db: Db, repo: FacilityRepository, file: string, spec: FileSpec,
  { onProgress, now, dateOrder, linesFollow }: {
    onProgress: (event: ProgressEvent) => void; now: () => string; dateOrder: DateOrder | undefined; linesFollow: boolean;
  },
): Promise<{ summary: ImportFileResult; rejected: RejectedRow[] }> {
  const name = path.basename(file);
  const summary: ImportFileResult = { file: name, inserted: 0, updated: 0, unchanged: 0, imported: false };
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  const reject = (line: number, reason: string) => {
    rejectedCount++;
    if (rejected.length < MAX_REJECTED_PER_FILE) rejected.push({ file: name, line, reason });
  };
  const fail = (message: string) => {
    onProgress({ type: 'error', label: name, message });
    return { summary, rejected };
  };

  let csv: CsvSource;
  try {
    csv = await openImportFile(file);
  } catch (err) {
    if (!(err instanceof CsvFileProblem)) throw err;
    reject(err.line, err.reason);
    return fail(`${name} was not imported: ${err.reason}.`);
  }
  keepTemporaryDataInMemory(db, spec.writeRows !== undefined && csv.size <= ROW_FILE_IN_MEMORY_BYTES);
  const staging = createImportStaging(db, {
    secondKey: spec.secondKey !== undefined, amounts: spec.groupTotal !== undefined, hash: spec.hash !== undefined, json: spec.writeRows !== undefined,
  });
  try {
    const missing = spec.required.filter((c) => !csv.columns.includes(c));
    if (missing.length > 0) {
      const what = `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`;
      reject(1, `${what} (expected: ${spec.required.join(', ')})`);
      return fail(`${name} was not imported: ${what}. Add ${missing.length > 1 ? 'them' : 'it'} and import the file again.`);
    }

    // Progress counts bytes of the file: the row count is not known until the end.
    onProgress({ type: 'start', label: name, total: csv.size });
    const columns = new Map(csv.columns.map((c, i) => [c, i] as const));
    const { lookups, askAhead } = rememberingLookups(db, repo, spec, columns);
    const format: ReadFormat = { dateOrder };
    // The rows of a batch wait for their staging (import-staging.ts) to learn whether their id repeated an earlier row's.
    const waiting: { line: number; id: string; problems: string[]; second: { key: string; message: string } | undefined }[] = [];
    const settle = () => {
      const clashes = staging.flush();
      for (const { line, id, problems, second } of waiting) {
        const clash = clashes.get(line);
        if (clash?.idFirstLine !== undefined) problems.push(`${spec.idColumn} "${id}" appears again (first on line ${clash.idFirstLine}); each id once per file`);
        if (clash?.secondKeyTaken && second) problems.push(second.message);
        if (problems.length > 0) reject(line, problems.join('; '));
      }
      waiting.length = 0;
    };
    // A bounded sum per group (an invoice's lines) is added up as the rows pass, when they come grouped.
    const bounds = spec.groupTotal?.bounds;
    const streamedTotals = bounds ? createStreamedGroupTotals(bounds) : undefined;
    const checkChunk = db.transaction((records: CsvRecord[]) => {
      askAhead(records);
      for (const { line, values } of records) {
        const r = new RowReader(values, columns, format);
        if (values.length !== csv.columns.length) r.problems.push(`the row has ${values.length} values but the header has ${csv.columns.length}`);
        const row = spec.read(r, lookups);
        const id = r.raw(spec.idColumn);
        const second = spec.secondKey?.(row);
        // Once the file is rejected nothing from it is written, so rows need not be kept.
        const keep = rejectedCount === 0 && r.problems.length === 0;
        const group = spec.groupOf?.(row) ?? line;
        const amount = spec.groupTotal?.of(row);
        const label = spec.groupTotal?.label(row);
        if (amount !== undefined) streamedTotals?.add(line, group, amount, label ?? '');
        staging.add({
          line, id, secondKey: second?.key, group, amount, label,
          ...(spec.writeRows
            ? { values: null, json: keep ? JSON.stringify(row) : null }
            : { values: keep ? spec.values(row) : null, hash: keep ? spec.hash?.(row) : undefined }),
        });
        waiting.push({ line, id, problems: r.problems, second });
        if (staging.full()) settle();
      }
      settle();
    });
    try {
      // A block of rows (about 1 MB of the file) per short transaction; between blocks other work gets its turn.
      for await (const block of csv.rows) {
        checkChunk(block);
        onProgress({ type: 'progress', label: name, current: csv.bytesRead(), total: csv.size });
      }
    } catch (err) {
      if (!(err instanceof CsvFileProblem)) throw err;
      reject(err.line, err.reason);
      return fail(`${name} was not imported: ${err.reason}.`);
    }
    if (rejectedCount === 0 && spec.groupTotal) {
      const { problem } = spec.groupTotal;
      const context = { repo, inFile: (id: string) => staging.hasId(id) };
      for (const group of streamedTotals?.outside() ?? staging.groupTotals(bounds)) {
        const reason = problem(group, context);
        if (reason) reject(group.line, reason);
      }
    }
    if (rejectedCount === 0 && spec.checkStaged) {
      for (const { line, reason } of spec.checkStaged(db, repo)) reject(line, reason);
    }
    if (rejectedCount > 0) {
      if (rejectedCount > rejected.length) {
        rejected.push({ file: name, line: 0, reason: `and ${rejectedCount - rejected.length} more rows were rejected` });
      }
      return fail(`${name} was not imported: ${rejectedCount} row${rejectedCount > 1 ? 's' : ''} rejected. Fix them and import the file again.`);
    }

    try {
      // One transaction for the whole file: set-based statements over the staging table, or (credit
      // notes, their lines, refunds) the repository's upserts fed a page at a time from it.
      db.transaction(() => {
        if (spec.writeRows) {
          for (const rows of staging.pages<unknown>()) for (const o of spec.writeRows(repo, rows, { linesFollow })) summary[o]++;
          spec.afterRows?.(repo);
          return;
        }
        const writer = createImportWriter(db, repo, now(), { linesFollow, linesInInvoiceOrder: streamedTotals?.rowsInGroupOrder() });
        try {
          Object.assign(summary, spec.write(writer));
        } finally {
          writer.drop();
        }
      })();
    } catch (err) {
      summary.inserted = summary.updated = summary.unchanged = 0;
      // A database rule caught something the checks missed: the transaction left nothing behind.
      reject(0, `the file could not be saved (${err instanceof Error ? err.message : String(err)}); nothing from it was imported`);
      return fail(`${name} was not imported: the database refused it, so nothing from it was saved. Check the file against the CSV formats page and import it again.`);
    }
    summary.imported = true;
    if (format.orderedDates && dateOrder) summary.dateOrder = dateOrder;
    onProgress({ type: 'done', label: name, current: csv.size, total: csv.size });
    return { summary, rejected };
  } finally {
    staging.drop();
  }
}
