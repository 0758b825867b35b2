/**
 * The watched "Facility data folder" (issue 17): export files dropped there (by the facility
 * system's scheduled export, or by hand) are imported as they arrive, whole files only (chokidar's
 * awaitWriteFinish: a file is taken once its size has not changed for a while), then moved to
 * `imported/` or `rejected/` beside `<name>.result.txt`, a plain-text account of what happened.
 * Files that arrive together are imported together, in dependency order (csv-files.ts), each one
 * whole or not at all: a rejected file does not hold back the others.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { ImportResult, WatchedImport } from '../../contract';
import { FILE_SPECS, specForFileName } from './csv-files';
import { DATE_ORDER_WORDS } from './spreadsheet-values';

/**
 * Left alone: result files, hidden files, Excel's lock file of an open workbook (~$tenants.xlsx) and
 * files still being downloaded or copied under a temporary name.
 */
const NOT_AN_EXPORT = /^(\.|~\$)|\.(result\.txt|tmp|temp|part|partial|crdownload|download)$/i;

export const IMPORTED_DIR = 'imported';
export const REJECTED_DIR = 'rejected';

export type { WatchedImport };

export interface FolderWatcherOptions {
  folder: string;
  /** Imports one file (the facility service's import, so two imports never run at once). */
  importFile(file: string): Promise<ImportResult>;
  onImported?(result: WatchedImport): void;
  now?: () => string;
  /** How long a file's size must stay the same before it is read (ms). */
  stableMs?: number;
  /** How long to wait for the other files of an export that arrive together (ms). */
  gatherMs?: number;
}

export interface FolderWatcher {
  close(): Promise<void>;
  /** Resolves when nothing is waiting or being imported (tests). */
  idle(): Promise<void>;
}

export async function startFolderWatcher(options: FolderWatcherOptions): Promise<FolderWatcher> {
  const { folder, importFile, onImported = () => {}, now = () => new Date().toISOString(), stableMs = 2000, gatherMs = 1000 } = options;
  const waiting = new Set<string>();
  let gatherTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const watcher: FSWatcher = watch(folder, {
    depth: 0,
    ignoreInitial: false,
    awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.min(100, stableMs) },
    ignored: (p, stats) => p !== folder && (stats?.isDirectory() === true || NOT_AN_EXPORT.test(path.basename(p))),
  });
  const arrived = (file: string) => {
    if (closed || path.dirname(file) !== folder) return;
    waiting.add(file);
    clearTimeout(gatherTimer);
    gatherTimer = setTimeout(() => (running = running.then(importWaiting)), gatherMs);
  };
  watcher.on('add', arrived).on('change', arrived);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  async function importWaiting(): Promise<void> {
    const files = [...waiting];
    waiting.clear();
    // Dependency order: locations before tenants before invoices before payments; unknown names last.
    const rank = (f: string) => {
      const spec = specForFileName(path.basename(f));
      return spec ? FILE_SPECS.indexOf(spec) : FILE_SPECS.length;
    };
    files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const file of files) {
      if (closed) return;
      if (!existsSync(file)) continue;
      onImported(await importOne(file));
    }
  }

  async function importOne(file: string): Promise<WatchedImport> {
    const name = path.basename(file);
    const at = now();
    let result: ImportResult | undefined;
    let failure: string | undefined;
    try {
      result = await importFile(file);
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    const imported = result?.files[0]?.imported === true;
    const lines = describe(name, at, result, failure);
    const dir = path.join(folder, imported ? IMPORTED_DIR : REJECTED_DIR);
    mkdirSync(dir, { recursive: true });
    const movedTo = freeName(dir, name);
    renameSync(file, movedTo);
    const resultFile = `${movedTo}.result.txt`;
    writeFileSync(resultFile, `${lines.join('\n')}\n`, 'utf8');
    // One line for the dashboard: the rows, or the first reason it was refused.
    const summary = imported ? lines[1]! : lines.slice(1, 3).map((l) => l.trim()).join(' ');
    return { file: name, imported, movedTo, resultFile, summary, at };
  }

  return {
    async close() {
      closed = true;
      clearTimeout(gatherTimer);
      await watcher.close();
      await running;
    },
    async idle() {
      for (;;) {
        const before = running;
        await before;
        if (waiting.size === 0 && before === running) return;
        await new Promise((r) => setTimeout(r, gatherMs));
      }
    },
  };
}

/** The result file's text: what was imported, or why the file was refused, with the rows reported. */
function describe(name: string, at: string, result: ImportResult | undefined, failure: string | undefined): string[] {
  if (!result) return [`${name} was not imported (${at}).`, failure ?? 'The file could not be read.', 'Fix the file and put it in the folder again.'];
  const file = result.files[0];
  if (file?.imported) {
    const rows = file.inserted + file.updated + file.unchanged;
    return [
      `${name} was imported (${at}).`,
      `${rows} row${rows === 1 ? '' : 's'}: ${file.inserted} new, ${file.updated} updated, ${file.unchanged} unchanged.`,
      ...(file.dateOrder ? [`Dates read as ${DATE_ORDER_WORDS[file.dateOrder]}.`] : []),
    ];
  }
  const rejected = result.rejected.filter((r) => r.line > 0).length;
  return [
    `${name} was not imported (${at}): nothing from it was saved.`,
    rejected > 0 ? `${rejected}${result.rejected.some((r) => r.line === 0) ? ' or more' : ''} row${rejected === 1 ? '' : 's'} rejected:` : 'The file was refused:',
    ...result.rejected.map((r) => (r.line > 0 ? `  line ${r.line}: ${r.reason}` : `  ${r.reason}`)),
    'Fix the file and put it in the folder again.',
  ];
}

/** `name` in `dir`, or `name (2)`, `name (3)`... when a file of that name is there already. */
function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = path.join(dir, name);
  for (let n = 2; existsSync(candidate); n++) candidate = path.join(dir, `${stem} (${n})${ext}`);
  return candidate;
}
