import type { Api, ApiMethod, Envelope } from '../contract';
import { AppError, toErrorShape } from './app-error';
import { argSchemas } from '../contract/schemas';

/**
 * Shared by every shell (Electron IPC, the HTTP harness): validates the method name and the
 * arguments, calls the service, and returns an envelope instead of throwing.
 */
export async function dispatch(api: Api, method: string, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!Object.hasOwn(argSchemas, method)) {
    return { ok: false, error: { code: 'bad_request', message: `Unknown method "${method}".` } };
  }
  const name = method as ApiMethod;
  const parsed = argSchemas[name].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (argument ${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: { code: 'bad_request', message: `Invalid input for ${method}${where}: ${issue?.message ?? 'invalid'}.` },
    };
  }
  try {
    const fn = api[name] as (...args: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, parsed.data as unknown[]);
    return { ok: true, value };
  } catch (err) {
    if (!(err instanceof AppError)) console.error(`[${method}]`, redactForLog(err));
    return { ok: false, error: toErrorShape(err) };
  }
}

/** Strips bearer tokens and secrets that xero-node puts into its rejection payloads. */
export function redactForLog(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : typeof err === 'string' ? err : JSON.stringify(err);
  return (text ?? '')
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]')
    .replace(/("?(?:access_token|refresh_token|client_secret|id_token|code_verifier)"?\s*[:=]\s*"?)[^",&\s]+/gi, '$1[redacted]');
}
