/** Small HTTP helpers: bounded body reading, JSON/problem responses, form parsing. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XeroHttpError } from './types';

/** Xero rejects request bodies over 3.5 MB. */
const MAX_BODY_BYTES = 3.5 * 1024 * 1024;

/** Reads the whole body; past the limit it keeps draining (so the client sees our answer) but stores nothing. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve({ text: size > limit ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

/** Xero's API gateway answers auth/limit failures with RFC 7807 problem details in PascalCase. */
export function problem(status: number, title: string, detail: string, instance = ''): Record<string, unknown> {
  return { Type: null, Title: title, Status: status, Detail: detail, Instance: instance, Extensions: {} };
}

export function problemError(status: number, title: string, detail: string, headers: Record<string, string> = {}): XeroHttpError {
  return new XeroHttpError(status, problem(status, title, detail), headers);
}

export const NOT_FOUND_MESSAGE = 'The document with the supplied id was not found for this endpoint.';

/** Xero's 404 for an id (or invoice number) that is not in the organisation. */
export function notFound(): XeroHttpError {
  return problemError(404, 'Not Found', NOT_FOUND_MESSAGE);
}

/** The classic Xero 400 for a rejected request or batch. */
export function validationException(elements: unknown[]): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  });
}

export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

export function parseJsonBody(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw postDataInvalid('The request body could not be read as JSON.');
}

/** Xero's 400 for a body its JSON reader cannot map onto its model: the whole request is refused. */
export function postDataInvalid(message: string): XeroHttpError {
  return new XeroHttpError(400, { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
