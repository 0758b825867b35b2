/**
 * Planner: turns due outbox rows into Xero operations through their kind's module (kinds/). A row
 * whose dependency has not reached Xero yet waits and says what for; a row that cannot be built
 * (mapping missing) fails with the builder's explanation; everything else becomes a create,
 * update or delete with its payload.
 */
import type { RecordKind } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import { loadMapping, type Mapping } from '../mapping/mapping';
import { findMappingProblems } from '../mapping/mapping-problems';
import { KIND_MODULES } from './kinds';
import type { PlanContext, PlanOutcome } from './kinds/kind-module';
import { NO_LOCK, type LockedPeriod } from './locked-period';
import type { OutboxRow, OutboxStore } from './records/outbox-store';

export type { Operation, PlannedItem, PlanOutcome, XeroPayload } from './kinds/kind-module';

export interface Planner {
  plan(row: OutboxRow): PlanOutcome;
  /** Once per run before planning: each kind queues again what it held back and is due now (KindModule.requeueBeforePlanning). */
  requeueHeldBack(now: string): void;
}

/**
 * `tenantId`: the organisation the records go to (the mapping is checked against its lists);
 * `lockedPeriod`: its lock date as read from Xero this run, and its choice for records dated on or before it;
 * `startDate`: its sync start date (start-date.ts), null to send all history.
 */
export function createPlanner(
  db: Db, store: OutboxStore, mapping: Mapping = loadMapping(db), tenantId?: string, lockedPeriod: LockedPeriod = NO_LOCK,
  startDate: string | null = null,
): Planner {
  const mappingProblems = findMappingProblems(db, mapping, tenantId);
  const ctx: PlanContext = { db, store, mapping, mappingProblems, lockedPeriod, startDate };
  const byKind = new Map<RecordKind, (row: OutboxRow) => PlanOutcome>(KIND_MODULES.map((m) => [m.kind, m.planner(ctx)]));
  return {
    plan: (row) => (byKind.get(row.kind) as (row: OutboxRow) => PlanOutcome)(row),
    requeueHeldBack: (now) => {
      for (const m of KIND_MODULES) m.requeueBeforePlanning?.(ctx, now);
    },
  };
}
