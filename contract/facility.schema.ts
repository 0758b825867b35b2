import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import type { FacilityApi } from './facility';

export const facilitySchemas: ArgSchemasOf<FacilityApi> = {
  listLocations: z.tuple([]),
  listBuildings: z.union([z.tuple([]), z.tuple([z.number().int().positive().optional()])]) as z.ZodType<[locationId?: number]>,
  importFacilityData: z.tuple([
    z.strictObject({ path: z.string().min(1).max(4096).optional(), dateOrder: z.enum(['day-first', 'month-first']).optional() }),
  ]),
  getFacilityFolder: z.tuple([]),
  chooseFacilityFolder: z.tuple([]),
  setFacilityFolder: z.tuple([z.strictObject({ folder: z.string().min(1).max(4096).nullable() })]),
  loadDemoData: z.tuple([z.strictObject({ seed: z.number().int().min(0).max(2 ** 31).optional() })]),
};
