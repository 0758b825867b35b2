import type { AppErrorShape, ErrorCode } from '../contract';

/** An error meant for the user: `message` says what happened and what fixes it. */
export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  // Unknown errors never leak internals (tokens, paths of secrets) to the renderer.
  return {
    code: 'internal',
    message: 'Something went wrong inside Facility Sync. Try again; if it keeps happening, restart the app.',
  };
}
