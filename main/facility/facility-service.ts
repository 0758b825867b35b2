import type { Api, BuildingSummary, LocationSummary } from '../../contract';
import { AppError } from '../app-error';
import type { Db } from '../db/open-database';
import type { PushEventBus } from '../push-events';
import { importFacilityCsv } from './csv-import';
import { generateDemoData } from './demo-data';
import { writeDemoData } from './demo-write';
import { refreshMarkedRecords } from './import-refresh';

type FacilityApi = Pick<Api, 'listLocations' | 'listBuildings' | 'importFacilityData' | 'loadDemoData'>;

export interface FacilityServiceDeps {
  db: Db;
  events: PushEventBus;
  /** Asks the user for a CSV file or folder (a dialog in Electron); null when they cancel. */
  chooseImportPath?: () => Promise<string | null>;
  /** The calendar clock: the demo data covers the twelve months before now(). */
  now?: () => Date;
}

/** The contract methods over the facility mirror: lists, import and demo data. */
export function createFacilityService({ db, events, chooseImportPath, now = () => new Date() }: FacilityServiceDeps): FacilityApi {
  const listLocations = db.prepare('SELECT id, external_id, name, currency, time_zone FROM locations ORDER BY name, id');
  const listBuildings = db.prepare(
    'SELECT id, external_id, location_id, name FROM buildings WHERE (@location IS NULL OR location_id = @location) ORDER BY name, id',
  );
  let importing = false;
  // An import stopped between a header file and its lines file (the app closed, a crash): queue what it marked.
  refreshMarkedRecords(db, () => now().toISOString());

  return {
    async listLocations(): Promise<LocationSummary[]> {
      return (listLocations.all() as { id: number; external_id: string; name: string; currency: string; time_zone: string }[]).map(
        (l) => ({ id: l.id, externalId: l.external_id, name: l.name, currency: l.currency, timeZone: l.time_zone }),
      );
    },
    async listBuildings(locationId?: number): Promise<BuildingSummary[]> {
      return (listBuildings.all({ location: locationId ?? null }) as { id: number; external_id: string; location_id: number; name: string }[]).map(
        (b) => ({ id: b.id, externalId: b.external_id, locationId: b.location_id, name: b.name }),
      );
    },
    async importFacilityData({ path, dateOrder }) {
      let target = path;
      if (!target) {
        if (!chooseImportPath) {
          throw new AppError('bad_request', 'No file or folder to import was given. Choose a CSV or Excel file or a folder of them.');
        }
        target = (await chooseImportPath()) ?? undefined;
        if (!target) throw new AppError('cancelled', 'Import cancelled: no file or folder was chosen.');
      }
      if (importing) throw new AppError('conflict', 'An import is already running. Wait for it to finish, then try again.');
      importing = true;
      try {
        return await importFacilityCsv(db, target, { onProgress: (e) => events.emit('import:progress', e), ...(dateOrder ? { dateOrder } : {}) });
      } finally {
        importing = false;
      }
    },
    async loadDemoData({ seed }) {
      events.emit('import:progress', { type: 'start', label: 'Demo data', total: 1 });
      // The year up to last month, so the demo's reports show recent activity.
      const last = now();
      last.setUTCDate(1);
      last.setUTCMonth(last.getUTCMonth() - 1);
      const endMonth = last.toISOString().slice(0, 7);
      const data = generateDemoData({ seed: seed ?? 1, locations: 3, tenants: 300, months: 12, endMonth });
      const result = writeDemoData(db, data);
      events.emit('import:progress', { type: 'done', label: 'Demo data', current: 1, total: 1 });
      return result;
    },
  };
}
