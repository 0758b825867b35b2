import { EventEmitter } from 'node:events';
import type { PushEventName, PushEvents } from '../contract';

type AnyListener = <E extends PushEventName>(event: E, payload: PushEvents[E]) => void;

/** Typed emitter for the contract's push events; the shells (IPC, harness SSE) forward them. */
export class PushEventBus {
  private readonly emitter = new EventEmitter();
  private readonly anyListeners = new Set<AnyListener>();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    for (const listener of this.anyListeners) listener(event, payload);
    this.emitter.emit(event, payload);
  }
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
  /** Every event, for the shells that forward them all; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
}
