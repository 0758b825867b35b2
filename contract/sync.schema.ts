import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import { LOCKED_PERIOD_POLICIES, type SyncApi } from './sync';

export const syncSchemas: ArgSchemasOf<SyncApi> = {
  syncNow: z.tuple([]),
  pauseSync: z.tuple([]),
  resumeSync: z.tuple([]),
  getSyncStatus: z.tuple([]),
  getSyncSettings: z.tuple([]),
  setSyncSettings: z.tuple([z.object({ lockedPeriod: z.enum(LOCKED_PERIOD_POLICIES) }).strict()]),
};
