import Store from 'electron-store';
import { PRIVATE_FILE_MODE } from './private-data-dir';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

export interface WindowStateStore {
  load(): WindowBounds;
  save(bounds: WindowBounds): void;
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820 };

function isValid(b: unknown): b is WindowBounds {
  const r = b as WindowBounds;
  return !!r && Number.isFinite(r.width) && Number.isFinite(r.height) && r.width >= 400 && r.height >= 300;
}

/** Remembers the window size and position in electron-store (not secret). */
export function createWindowStateStore(cwd?: string): WindowStateStore {
  const store = new Store<{ windowBounds?: WindowBounds }>({ name: 'window-state', configFileMode: PRIVATE_FILE_MODE, ...(cwd ? { cwd } : {}) });
  return {
    load: () => {
      const saved = store.get('windowBounds');
      return isValid(saved) ? saved : { ...DEFAULT_BOUNDS };
    },
    save: (bounds) => {
      if (isValid(bounds)) store.set('windowBounds', bounds);
    },
  };
}
