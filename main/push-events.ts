import { EventEmitter } from 'node:events';
import type { PushEventName, PushEvents } from '../preload/api';

/** Typed emitter for the contract's push events; the shells (IPC, harness SSE) forward them. */
export class PushEventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    this.emitter.emit(event, payload);
  }
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
  onAny(listener: <E extends PushEventName>(event: E, payload: PushEvents[E]) => void): () => void {
    const original = this.emitter.emit.bind(this.emitter);
    const patched = (event: string | symbol, ...args: unknown[]) => {
      if (typeof event === 'string') listener(event as PushEventName, args[0] as never);
      return original(event, ...args);
    };
    this.emitter.emit = patched;
    return () => {
      this.emitter.emit = original;
    };
  }
}
