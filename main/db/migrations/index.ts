import init from './001-init';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; numbered 1, 2, 3... without gaps. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: '001-init', sql: init }];
