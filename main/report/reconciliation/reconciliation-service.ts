/**
 * The reconciliation area of the contract (contract/reconciliation.ts): the month's reconciliation,
 * its CSV, its PDF (Electron's printToPDF through `savePdf`; the browser harness prints with the
 * browser instead: test/harness/bridge.ts) and the per-month status for the dashboard.
 */
import type { ReconciliationApi, ReconciliationQuery } from '../../../contract/reconciliation';
import { AppError } from '../../app-error';
import type { Db } from '../../db/open-database';
import type { XeroApiClient } from '../../xero/api-client';
import { monthOf } from './month';
import { organisationOf, reconcileMonth, reconciliationStatus } from './reconcile';
import { reconciliationCsv } from './reconciliation-csv';

export interface ReconciliationServiceOptions {
  db: Db;
  client: XeroApiClient;
  now: () => Date;
  blockedReason: () => string | null;
  /** Electron: asks where to save (suggested name) and prints the window to that PDF; null when cancelled. */
  savePdf?: (suggestedFileName: string) => Promise<string | null>;
}

export function createReconciliationService({ db, client, now, blockedReason, savePdf }: ReconciliationServiceOptions) {
  const reconcile = (q: ReconciliationQuery) => reconcileMonth({ db, client, now, blockedReason }, q);
  const api: ReconciliationApi = {
    getReconciliation: reconcile,
    async exportReconciliationCsv(q) {
      return reconciliationCsv(await reconcile(q));
    },
    async printReconciliationPdf(q) {
      if (!savePdf) {
        throw new AppError('bad_request', "Saving as PDF from here works in the desktop app. In a browser, use the browser's Print and choose Save as PDF.");
      }
      return { path: await savePdf(`reconciliation-${q.month}${q.locationId ? `-location-${q.locationId}` : ''}.pdf`) };
    },
    async getReconciliationStatus(q) {
      return reconciliationStatus(db, organisationOf(db, client), q?.month ?? monthOf(now()));
    },
  };
  return { api };
}
