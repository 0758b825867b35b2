/** The plain outcomes every kind's planner shares: the record is gone, or it waits for another record. */
import { kindInfo, type RecordKind } from '../../../contract/record-kinds';
import { MAPPING_ERROR_CODES } from '../../mapping/mapping';
import type { ErrorInfo } from '../records/outbox-store';
import type { PlanOutcome } from './kind-module';

export function gone(kind: RecordKind): ErrorInfo {
  return {
    code: 'record_missing',
    explanation: `The ${kindInfo(kind).noun} is no longer in the facility data.`,
    fix: 'Import the facility data again; if the record was removed on purpose, nothing needs doing.',
  };
}

/** The dependency (`ref` as the user knows it) has not reached Xero yet: the row waits and says what for. */
export function waitFor(dependency: RecordKind, ref: string, dependent: RecordKind): PlanOutcome {
  const d = kindInfo(dependency).noun;
  return {
    type: 'wait',
    error: {
      code: `waiting_for_${dependency}`,
      explanation: `Waiting for ${d} ${ref} to reach Xero.`,
      fix: `Nothing to do if the ${d} is on its way; if the ${d} failed, fix the ${d} (see its reason in this report) and this ${kindInfo(dependent).noun} follows.`,
    },
  };
}

/** A record the mapping cannot express yet waits for the mapping (saving it queues the record again); anything else fails. */
export function notBuilt(error: ErrorInfo): PlanOutcome {
  return { type: (MAPPING_ERROR_CODES as readonly string[]).includes(error.code) ? 'wait' : 'fail', error };
}
