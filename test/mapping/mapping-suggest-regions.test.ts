/**
 * Suggestions per organisation region (issue 12): the standard rate on sales of each region for
 * rent and fees, no tax for deposits; Write-offs (issue 13) to Bad Debts with GST on sales in Australia
 * and New Zealand, No VAT in the UK (docs/mapping.md, "Write-offs"); against the emulator's Australian, New Zealand and UK
 * organisations loaded through the real reference-data refresh.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EMPTY_MAPPING } from '../../main/mapping/mapping';
import { checkMapping } from '../../main/mapping/mapping-check';
import { suggestMappingWithReasons } from '../../main/mapping/mapping-suggest';
import { createXeroApiClient } from '../../main/xero/api-client';
import { OrgRateLimiter } from '../../main/xero/rate-limiter';
import { refreshReferenceData } from '../../main/xero/reference-mirror';
import { emulatorXeroSession } from '../helpers/emulator-xero-session';
import { openSampleFacilityDb } from '../helpers/sample-facility-db';
import { startXeroEmulator, type XeroEmulator } from '../xero-emulator/index';

let emulator: XeroEmulator;
beforeAll(async () => {
  emulator = await startXeroEmulator({ minuteMs: 200, limits: { perMinute: 1000 } });
});
afterAll(async () => emulator?.close());

describe.each([
  ['Demo Storage Co', 'OUTPUT', 'BASEXCLUDED', 'OUTPUT'],
  ['Kowhai Storage Ltd', 'OUTPUT2', 'NONE', 'OUTPUT2'],
  ['Thames Storage Ltd', 'OUTPUT2', 'NONE', 'NONE'],
])('suggestions for %s', (organisation, standard, noTax, writeOffTax) => {
  test(`rent and fees at ${standard}, the deposit to the deposits account with ${noTax}, write-offs to Bad Debts with ${writeOffTax}, and nothing the check refuses`, async () => {
    const db = await openSampleFacilityDb();
    try {
      const client = createXeroApiClient(await emulatorXeroSession(emulator, organisation), new OrgRateLimiter({ minuteMs: 200, perMinute: 1000 }));
      const reference = await refreshReferenceData(db, client);
      expect(reference.organisation?.name).toBe(organisation);
      const { mapping } = suggestMappingWithReasons(db, EMPTY_MAPPING, reference);
      const taxOf = (key: string) => {
        const m = mapping.chargeTypes[key];
        return m?.taxType ?? reference.items.find((i) => i.code === m?.itemCode)?.taxType;
      };
      expect(taxOf('CT-RENT')).toBe(standard);
      expect(taxOf('CT-LATE')).toBe(standard);
      expect(mapping.chargeTypes['CT-DEP']).toEqual({ itemCode: null, accountCode: '855', taxType: noTax });
      expect(mapping.writeOff).toEqual({ accountCode: '495', taxType: writeOffTax });
      const errors = checkMapping(db, { ...mapping, tracking: [] }, reference).filter((i) => i.severity === 'error' && i.section === 'products');
      // Insurance may stay empty (its own item decides): then it is reported as not mapped, and nothing else.
      expect(errors.filter((i) => i.key !== 'CT-INS')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
