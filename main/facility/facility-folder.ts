/**
 * The "Facility data folder" setting (issue 17): saved in settings, checked when chosen (it
 * exists, is a folder, can be written to: imported files are moved inside it), watched by
 * folder-watcher.ts from the start of the app or the harness until shutdown.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { FacilityFolderStatus, ImportResult, WatchedImport } from '../../contract';
import { AppError } from '../app-error';
import type { SettingsStore } from '../settings/settings-store';
import { startFolderWatcher, type FolderWatcher } from './folder-watcher';

const SETTING = 'facility.folder';
const LAST_SETTING = 'facility.folderLastImport';

export interface FacilityFolderDeps {
  settings: SettingsStore;
  /** The facility service's import (one import at a time: a file waits while another import runs). */
  importFacilityData(options: { path: string }): Promise<ImportResult>;
  now?: () => string;
  /** The system's folder dialog (Electron); null when cancelled. */
  chooseFolder?: () => Promise<string | null>;
  stableMs?: number;
  gatherMs?: number;
}

/** Why `folder` cannot be the facility data folder, or null. */
export function folderProblem(folder: string): string | null {
  if (!path.isAbsolute(folder)) return `${folder} is not a full folder path. Choose the folder again.`;
  let stat;
  try {
    stat = statSync(folder);
  } catch {
    return `The folder ${folder} does not exist. Create it or choose another folder.`;
  }
  if (!stat.isDirectory()) return `${folder} is a file, not a folder. Choose the folder the exports are saved to.`;
  try {
    accessSync(folder, constants.W_OK | constants.R_OK);
  } catch {
    return `Facility Sync cannot write to ${folder} (imported files are moved into it). Choose a folder you can change, or ask for write access.`;
  }
  return null;
}

export function createFacilityFolder({ settings, importFacilityData, now = () => new Date().toISOString(), chooseFolder, stableMs, gatherMs }: FacilityFolderDeps) {
  let watcher: FolderWatcher | null = null;
  let problem: string | null = null;

  const importFile = async (file: string): Promise<ImportResult> => {
    // A manual import running now: wait for it rather than refuse the file.
    for (let tries = 0; ; tries++) {
      try {
        return await importFacilityData({ path: file });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'conflict' || tries >= 600) throw err;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };

  async function watch(folder: string | null): Promise<void> {
    await watcher?.close();
    watcher = null;
    problem = folder ? folderProblem(folder) : null;
    if (!folder || problem) return;
    watcher = await startFolderWatcher({
      folder, importFile, now, stableMs, gatherMs, onImported: (last: WatchedImport) => settings.set(LAST_SETTING, last),
    });
  }

  const status = (): FacilityFolderStatus => ({
    folder: settings.get<string>(SETTING) ?? null,
    watching: watcher !== null,
    problem,
    last: settings.get<WatchedImport>(LAST_SETTING) ?? null,
    canChoose: chooseFolder !== undefined,
  });

  async function save(folder: string | null): Promise<FacilityFolderStatus> {
    const chosen = folder?.trim() || null;
    if (chosen) {
      const why = folderProblem(chosen);
      if (why) throw new AppError('bad_request', why);
      settings.set(SETTING, path.resolve(chosen));
    } else settings.delete(SETTING);
    await watch(settings.get<string>(SETTING) ?? null);
    return status();
  }

  return {
    /** Starts watching the saved folder, if any (a folder gone since is reported, not thrown). */
    async start(): Promise<void> {
      await watch(settings.get<string>(SETTING) ?? null);
    },
    async close(): Promise<void> {
      await watcher?.close();
      watcher = null;
    },
    api: {
      async getFacilityFolder(): Promise<FacilityFolderStatus> {
        return status();
      },
      async setFacilityFolder({ folder }: { folder: string | null }): Promise<FacilityFolderStatus> {
        return save(folder);
      },
      async chooseFacilityFolder(): Promise<FacilityFolderStatus> {
        if (!chooseFolder) throw new AppError('bad_request', 'No folder dialog here: type the folder\'s full path and save it.');
        const folder = await chooseFolder();
        if (!folder) throw new AppError('cancelled', 'No folder was chosen; the facility data folder is unchanged.');
        return save(folder);
      },
    },
  };
}
