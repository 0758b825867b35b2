/**
 * The record kinds the engine sends, in dependency order (contract/record-kinds.ts), each with
 * its module. Adding a kind: a row in RECORD_KINDS, a module here, its migration, contract and
 * emulator parts (docs/record-kinds.md).
 */
import { RECORD_KINDS, type RecordKind } from '../../../contract/record-kinds';
import type { Db } from '../../db/open-database';
import { allocationKind } from './allocation';
import { creditNoteKind } from './credit-note';
import { invoiceKind } from './invoice';
import type { KindModule } from './kind-module';
import { paymentKind } from './payment';
import { prepaymentKind } from './prepayment';
import { refundKind } from './refund';
import { tenantKind } from './tenant';

const MODULES: Record<RecordKind, KindModule> = {
  tenant: tenantKind, invoice: invoiceKind, payment: paymentKind, prepayment: prepaymentKind, credit_note: creditNoteKind, allocation: allocationKind, refund: refundKind,
};

/** Every kind's module, in the order the engine sends them. */
export const KIND_MODULES: readonly KindModule[] = RECORD_KINDS.map((k) => MODULES[k.kind]);

export function kindModule(kind: RecordKind): KindModule {
  return MODULES[kind];
}

/** The key a record is found by in Xero when the outcome of a create is unknown. Null when the record is gone. */
export function naturalKeyOf(kind: RecordKind, db: Db, recordId: number): string | null {
  return MODULES[kind].naturalKey(db, recordId);
}
