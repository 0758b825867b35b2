/**
 * The Synchronize tab's contract methods: the mapping (get/set/check/suggest), the reference-data
 * mirror (refresh/get) and "Create in Xero" for tracking options and items. Reads work offline
 * from SQLite; only refresh and create need Xero.
 */
import { menuPath } from '../../contract';
import type { Api, Mapping, MappingView, ReferenceData } from '../../contract';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import type { PushEventBus } from '../push-events';
import { checkMapping } from './mapping-check';
import { listFacilityValues, loadMapping, saveMapping } from './mapping';
import { requeueMappingFailures } from './mapping-requeue';
import { suggestMappingWithReasons } from './mapping-suggest';
import { createItem, createTrackingOption } from '../xero/reference-create';
import { refreshReferenceData, type ReferenceClient } from '../xero/reference-mirror';
import { readReferenceData } from '../xero/reference-store';
import { XeroApiError } from '../xero/xero-api-error';

export type MappingApi = Pick<
  Api,
  'getMapping' | 'setMapping' | 'checkMapping' | 'suggestMapping' | 'refreshReferenceData' | 'getReferenceData' | 'createTrackingOption' | 'createItem'
>;

export interface MappingServiceDeps {
  db: Db;
  events?: PushEventBus;
  /** The Xero API client for the connected organisation (shared rate limiter with the sync engine). */
  client: () => ReferenceClient;
  /** Called after the mapping changed and failed records were queued again (e.g. to start a sync). */
  onMappingChanged?: (requeued: number) => void;
}

export interface MappingService {
  api: MappingApi;
  /** Refreshes the mirror in the background (after connecting); failures become a warning notice. */
  refreshInBackground(): Promise<void>;
}

export function createMappingService({ db, events, client, onMappingChanged }: MappingServiceDeps): MappingService {
  // The facility values and the mirror are read once per answer and shared by the check.
  const view = (mapping: Mapping = loadMapping(db), reference: ReferenceData = readReferenceData(db)): MappingView => {
    const facility = listFacilityValues(db);
    return { mapping, facility, issues: checkMapping(db, mapping, reference, facility) };
  };

  async function refresh(full: boolean) {
    try {
      const data = await refreshReferenceData(db, client(), { full });
      if (data.fetchedAt) events?.emit('xero:reference-data', { fetchedAt: data.fetchedAt });
      return data;
    } catch (err) {
      throw plain(err, 'Facility Sync could not load the accounts, tax rates, categories and items from Xero');
    }
  }

  const api: MappingApi = {
    async getMapping() {
      return view();
    },
    async setMapping(mapping) {
      saveMapping(db, mapping);
      const requeued = requeueMappingFailures(db);
      onMappingChanged?.(requeued);
      return { ...view(), requeued };
    },
    async checkMapping(mapping) {
      return view(mapping).issues;
    },
    async suggestMapping() {
      const reference = readReferenceData(db);
      const { mapping, suggestions } = suggestMappingWithReasons(db, loadMapping(db), reference);
      return { ...view(mapping, reference), suggestions };
    },
    async refreshReferenceData() {
      // "Refresh from Xero" fetches everything so accounts deleted in Xero disappear too.
      return refresh(true);
    },
    async getReferenceData() {
      return readReferenceData(db);
    },
    async createTrackingOption(input) {
      await createTrackingOption(db, client(), input);
      return readReferenceData(db);
    },
    async createItem(input) {
      await createItem(db, client(), input);
      return readReferenceData(db);
    },
  };

  return {
    api,
    async refreshInBackground() {
      try {
        await refresh(false);
      } catch (err) {
        events?.emit('app:notice', { level: 'warning', message: (err as Error).message });
      }
    },
  };
}

function plain(err: unknown, what: string): Error {
  if (err instanceof AppError) return err;
  if (err instanceof XeroApiError) {
    if (err.transient) return new AppError('offline', `${what}: Xero could not be reached. The Synchronize tab keeps showing the last copy; try Refresh from Xero again when you are online.`);
    return new AppError('xero_error', `${what}: ${err.message}. Check the connection in ${menuPath('authenticate')}.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
