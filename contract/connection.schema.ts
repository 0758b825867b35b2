import { z } from 'zod';
import type { ArgSchemasOf } from './area-schema';
import type { ConnectionApi } from './connection';

export const connectionSchemas: ArgSchemasOf<ConnectionApi> = {
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
};
