import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import type { ReconciliationApi } from './reconciliation';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2025-06');
const query = z.strictObject({ month, locationId: z.number().int().positive().optional() });

export const reconciliationSchemas: ArgSchemasOf<ReconciliationApi> = {
  getReconciliation: z.tuple([query]),
  exportReconciliationCsv: z.tuple([query]),
  printReconciliationPdf: z.tuple([query]),
  getReconciliationStatus: z.union([z.tuple([]), z.tuple([z.strictObject({ month: month.optional() })])]) as z.ZodType<Parameters<ReconciliationApi['getReconciliationStatus']>>,
};
