import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import type { SyncPreviewApi } from './sync-preview';

export const syncPreviewSchemas: ArgSchemasOf<SyncPreviewApi> = {
  previewSync: z.tuple([]),
};
