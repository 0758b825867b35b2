import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImportFileResult, ImportResult, ProgressEvent, RejectedRow } from '../../preload/api';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import { readCsvFile } from './csv-read';
import { FILE_SPECS, specForFileName, type FileSpec } from './csv-files';
import { RowReader } from './csv-row-reader';
import { createFacilityRepository, type FacilityRepository } from './repository';

/** A file with thousands of bad rows reports the first ones and a count, not all of them. */
export const MAX_REJECTED_PER_FILE = 200;
const PROGRESS_EVERY = 5000;

export interface ImportOptions {
  onProgress?: (event: ProgressEvent) => void;
  now?: () => string;
}

/**
 * Imports a CSV file, or every known CSV file in a folder (docs/csv-formats.md), upserting by
 * external id. Each file is checked completely first and then written in one transaction, so a
 * file imports whole or not at all; every rejected row is reported with file, line and reason.
 */
export async function importFacilityCsv(db: Db, target: string, options: ImportOptions = {}): Promise<ImportResult> {
  const files = findImportFiles(target);
  const repo = createFacilityRepository(db, options.now);
  const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, rejected: [], files: [] };
  for (const { file, spec } of files) {
    const fileResult = await importOneFile(db, repo, file, spec, options.onProgress ?? (() => {}));
    result.files.push(fileResult.summary);
    result.inserted += fileResult.summary.inserted;
    result.updated += fileResult.summary.updated;
    result.unchanged += fileResult.summary.unchanged;
    result.rejected.push(...fileResult.rejected);
  }
  return result;
}

function findImportFiles(target: string): { file: string; spec: FileSpec }[] {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new AppError('not_found', `Nothing to import at ${target}. Choose an existing CSV file or folder.`);
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

const NAMING_HINT = `Name the files ${FILE_SPECS.map((s) => s.file).join(', ')} (see the CSV formats page).`;

async function importOneFile(
  db: Db, repo: FacilityRepository, file: string, spec: FileSpec, onProgress: (event: ProgressEvent) => void,
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

  const csv = readCsvFile(file);
  if (!csv.ok) {
    reject(csv.line, csv.reason);
    return fail(`${name} was not imported: ${csv.reason}.`);
  }
  const missing = spec.required.filter((c) => !csv.columns.includes(c));
  if (missing.length > 0) {
    reject(1, `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (expected: ${spec.required.join(', ')})`);
    return fail(`${name} was not imported: the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}. Add ${missing.length > 1 ? 'them' : 'it'} and import the file again.`);
  }

  const total = csv.rows.length;
  onProgress({ type: 'start', label: name, total });
  const rows: unknown[] = [];
  const firstLineOfId = new Map<string, number>();
  const seenSecond = new Set<string>();
  for (let i = 0; i < total; i++) {
    const { line, values, valueCount } = csv.rows[i]!;
    const r = new RowReader(values);
    if (valueCount !== csv.columns.length) {
      r.problems.push(`the row has ${valueCount} values but the header has ${csv.columns.length}`);
    }
    const row = spec.read(r, repo);
    const id = (values.get(spec.idColumn) ?? '').trim();
    const earlier = firstLineOfId.get(id);
    if (id !== '' && earlier !== undefined) r.problems.push(`${spec.idColumn} "${id}" appears again (first on line ${earlier}); each id once per file`);
    else firstLineOfId.set(id, line);
    const second = spec.secondKey?.(row);
    if (second && seenSecond.has(second.key)) r.problems.push(second.message);
    else if (second) seenSecond.add(second.key);

    if (r.problems.length > 0) reject(line, r.problems.join('; '));
    else rows.push(row);
    if ((i + 1) % PROGRESS_EVERY === 0) {
      onProgress({ type: 'progress', label: name, current: i + 1, total });
      // Let progress events and other requests through while a big file is checked.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (rejectedCount > 0) {
    if (rejectedCount > rejected.length) {
      rejected.push({ file: name, line: 0, reason: `and ${rejectedCount - rejected.length} more rows were rejected` });
    }
    return fail(`${name} was not imported: ${rejectedCount} row${rejectedCount > 1 ? 's' : ''} rejected. Fix them and import the file again.`);
  }

  try {
    const outcomes = db.transaction(() => spec.write(repo, rows))();
    for (const o of outcomes) summary[o]++;
  } catch (err) {
    // A database rule caught something the checks missed: the transaction left nothing behind.
    reject(0, `the file could not be saved (${err instanceof Error ? err.message : String(err)}); nothing from it was imported`);
    return fail(`${name} was not imported: the database refused it, so nothing from it was saved. Check the file against the CSV formats page and import it again.`);
  }
  summary.imported = true;
  onProgress({ type: 'done', label: name, current: total, total });
  return { summary, rejected };
}
