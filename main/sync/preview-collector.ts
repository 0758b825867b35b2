/**
 * What the preview hears from the engine's dry run (engine.ts `DryRun`), turned into the contract's
 * SyncPreview: the action per record, counts per kind, a few payloads per kind, and totals per account,
 * tax rate and tracking option over what would be sent. The dry run's `send` settles a batch in the
 * copy of the data as if Xero had taken it (a new record is linked to a stand-in id), so records that
 * depend on it are planned as the real run plans them.
 */
import { PREVIEW_ACTIONS, type PreviewAction, type PreviewKind, type PreviewRecord, type PreviewTotal, type SyncPreview } from '../../contract';
import { kindInfo, type RecordKind } from '../../contract/record-kinds';
import type { Db } from '../db/open-database';
import { MAPPING_ERROR_CODES } from '../mapping/mapping';
import type { DryRun } from './engine';
import { KIND_MODULES, kindModule } from './kinds';
import type { PlanOutcome } from './kinds/kind-module';
import type { OutboxRow } from './records/outbox-store';

/** Payloads kept per kind for the preview screen. */
export const SAMPLES_PER_KIND = 3;

interface Sample { recordId: number; op: 'create' | 'update' | 'delete'; payload: unknown }

interface Observed {
  kind: RecordKind;
  recordId: number;
  action: PreviewAction;
  reason: string | null;
  xeroId: string | null;
}

/** The action of a planned outcome that is not a send. */
export function actionOf(outcome: Exclude<PlanOutcome, { type: 'send' }>): PreviewAction {
  if (outcome.type === 'before_start_date' || outcome.error.code === 'document_before_start_date') return 'held_start_date';
  if (outcome.error.code === 'period_locked') return 'held_lock_date';
  if ((MAPPING_ERROR_CODES as readonly string[]).includes(outcome.error.code)) return 'held_mapping';
  if (outcome.type === 'wait') return 'waiting';
  return outcome.type;
}

const STAND_IN = 'created by this sync)';

/** The stand-in Xero id of a record the dry run would create: what its dependants' payloads would point at. */
export function newRecordId(db: Db, kind: RecordKind, recordId: number): string {
  return `(new ${kindInfo(kind).xeroNoun} ${kindModule(kind).naturalKey(db, recordId) ?? recordId}, ${STAND_IN}`;
}

export function createPreviewCollector(db: Db) {
  // By outbox row id: a row planned again in a later round (a wait that cleared) keeps its last action.
  const observed = new Map<number, Observed>();
  const samples = new Map<RecordKind, Sample[]>();
  const totals = createTotals(db);
  let requests = 0;
  let read: Parameters<DryRun['organisation']>[0] = { name: null, lockDate: null, startDate: null };
  const note = (row: OutboxRow, action: PreviewAction, reason: string | null, xeroId: string | null = null) =>
    observed.set(row.id, { kind: row.kind, recordId: row.record_id, action, reason, xeroId });

  const dryRun: DryRun = {
    async send(ctx, batch) {
      requests++;
      ctx.store.transaction(() => {
        for (const item of batch.items) {
          note(item.row, item.op, null, item.xeroId ?? null);
          if (item.payload) totals.add(batch.kind, item.payload);
          const kept = samples.get(batch.kind) ?? [];
          if (kept.length < SAMPLES_PER_KIND) samples.set(batch.kind, [...kept, { recordId: item.row.record_id, op: item.op, payload: item.payload }]);
          ctx.store.completeRow(item.row, item.op === 'delete' ? null : (item.xeroId ?? newRecordId(db, batch.kind, item.row.record_id)));
        }
      });
      return { ok: batch.items.length, failed: 0, requeued: 0 };
    },
    notInXero: (key) => key.includes(STAND_IN),
    organisation: (r) => {
      read = r;
    },
    planned: (row, outcome) => note(row, actionOf(outcome), outcome.error.explanation),
    matched: (row, existing) =>
      note(row, existing.differences.length ? 'needs_review' : 'link', existing.differences.length ? `${existing.differences.join('. ')}.` : null, existing.xeroId),
  };

  /** Rows the run did not plan: in flight (looked up first) or backing off after a passing failure. */
  function addUnplanned(): void {
    const rows = db.prepare("SELECT id, kind, record_id, status, error_explanation, next_attempt_at FROM outbox WHERE status IN ('pending', 'in_flight') ORDER BY id")
      .all() as Array<OutboxRow & { error_explanation: string | null; next_attempt_at: string | null }>;
    for (const r of rows) {
      if (observed.has(r.id)) continue;
      const inFlight = r.status === 'in_flight';
      note(r, inFlight ? 'in_flight' : 'retry_later', inFlight
        ? 'Sent earlier without an answer from Xero: the run first looks it up in Xero, so it is never sent twice.'
        : `Waits to be tried again after ${r.next_attempt_at ?? 'a pause'}${r.error_explanation ? `: ${r.error_explanation}` : ''}.`);
    }
  }

  function build(generatedAt: string, tenantId: string | null): SyncPreview {
    addUnplanned();
    const records = labelled([...observed.values()]);
    const refOf = new Map(records.map((r) => [`${r.kind}:${r.recordId}`, r.ref]));
    const kinds: PreviewKind[] = KIND_MODULES.map(({ kind }) => {
      const counts = Object.fromEntries(PREVIEW_ACTIONS.map((a) => [a, 0])) as Record<PreviewAction, number>;
      for (const r of records) if (r.kind === kind) counts[r.action]++;
      return {
        kind, label: kindInfo(kind).label, counts,
        samples: (samples.get(kind) ?? []).map((s) => ({ ref: refOf.get(`${kind}:${s.recordId}`) ?? String(s.recordId), op: s.op, payload: s.payload })),
      };
    });
    return {
      generatedAt, organisation: tenantId ? { tenantId, name: read.name } : null, startDate: read.startDate, lockDate: read.lockDate,
      requests, kinds, totals: totals.result(), records,
    };
  }

  /** The records with the words people know them by, through each kind's report columns. */
  function labelled(list: Observed[]): PreviewRecord[] {
    const out: PreviewRecord[] = [];
    for (const { kind } of KIND_MODULES) {
      const mine = list.filter((o) => o.kind === kind).sort((a, b) => a.recordId - b.recordId);
      if (mine.length === 0) continue;
      const details = new Map(
        (db.prepare(kindModule(kind).report.detailsSql).all({ ids: JSON.stringify(mine.map((o) => o.recordId)) }) as Array<{
          id: number; external_id: string; tenant_name: string | null; reference: string | null; amount_cents: number | null;
        }>).map((d) => [d.id, d]),
      );
      for (const o of mine) {
        const d = details.get(o.recordId);
        out.push({
          kind, recordId: o.recordId, ref: d?.external_id ?? String(o.recordId), reference: d?.reference ?? null,
          tenantName: d?.tenant_name ?? null, amountCents: d?.amount_cents ?? null, action: o.action, reason: o.reason, xeroId: o.xeroId,
        });
      }
    }
    return out;
  }

  return { dryRun, build };
}

interface LineLike { quantity?: number; unitAmount?: number; lineAmount?: number; accountCode?: string; itemCode?: string; taxType?: string; tracking?: Array<{ name?: string; option?: string }> }

/**
 * Totals per account, tax rate and tracking option over the payloads that would be sent: a document's
 * lines (quantity x unit amount), or money's amount to its account. Read from the payload's shape, so
 * no kind is named here; account and tax rate names come from the copy of Xero's lists.
 */
function createTotals(db: Db) {
  const sums = { accounts: new Map<string, PreviewTotal>(), taxRates: new Map<string, PreviewTotal>(), tracking: new Map<string, PreviewTotal>() };
  const accountName = db.prepare('SELECT code, name FROM xero_accounts WHERE code = ? OR account_id = ? LIMIT 1');
  const taxName = db.prepare('SELECT name FROM xero_tax_rates WHERE tax_type = ?').pluck();
  const account = (codeOrId: string) => {
    const a = accountName.get(codeOrId, codeOrId) as { code: string | null; name: string } | undefined;
    return a ? `${a.code ?? ''} ${a.name}`.trim() : codeOrId;
  };
  const bump = (table: Map<string, PreviewTotal>, kind: RecordKind, key: string, cents: number) => {
    const k = `${kind}\u0000${key}`;
    const t = table.get(k) ?? { kind, key, amountCents: 0, lines: 0 };
    t.amountCents += cents;
    t.lines++;
    table.set(k, t);
  };
  return {
    add(kind: RecordKind, payload: object) {
      const p = payload as { lineItems?: LineLike[]; amount?: number; account?: { code?: string; accountID?: string } };
      if (Array.isArray(p.lineItems)) {
        for (const l of p.lineItems) {
          const cents = l.lineAmount !== undefined ? Math.round(l.lineAmount * 100) : Math.round((l.quantity ?? 1) * Math.round((l.unitAmount ?? 0) * 100));
          const acc = l.accountCode ? account(l.accountCode) : l.itemCode ? `Item ${l.itemCode}` : null;
          if (acc) bump(sums.accounts, kind, acc, cents);
          if (l.taxType) {
            const name = taxName.get(l.taxType) as string | undefined;
            bump(sums.taxRates, kind, name ? `${name} (${l.taxType})` : l.taxType, cents);
          }
          for (const t of l.tracking ?? []) bump(sums.tracking, kind, `${t.name ?? ''}: ${t.option ?? ''}`, cents);
        }
      } else if (typeof p.amount === 'number' && (p.account?.code || p.account?.accountID)) {
        bump(sums.accounts, kind, account((p.account.code ?? p.account.accountID) as string), Math.round(p.amount * 100));
      }
    },
    result: () => {
      const sorted = (m: Map<string, PreviewTotal>) => [...m.values()].sort((a, b) => a.key.localeCompare(b.key) || a.kind.localeCompare(b.kind));
      return { accounts: sorted(sums.accounts), taxRates: sorted(sums.taxRates), tracking: sorted(sums.tracking) };
    },
  };
}
