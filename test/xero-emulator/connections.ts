/** GET /connections and DELETE /connections/{id}: which organisations the token's app may reach. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { problemError, sendJson } from './http-util';
import { authenticate } from './tokens';
import type { Connection } from './types';

/** Xero prints these without a zone suffix and with 7 fractional digits. */
function xeroUtc(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000');
}

function wire(ctx: EmulatorContext, c: Connection) {
  return {
    id: c.id,
    authEventId: c.authEventId,
    tenantId: c.tenantId,
    tenantType: 'ORGANISATION',
    tenantName: ctx.state.org(c.tenantId)?.organisation.Name ?? null,
    createdDateUtc: xeroUtc(c.createdDateUtc),
    updatedDateUtc: xeroUtc(c.updatedDateUtc),
  };
}

export function handleConnections(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const who = authenticate(req, ctx.state);
  const mine = (c: Connection) => c.clientId === who.clientId && c.userId === who.userId;
  const id = url.pathname.split('/')[2];
  if (req.method === 'GET' && !id) {
    const authEventId = url.searchParams.get('authEventId');
    const list = ctx.state.connections.filter((c) => mine(c) && (!authEventId || c.authEventId === authEventId));
    return sendJson(res, 200, list.map((c) => wire(ctx, c)));
  }
  if (req.method === 'DELETE' && id) {
    const found = ctx.state.connections.find((c) => c.id === id && mine(c));
    if (!found) throw problemError(404, 'Not Found', `Connection ${id} was not found`);
    ctx.state.connections = ctx.state.connections.filter((c) => c !== found);
    ctx.persist();
    res.writeHead(204);
    res.end();
    return;
  }
  throw problemError(405, 'Method Not Allowed', `${req.method} is not supported on ${url.pathname}`);
}
