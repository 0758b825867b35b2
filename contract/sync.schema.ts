import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import type { SyncApi } from './sync';

export const syncSchemas: ArgSchemasOf<SyncApi> = {
  syncNow: z.tuple([]),
  pauseSync: z.tuple([]),
  resumeSync: z.tuple([]),
  getSyncStatus: z.tuple([]),
};
