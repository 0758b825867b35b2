import { z } from 'zod';
import type { Api, ApiMethod } from '../preload/api';

/**
 * One zod schema per contract method for its argument tuple. Main treats every argument as
 * unknown (STYLE.md #4); the mapped type makes the compiler demand a schema for every method.
 */
type ArgSchemas = { [K in ApiMethod]: z.ZodType<Parameters<Api[K]>> };

export const argSchemas: ArgSchemas = {
  getAppInfo: z.tuple([]),
};
