/** Facility data: locations, buildings, CSV import and demo data (issue 4). */

export interface LocationSummary {
  id: number;
  externalId: string;
  name: string;
  currency: string;
  timeZone: string;
}

export interface BuildingSummary {
  id: number;
  externalId: string;
  locationId: number;
  name: string;
}

/** One CSV row (or whole file, line 0 or the failing line) that was not imported, in plain words. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

export interface ImportFileResult {
  file: string;
  inserted: number;
  updated: number;
  unchanged: number;
  /** False when any row was rejected: a file imports whole or not at all. */
  imported: boolean;
  /** Set when the file held dates such as 05/01/2025: the order they were read in (issue 17). */
  dateOrder?: DateOrder;
}

/** How a date such as 05/01/2025 is read: 5 January (day first: AU, NZ, GB) or May 1 (month first: US). */
export type DateOrder = 'day-first' | 'month-first';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  files: ImportFileResult[];
}

/** A file the watched facility data folder imported or refused (issue 17). */
export interface WatchedImport {
  file: string;
  imported: boolean;
  /** Where the file was moved (imported/ or rejected/ in the folder), and its plain-text result. */
  movedTo: string;
  resultFile: string;
  /** One line: the rows reported, or why it was refused. */
  summary: string;
  at: string;
}

/** The "Facility data folder" setting: export files dropped there are imported as they arrive. */
export interface FacilityFolderStatus {
  folder: string | null;
  watching: boolean;
  /** Why the saved folder cannot be watched now (gone, not writable), in plain words. */
  problem: string | null;
  last: WatchedImport | null;
  /** A folder dialog can be shown (Electron); the browser demo has a text field only. */
  canChoose: boolean;
}

export type PaymentMethod = 'credit_card' | 'debit_card' | 'online_banking' | 'cash' | 'cheque';

/** Discriminated progress (docs/conventions.md #7). */
export type ProgressEvent =
  | { type: 'start'; total: number; label: string }
  | { type: 'progress'; current: number; total: number; label: string }
  | { type: 'done'; current: number; total: number; label: string }
  | { type: 'error'; message: string; label: string };

export interface FacilityApi {
  listLocations(): Promise<LocationSummary[]>;
  listBuildings(locationId?: number): Promise<BuildingSummary[]>;
  /**
   * Imports a CSV or Excel file or a folder of them; with no path, main asks the user to choose one.
   * `dateOrder` says how dates such as 05/01/2025 are read; without it, the locations' country decides.
   */
  importFacilityData(options: { path?: string; dateOrder?: DateOrder }): Promise<ImportResult>;
  loadDemoData(options: { seed?: number }): Promise<ImportResult>;
  getFacilityFolder(): Promise<FacilityFolderStatus>;
  /** Saves (and starts watching) the folder, checked: it exists, is a folder, and can be written to; null stops. */
  setFacilityFolder(options: { folder: string | null }): Promise<FacilityFolderStatus>;
  /** Asks for the folder with the system's folder dialog, then saves it as setFacilityFolder does. */
  chooseFacilityFolder(): Promise<FacilityFolderStatus>;
}
