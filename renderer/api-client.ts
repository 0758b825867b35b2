import type { Api, ApiMethod, AppErrorShape, ErrorCode, PushEventName, PushEvents } from '../contract';

/** An error the main process reported; `message` is already plain words with the fix. */
export class ApiError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
  }
}

/** Calls one contract method and unwraps its envelope (throws ApiError on `ok: false`). */
export async function call<M extends ApiMethod>(method: M, ...args: Parameters<Api[M]>): Promise<Awaited<ReturnType<Api[M]>>> {
  const bridge = window.facilitySync;
  if (!bridge) throw new ApiError({ code: 'internal', message: 'The app bridge is missing. Restart the app.' });
  const fn = bridge[method] as unknown as (...a: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: AppErrorShape }>;
  const envelope = await fn(...args);
  if (!envelope.ok) throw new ApiError(envelope.error ?? { code: 'internal', message: 'Unknown error.' });
  return envelope.value as Awaited<ReturnType<Api[M]>>;
}

export function subscribe<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
  return window.facilitySync.on(event, listener);
}
