import type { z } from 'zod';

/** One zod schema per method of an area's API, for its argument tuple; the compiler demands one for every method. */
export type ArgSchemasOf<A> = { [K in keyof A]: A[K] extends (...args: infer P) => unknown ? z.ZodType<P> : never };
