import type { XeroOrganisation } from '../../contract';
import { AppError } from '../app-error';
import { offlineError } from './oauth-client';

/** Xero's /connections: the organisations (tenants) this app's sign-in may use. */
export interface XeroTenantConnection extends XeroOrganisation {
  /** The connection id, needed to DELETE /connections/{id}. */
  connectionId: string;
}

interface RawConnection {
  id: string;
  tenantId: string;
  tenantType?: string;
  tenantName?: string | null;
}

async function connectionsRequest(url: string, accessToken: string, method: 'GET' | 'DELETE'): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw offlineError(err);
  }
}

export async function listOrganisations(connectionsUrl: string, accessToken: string): Promise<XeroTenantConnection[]> {
  const res = await connectionsRequest(connectionsUrl, accessToken, 'GET');
  if (!res.ok) {
    throw new AppError('xero_error', `Xero did not list the connected organisations (HTTP ${res.status}). Click Connect to Xero to try again.`);
  }
  const body = (await res.json()) as RawConnection[];
  return body
    .filter((c) => (c.tenantType ?? 'ORGANISATION') === 'ORGANISATION')
    .map((c) => ({ connectionId: c.id, tenantId: c.tenantId, name: c.tenantName ?? 'Unnamed organisation' }));
}

/** 404 means Xero already forgot the connection: that is what we wanted. */
export async function deleteConnection(connectionsUrl: string, accessToken: string, connectionId: string): Promise<void> {
  const res = await connectionsRequest(`${connectionsUrl}/${encodeURIComponent(connectionId)}`, accessToken, 'DELETE');
  if (!res.ok && res.status !== 404) {
    throw new AppError('xero_error', `Xero did not remove the connection (HTTP ${res.status}).`);
  }
}
