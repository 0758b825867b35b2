/** zod schemas for the mapping's methods; a Mapping arriving over IPC (setMapping): bounded sizes, known enums only. */
import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import type { Mapping, MappingApi } from './mapping';

const code = (max: number) => z.string().max(max).nullable();
const key = z.string().min(1).max(200);

export const mappingSchema: z.ZodType<Mapping> = z.strictObject({
  tracking: z
    .array(
      z.strictObject({
        source: z.enum(['location', 'building', 'unit_type']),
        categoryId: z.string().max(100).nullable(),
        categoryName: z.string().max(100),
        options: z.record(key, z.string().max(100)),
      }),
    )
    .max(3),
  chargeTypes: z.record(key, z.strictObject({ itemCode: code(30), accountCode: code(10), taxType: code(50) })),
  paymentAccounts: z.partialRecord(z.enum(['credit_card', 'debit_card', 'online_banking', 'cash', 'cheque']), z.string().min(1).max(100)),
  lineAmountTypes: z.enum(['Exclusive', 'Inclusive', 'NoTax']),
  writeOff: z.strictObject({ accountCode: code(10), taxType: code(50) }).optional(),
});

export const mappingSchemas: ArgSchemasOf<MappingApi> = {
  getMapping: z.tuple([]),
  setMapping: z.tuple([mappingSchema]),
  checkMapping: z.tuple([mappingSchema]),
  suggestMapping: z.tuple([]),
  refreshReferenceData: z.tuple([]),
  getReferenceData: z.tuple([]),
  createTrackingOption: z.tuple([z.strictObject({ categoryId: z.string().min(1).max(100), name: z.string().trim().min(1).max(100) })]),
  createItem: z.tuple([
    z.strictObject({
      code: z.string().trim().min(1).max(30),
      name: z.string().trim().max(50),
      accountCode: z.string().trim().min(1, 'choose the sales account').max(10),
      taxType: z.string().trim().min(1, 'choose the tax rate').max(50),
    }),
  ]),
};
