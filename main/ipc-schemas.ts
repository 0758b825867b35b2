import { z } from 'zod';
import { isIsoDate } from './iso-date';
import { mappingSchema } from './mapping/mapping-schema';
import type { Api, ApiMethod } from '../preload/api';

/**
 * One zod schema per contract method for its argument tuple. Main treats every argument as
 * unknown (STYLE.md #4); the mapped type makes the compiler demand a schema for every method.
 */
type ArgSchemas = { [K in ApiMethod]: z.ZodType<Parameters<Api[K]>> };

const isoDate = z.string().refine(isIsoDate, 'expected a real date like 2025-01-31');

const reportFilterShape = {
  kind: z.enum(['tenants', 'invoices', 'payments']),
  status: z.enum(['synced', 'non-synced', 'all']),
  locationId: z.number().int().positive().optional(),
  buildingId: z.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const argSchemas: ArgSchemas = {
  getAppInfo: z.tuple([]),
  getXeroSettings: z.tuple([]),
  saveXeroCredentials: z.tuple([
    z.strictObject({
      clientId: z.string().trim().max(100),
      clientSecret: z.string().max(200).optional(),
      clearClientSecret: z.boolean().optional(),
    }),
  ]),
  setXeroScopeSet: z.tuple([z.enum(['granular', 'broad'])]),
  connectXero: z.tuple([]),
  cancelConnectXero: z.tuple([]),
  chooseXeroOrganisation: z.tuple([z.string().min(1).max(100)]),
  switchXeroOrganisation: z.tuple([]),
  disconnectXero: z.tuple([]),
  listLocations: z.tuple([]),
  listBuildings: z.union([z.tuple([]), z.tuple([z.number().int().positive().optional()])]) as z.ZodType<[locationId?: number]>,
  importFacilityData: z.tuple([z.strictObject({ path: z.string().min(1).max(4096).optional() })]),
  loadDemoData: z.tuple([z.strictObject({ seed: z.number().int().min(0).max(2 ** 31).optional() })]),
  queryReport: z.tuple([
    z.strictObject({
      ...reportFilterShape,
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  ]),
  applySyncOption: z.tuple([
    z
      .strictObject({
        kind: reportFilterShape.kind,
        option: z.enum(['resync', 'exclude', 'include']),
        ids: z.array(z.number().int().positive()).max(100_000).optional(),
        externalIds: z.array(z.string().min(1).max(100)).max(10_000).optional(),
        filter: z.strictObject(reportFilterShape).omit({ kind: true }).optional(),
        allMatching: z.boolean().optional(),
      })
      .refine((v) => v.allMatching || (v.ids?.length ?? 0) > 0 || (v.externalIds?.length ?? 0) > 0, 'select at least one row'),
  ]) as z.ZodType<Parameters<Api['applySyncOption']>>,
  exportReportCsv: z.tuple([z.strictObject(reportFilterShape)]),
  getDashboard: z.tuple([]),
  getMapping: z.tuple([]),
  syncNow: z.tuple([]),
  pauseSync: z.tuple([]),
  resumeSync: z.tuple([]),
  getSyncStatus: z.tuple([]),
  setMapping: z.tuple([mappingSchema]),
  suggestMapping: z.tuple([]),
  refreshReferenceData: z.tuple([]),
  getReferenceData: z.tuple([]),
  createTrackingOption: z.tuple([z.strictObject({ categoryId: z.string().min(1).max(100), name: z.string().trim().min(1).max(100) })]),
  createItem: z.tuple([
    z.strictObject({
      code: z.string().trim().min(1).max(30),
      name: z.string().trim().max(50),
      accountCode: z.string().max(10).nullable().optional(),
      taxType: z.string().max(50).nullable().optional(),
    }),
  ]),
};
