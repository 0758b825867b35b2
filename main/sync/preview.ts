/**
 * The sync preview (issue 15): what the next run would do, record by record, without writing anything
 * to Xero and without changing the local data. It is the engine's own run (engine.ts, `dryRun`) on a
 * private copy of the database: the same organisation read (lock date, start date proposal), the same
 * planner, the same look-ups of what Xero already holds (reads only), the same rounds over the kinds;
 * only the batches go nowhere (preview-collector.ts settles them in the copy as if Xero had taken
 * them). So the preview cannot disagree with the run about anything the data decides; what it cannot
 * know is Xero's answer to a send (a refusal, a name taken by another contact).
 * The copy (SQLite's online backup, consistent even while the app writes) lives in a private temp
 * folder and is deleted afterwards; the client it is given refuses every write, as a second guard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { menuPath, type SyncPreview } from '../../contract';
import { AppError } from '../app-error';
import { openDatabase, type Db } from '../db/open-database';
import type { XeroApiClient } from '../xero/api-client';
import { runSync } from './engine';
import { createPreviewCollector } from './preview-collector';

export interface PreviewOptions {
  db: Db;
  client: XeroApiClient;
  now?: () => Date;
  /** As for the run (engine.ts): the first sync to an organisation proposes a start date. */
  proposeStartDate?: boolean;
  today?: () => Date;
}

/** The API client with every write replaced by a refusal: the preview only reads from Xero. */
export function readOnlyClient(client: XeroApiClient): XeroApiClient {
  const guarded: Record<string, unknown> = { ...client };
  for (const [name, value] of Object.entries(client)) {
    if (typeof value === 'function' && /^(create|save|delete|allocate|update|void)/.test(name)) {
      guarded[name] = () => Promise.reject(new Error(`The sync preview never writes to Xero (${name} refused).`));
    }
  }
  return guarded as XeroApiClient;
}

export async function previewSync(opts: PreviewOptions): Promise<SyncPreview> {
  const now = opts.now ?? (() => new Date());
  const dir = mkdtempSync(path.join(tmpdir(), 'facility-sync-preview-'));
  let copy: Db | undefined;
  try {
    await opts.db.backup(path.join(dir, 'preview.sqlite'));
    copy = openDatabase(path.join(dir, 'preview.sqlite'));
    const client = readOnlyClient(opts.client);
    const collector = createPreviewCollector(copy);
    const result = await runSync({
      db: copy, client, now, trigger: 'preview', proposeStartDate: opts.proposeStartDate, today: opts.today, dryRun: collector.dryRun,
    });
    if (result.problem) {
      const { explanation, fix } = result.problem.explained;
      throw new AppError('xero_error', `The preview could not be made: ${explanation} ${fix}`.trim(), { cause: result.problem.error });
    }
    return collector.build(now().toISOString(), client.tenantId());
  } finally {
    copy?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The contract's previewSync: refused, with what to do, when the next run could not send anything either. */
export function createPreviewService(
  deps: Omit<PreviewOptions, 'now'> & { isConnected: () => boolean; blockedReason: () => string | null; whenIdle?: () => Promise<void> },
) {
  return {
    async previewSync(): Promise<SyncPreview> {
      if (!deps.isConnected()) throw new AppError('not_connected', `The preview needs Xero to see what it already holds: connect to Xero first (${menuPath('authenticate')}).`);
      const blocked = deps.blockedReason();
      if (blocked) throw new AppError('conflict', blocked);
      // A run under way would leave rows in flight in the copy: the preview shows what the next run does after it.
      await deps.whenIdle?.();
      return previewSync(deps);
    },
  };
}
