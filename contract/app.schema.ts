import { z } from 'zod';
import type { AppApi } from './app';
import type { ArgSchemasOf } from './area-schema';

export const appSchemas: ArgSchemasOf<AppApi> = {
  getAppInfo: z.tuple([]),
};
