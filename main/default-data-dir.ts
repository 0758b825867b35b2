import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './app-meta';

/**
 * An absolute directory from the environment, or undefined. The XDG Base Directory spec says
 * empty and relative values are to be ignored; taking them would put the data folder (tenant
 * records) in whatever directory the command happened to run from.
 */
function absoluteEnvDir(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const value = env[name];
  return value && path.isAbsolute(value) ? value : undefined;
}

/** Where Electron keeps userData for this app, so the CLI and the app share one data dir. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(absoluteEnvDir('APPDATA', env) ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(absoluteEnvDir('XDG_CONFIG_HOME', env) ?? path.join(home, '.config'), APP_NAME);
}
