/**
 * Every contract method's argument schema, from the areas' own files. Main treats every argument
 * as unknown (docs/conventions.md #4) and parses it with these (main/dispatch.ts). Kept apart from
 * contract/index.ts so that zod never reaches the renderer's bundle.
 */
import { appSchemas } from './app.schema';
import type { ArgSchemasOf } from './area-schema';
import { connectionSchemas } from './connection.schema';
import { facilitySchemas } from './facility.schema';
import type { Api } from './index';
import { mappingSchemas } from './mapping.schema';
import { reconciliationSchemas } from './reconciliation.schema';
import { reportSchemas } from './report.schema';
import { syncSchemas } from './sync.schema';
import { syncPreviewSchemas } from './sync-preview.schema';

export const argSchemas: ArgSchemasOf<Api> = {
  ...appSchemas,
  ...connectionSchemas,
  ...facilitySchemas,
  ...reportSchemas,
  ...reconciliationSchemas,
  ...mappingSchemas,
  ...syncSchemas,
  ...syncPreviewSchemas,
};
