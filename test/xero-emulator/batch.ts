/**
 * Batch semantics: each element is applied in order with an undo log. summarizeErrors=false keeps
 * the good elements and marks each one OK or ERROR; otherwise one failure rolls the whole batch back
 * and the answer is a single 400 ValidationException.
 */
import { validationException } from './http-util';
import { envelope } from './query';

export class UndoLog {
  private ops: Array<() => void> = [];
  push(op: () => void): void {
    this.ops.push(op);
  }
  absorb(other: UndoLog): void {
    this.ops.push(...other.ops);
  }
  rollback(): void {
    for (const op of this.ops.reverse()) op();
    this.ops = [];
  }
}

/** Puts an updated record back as it was, dropping fields the update added. */
export function restoreRecord<T extends object>(target: T, before: T): void {
  for (const k of Object.keys(target)) if (!(k in before)) delete (target as Record<string, unknown>)[k];
  Object.assign(target, before);
}

/** A validation failure of one element; messages are Xero's ValidationErrors. */
export class ElementError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

export type ApplyElement = (el: Record<string, unknown>, undo: UndoLog) => Record<string, unknown>;

export interface HandlerResult {
  status: number;
  body: unknown;
}

export function elementsOf(body: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const raw = body[key];
  // Xero also accepts a single object without the wrapping array.
  const list = Array.isArray(raw) ? raw : raw === undefined && Object.keys(body).length ? [body] : [];
  if (list.length === 0) throw validationException([{ ValidationErrors: [{ Message: `The request did not contain any ${key}.` }] }]);
  return list.map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {}));
}

export interface BatchOptions {
  /** Invoices also carry HasErrors on every element. */
  hasErrorsFlag?: boolean;
  /** A rejected element as Xero echoes it back (e.g. dates as /Date(ms+0000)/); as sent when absent. */
  echo?: (el: Record<string, unknown>) => Record<string, unknown>;
}

export function runBatch(
  key: string,
  elements: Record<string, unknown>[],
  summarize: boolean,
  apply: ApplyElement,
  now: number,
  { hasErrorsFlag = false, echo = (el) => el }: BatchOptions = {},
): HandlerResult {
  const batchUndo = new UndoLog();
  let failed = 0;
  const out = elements.map((el) => {
    const undo = new UndoLog();
    try {
      const wire = apply(el, undo);
      batchUndo.absorb(undo);
      return { ...wire, ...(hasErrorsFlag ? { HasErrors: false } : {}), StatusAttributeString: 'OK', ValidationErrors: [] };
    } catch (err) {
      undo.rollback();
      if (!(err instanceof ElementError)) throw err;
      failed++;
      return {
        ...echo(el),
        ...(hasErrorsFlag ? { HasErrors: true } : {}),
        StatusAttributeString: 'ERROR',
        ValidationErrors: err.messages.map((Message) => ({ Message })),
      };
    }
  });
  if (failed > 0 && summarize) {
    batchUndo.rollback();
    throw validationException(out);
  }
  return { status: 200, body: envelope(key, out, now) };
}
