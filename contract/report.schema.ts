import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import { isIsoDate } from './iso-date';
import { RECORD_KIND_PLURALS } from './record-kinds';
import { SYNC_OPTIONS, type ReportApi } from './report';

const isoDate = z.string().refine(isIsoDate, 'expected a real date like 2025-01-31');

const reportFilterShape = {
  kind: z.enum(RECORD_KIND_PLURALS as [ReportApiKind, ...ReportApiKind[]]),
  status: z.enum(['synced', 'non-synced', 'all']),
  locationId: z.number().int().positive().optional(),
  buildingId: z.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
type ReportApiKind = (typeof RECORD_KIND_PLURALS)[number];

export const reportSchemas: ArgSchemasOf<ReportApi> = {
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
        option: z.enum(SYNC_OPTIONS),
        ids: z.array(z.number().int().positive()).max(100_000).optional(),
        externalIds: z.array(z.string().min(1).max(100)).max(10_000).optional(),
        filter: z.strictObject(reportFilterShape).omit({ kind: true }).optional(),
        allMatching: z.boolean().optional(),
      })
      .refine((v) => v.allMatching || (v.ids?.length ?? 0) > 0 || (v.externalIds?.length ?? 0) > 0, 'select at least one row'),
  ]) as z.ZodType<Parameters<ReportApi['applySyncOption']>>,
  exportReportCsv: z.tuple([z.strictObject(reportFilterShape)]),
  getDashboard: z.tuple([]),
  getMonthlyAmounts: z.tuple([]),
  compareBalances: z.tuple([]),
};
