import { z } from 'zod';
import { isIsoDate } from './iso-date';
import type { ArgSchemasOf } from './area-schema';
import { LOCKED_PERIOD_POLICIES, type SyncApi } from './sync';

const isoDate = z.string().refine(isIsoDate, 'expected a real date like 2026-07-01');

export const syncSchemas: ArgSchemasOf<SyncApi> = {
  syncNow: z.tuple([]),
  pauseSync: z.tuple([]),
  resumeSync: z.tuple([]),
  getSyncStatus: z.tuple([]),
  getSyncSettings: z.tuple([]),
  checkXeroChanges: z.tuple([]),
  getNotificationSettings: z.tuple([]),
  setNotificationSettings: z.tuple([z.strictObject({ enabled: z.boolean() })]),
  setSyncSettings: z.tuple([z.object({ lockedPeriod: z.enum(LOCKED_PERIOD_POLICIES).optional(), startDate: isoDate.nullable().optional() }).strict()]),
};
