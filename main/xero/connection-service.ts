import type { Api, XeroConnectionStatus, XeroEndpoints, XeroOrganisation, XeroScopeSet, XeroSettings } from '../../contract';
import { AppError } from '../app-error';
import type { PushEventBus } from '../push-events';
import type { SettingsStore } from '../settings/settings-store';
import { deleteConnection, listOrganisations, type XeroTenantConnection } from './connections';
import {
  buildAuthorizationRequest, createOAuthConfig, exchangeCode, explainTokenError, isInvalidGrant, isTransientTokenError, refreshTokens, revokeRefreshToken,
} from './oauth-client';
import { DEFAULT_SCOPE_SET, isScopeSet, SCOPE_SETS } from './scopes';
import { bindingProblem, ISSUER_KEY } from './connection-binding';
import { clientIdProblem } from './client-id';
import { authorizeRefusal } from './authorize-probe';
import type { SecretStore } from './secret-store';
import type { XeroSession } from './session';
import { CANCELLED_MESSAGE, DEFAULT_OAUTH_PORT, redirectUriFor, startLoopbackListener, type LoopbackListener } from './loopback';
import { NOT_CONNECTED_MESSAGE, RECONNECT_MESSAGE, TokenManager } from './token-manager';

/**
 * The Xero connection: the Authenticate tab's contract methods and the XeroSession the sync
 * engine uses. Non-secret state (client id, scope set, organisation) lives in settings; the client
 * secret and refresh token only in the keychain; the access token only in memory (TokenManager).
 */
export type XeroConnectionApi = Pick<
  Api,
  'getXeroSettings' | 'saveXeroCredentials' | 'setXeroScopeSet' | 'connectXero' | 'cancelConnectXero' | 'chooseXeroOrganisation' | 'disconnectXero'
>;

export interface XeroConnection extends XeroSession {
  readonly api: XeroConnectionApi;
  status(): XeroConnectionStatus;
  close(): Promise<void>;
}

export interface XeroConnectionOptions {
  endpoints: XeroEndpoints;
  settings: SettingsStore;
  secrets: SecretStore;
  events: PushEventBus;
  openExternal?: (url: string) => Promise<void>;
  /** The fixed loopback port registered in the Xero app's redirect URI (default 47321). */
  port?: number;
  /** How long to wait for Xero's redirect (default 5 minutes). */
  timeoutMs?: number;
  /** Adds what other parts know about a status (the organisation switch question); xero/ knows nothing of the sync state. */
  decorateStatus?: (status: XeroConnectionStatus) => XeroConnectionStatus;
  now?: () => Date;
}

const KEY = {
  clientId: 'xero.clientId',
  scopeSet: 'xero.scopeSet',
  organisation: 'xero.organisation',
  organisations: 'xero.organisations',
  reconnectRequired: 'xero.reconnectRequired',
  lastFailure: 'xero.lastConnectFailure',
  issuer: ISSUER_KEY,
} as const;

const CANCELLED_HINT =
  'You cancelled connecting to Xero. If Xero showed an error page (such as "Unauthorized client" or "Invalid redirect_uri"), the Client ID or the '
  + "redirect URI does not match your Xero app: copy them again from its Configuration page at developer.xero.com, click Save and connect again.";

const publicOrg = (o: XeroOrganisation): XeroOrganisation => ({ tenantId: o.tenantId, name: o.name });

export function createXeroConnection(options: XeroConnectionOptions): XeroConnection {
  const { endpoints, settings, secrets, events } = options;
  const port = options.port ?? DEFAULT_OAUTH_PORT;
  const now = options.now ?? (() => new Date());
  let flow: { listener: LoopbackListener } | null = null;

  const organisation = () => settings.get<XeroTenantConnection>(KEY.organisation);
  const choices = () => settings.get<XeroTenantConnection[]>(KEY.organisations) ?? [];
  const scopeSet = (): XeroScopeSet => {
    const v = settings.get(KEY.scopeSet);
    return isScopeSet(v) ? v : DEFAULT_SCOPE_SET;
  };

  const status = (): XeroConnectionStatus => (options.decorateStatus ? options.decorateStatus(baseStatus()) : baseStatus());
  function baseStatus(): XeroConnectionStatus {
    const org = organisation();
    const orgs = choices().map(publicOrg);
    if (flow) return { state: 'connecting', ...(org ? { organisation: publicOrg(org) } : {}) };
    const failure = settings.get<{ message: string; at: string }>(KEY.lastFailure);
    const lastFailure = failure ? { lastFailure: failure } : {};
    // Saved for another Xero address (or by an older version): not connected here, and why.
    const problem = org || orgs.length > 0 ? bindingProblem(settings, endpoints) : null;
    if (problem) return { state: 'disconnected', reason: problem, ...lastFailure };
    if (org && settings.get(KEY.reconnectRequired)) return { state: 'reconnect_required', organisation: publicOrg(org), ...lastFailure };
    if (org) return { state: 'connected', organisation: publicOrg(org), ...(orgs.length > 1 ? { organisations: orgs } : {}) };
    if (orgs.length > 0) return { state: 'choose_organisation', organisations: orgs };
    return { state: 'disconnected', ...lastFailure };
  }
  const announce = () => events.emit('xero:connection', status());

  async function oauthConfig() {
    const clientId = settings.get<string>(KEY.clientId);
    if (!clientId) throw new AppError('bad_request', 'Enter the Client ID of your Xero app and click Save, then click Connect to Xero.');
    return createOAuthConfig({ endpoints, clientId, clientSecret: await secrets.get('client-secret') });
  }

  const tokens = new TokenManager({
    secrets,
    refresh: async (refreshToken) => refreshTokens(await oauthConfig(), refreshToken),
    isInvalidGrant,
    isTransient: isTransientTokenError,
    explain: explainTokenError,
    onReconnectRequired: () => {
      settings.set(KEY.reconnectRequired, true);
      announce();
    },
  });

  function saveOrganisation(org: XeroTenantConnection): void {
    settings.set(KEY.organisation, { tenantId: org.tenantId, name: org.name, connectionId: org.connectionId });
  }

  async function cancelFlow(): Promise<void> {
    const current = flow;
    flow = null;
    await current?.listener.close();
  }

  async function getXeroSettings(): Promise<XeroSettings> {
    let hasClientSecret = false;
    let keychainProblem: string | undefined;
    try {
      hasClientSecret = (await secrets.get('client-secret')) !== null;
    } catch (err) {
      keychainProblem = err instanceof AppError ? err.message : String(err);
    }
    return {
      clientId: settings.get<string>(KEY.clientId) ?? '',
      hasClientSecret,
      redirectUri: redirectUriFor(port),
      scopeSet: scopeSet(),
      scopes: SCOPE_SETS[scopeSet()],
      connection: status(),
      ...(keychainProblem ? { keychainProblem } : {}),
    };
  }

  async function connectXero(): Promise<XeroConnectionStatus> {
    const config = await oauthConfig();
    if (!options.openExternal) throw new AppError('internal', 'Facility Sync cannot open the system browser here. Restart the app and try again.');
    await cancelFlow();
    const request = await buildAuthorizationRequest(config, redirectUriFor(port), SCOPE_SETS[scopeSet()]);
    // A Client ID or redirect URI Xero refuses is said now, not after five minutes of waiting.
    const refused = await authorizeRefusal(request.url, redirectUriFor(port));
    if (refused) {
      settings.set(KEY.lastFailure, { message: refused.message, at: now().toISOString() });
      announce();
      throw refused;
    }
    const listener = await startLoopbackListener({ port, expectedState: request.state, timeoutMs: options.timeoutMs });
    const mine = { listener };
    flow = mine;
    announce();
    try {
      // Reviewed: the injected opener is the shell's guarded one (https or the configured emulator only).
      await options.openExternal(request.url.href); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      const callbackUrl = await listener.callback;
      const granted = await exchangeCode(config, callbackUrl, request);
      if (!granted.refresh_token) {
        throw new AppError('xero_error', 'Xero did not allow Facility Sync to stay connected (the offline_access scope is missing). Check the scopes of your Xero app and try again.');
      }
      await tokens.accept(granted);
      settings.set(KEY.issuer, endpoints.issuer);
      const orgs = await listOrganisations(endpoints.connectionsUrl, granted.access_token);
      if (orgs.length === 0) {
        tokens.clear();
        await secrets.delete('refresh-token');
        throw new AppError('no_organisation', "Xero did not connect any organisation. Click Connect to Xero again and pick your organisation on Xero's page.");
      }
      settings.delete(KEY.reconnectRequired);
      settings.set(KEY.organisations, orgs);
      // Reconnecting keeps the organisation already chosen (and its mappings) when it is still there.
      const previous = organisation();
      const keep = previous && orgs.find((o) => o.tenantId === previous.tenantId);
      if (keep) saveOrganisation(keep);
      else if (orgs.length === 1) saveOrganisation(orgs[0]!);
      else settings.delete(KEY.organisation);
      settings.delete(KEY.lastFailure);
    } catch (err) {
      if (flow !== mine) throw new AppError('cancelled', CANCELLED_MESSAGE);
      const explained = explainTokenError(err);
      // Kept for the tab: the user may have left it while waiting (a timeout comes 5 minutes later).
      settings.set(KEY.lastFailure, { message: explained.message, at: now().toISOString() });
      throw explained;
    } finally {
      if (flow === mine) flow = null;
      await listener.close();
      announce();
    }
    return status();
  }

  async function chooseXeroOrganisation(tenantId: string): Promise<XeroConnectionStatus> {
    const org = choices().find((o) => o.tenantId === tenantId);
    if (!org) throw new AppError('not_found', 'That organisation is not among the ones you connected in Xero. Click Connect to Xero again to connect it.');
    saveOrganisation(org);
    announce();
    return status();
  }

  async function disconnectXero(): Promise<XeroConnectionStatus> {
    await cancelFlow();
    let remoteFailed = false;
    if (await secrets.get('refresh-token')) {
      const org = organisation();
      try {
        if (org?.connectionId && !settings.get(KEY.reconnectRequired)) {
          await deleteConnection(endpoints.connectionsUrl, await tokens.getAccessToken(), org.connectionId);
        }
      } catch {
        remoteFailed = true;
      }
      // Re-read: the access token call above may have rotated the refresh token.
      const refreshToken = await secrets.get('refresh-token');
      try {
        if (refreshToken) await revokeRefreshToken(await oauthConfig(), refreshToken);
      } catch {
        remoteFailed = true;
      }
    }
    tokens.clear();
    await secrets.delete('refresh-token');
    await secrets.delete('client-secret');
    for (const key of [KEY.organisation, KEY.organisations, KEY.reconnectRequired, KEY.issuer, KEY.lastFailure]) settings.delete(key);
    if (remoteFailed) {
      events.emit('app:notice', {
        level: 'warning',
        message: 'Facility Sync forgot its Xero sign-in, but could not tell Xero. To finish, remove Facility Sync in Xero under Settings > Connected apps.',
      });
    }
    announce();
    return status();
  }

  const api: XeroConnectionApi = {
    getXeroSettings,
    async saveXeroCredentials({ clientId, clientSecret, clearClientSecret }) {
      const id = clientId.trim();
      if (!id) throw new AppError('bad_request', "Enter the Client ID from your Xero app's Configuration page.");
      const problem = clientIdProblem(id, endpoints.mode);
      if (problem) throw new AppError('bad_request', problem);
      const current = settings.get<string>(KEY.clientId);
      if (current && current !== id && status().state !== 'disconnected') {
        throw new AppError('conflict', 'Disconnect from Xero before changing the Client ID: the current sign-in belongs to the old Xero app.');
      }
      if (clearClientSecret) await secrets.delete('client-secret');
      else if (clientSecret?.trim()) await secrets.set('client-secret', clientSecret.trim());
      // A failure with another Client ID says nothing about this one.
      if (current !== id) settings.delete(KEY.lastFailure);
      settings.set(KEY.clientId, id);
      return getXeroSettings();
    },
    async setXeroScopeSet(set) {
      settings.set(KEY.scopeSet, set);
      return getXeroSettings();
    },
    connectXero,
    async cancelConnectXero() {
      const waiting = flow !== null;
      await cancelFlow();
      // People cancel when Xero shows an error page: the tab keeps saying what that usually means.
      if (waiting) settings.set(KEY.lastFailure, { message: CANCELLED_HINT, at: now().toISOString() });
      announce();
      return status();
    },
    chooseXeroOrganisation,
    disconnectXero,
  };

  return {
    api,
    status,
    apiBaseUrl: endpoints.apiBaseUrl,
    async getAccessToken() {
      const { state, reason } = status();
      if (state === 'reconnect_required') throw new AppError('reconnect_required', RECONNECT_MESSAGE);
      if (state !== 'connected') throw new AppError('not_connected', reason ?? NOT_CONNECTED_MESSAGE);
      return tokens.getAccessToken();
    },
    invalidateAccessToken: () => tokens.invalidate(),
    tenantId: () => (baseStatus().state === 'connected' ? (organisation()?.tenantId ?? null) : null),
    close: cancelFlow,
  };
}
