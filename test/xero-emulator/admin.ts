/**
 * The test/demo control surface: typed in-process helpers (EmulatorAdmin) and the same operations
 * over HTTP under /__emulator/ only, never under Xero's own paths.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { parseJsonBody, sendJson } from './http-util';
import type { IdempotencyStore } from './idempotency';
import { accountBalance } from './account-balances';
import { contactBalances } from './balances';
import { enterByHand, type ByHandInput } from './by-hand';
import { connect } from './identity';
import { applyLockDates } from './lock-dates';
import { PersonEdits } from './person-edits';
import type { RateLimiter } from './rate-limits';
import { DEMO_USER } from './state';
import type { TokenResponse } from './tokens';
import type { Faults, FaultsInput, RegisteredApp, RequestLogEntry } from './types';
import { stateView } from './wire';

export interface TokenGrantResult extends TokenResponse {
  tenantId: string;
}

export class EmulatorAdmin {
  readonly log: RequestLogEntry[] = [];
  /** Changes as a person in Xero makes them: void, edit a line, delete or add a payment, edit a contact. */
  readonly asPerson: PersonEdits;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly limiter: RateLimiter,
    private readonly idempotency: IdempotencyStore,
  ) {
    this.asPerson = new PersonEdits(ctx.state, () => ctx.persist());
  }

  state() {
    const s = this.ctx.state;
    return {
      clock: new Date(s.now()).toISOString(),
      organisations: stateView(s.orgs.values()),
      apps: [...s.apps.values()].map((a) => ({ clientId: a.clientId, public: a.clientSecret === undefined, redirectUris: a.redirectUris })),
      connections: s.connections.map((c) => ({ ...c, createdDateUtc: new Date(c.createdDateUtc).toISOString(), updatedDateUtc: new Date(c.updatedDateUtc).toISOString() })),
      faults: s.faults,
      limits: this.ctx.limits,
    };
  }

  /**
   * Each contact's balance as Xero would report it (AmountDue of AUTHORISED invoices less RemainingCredit
   * of AUTHORISED credit notes), for one organisation (name or tenant id; the first when omitted).
   */
  balances(organisation?: string) {
    const org = this.ctx.state.findOrg(organisation);
    if (!org) throw new Error(`No organisation ${organisation ?? ''} in the emulator`);
    return { tenantId: org.organisation.OrganisationID, name: org.organisation.Name, contacts: contactBalances(org) };
  }

  /**
   * What an income or liability account holds (e.g. 855 Tenant Deposits Held): the approved invoice lines
   * coded to it less the approved credit note lines, net of tax, as a credit balance (account-balances.ts).
   */
  accountBalance(organisation: string | undefined, code: string) {
    const org = this.ctx.state.findOrg(organisation);
    if (!org) throw new Error(`No organisation ${organisation ?? ''} in the emulator`);
    const balance = accountBalance(org, code);
    if (!balance) throw new Error(`No account ${code} in ${org.organisation.Name}`);
    return { tenantId: org.organisation.OrganisationID, ...balance };
  }

  /**
   * Sets or removes an organisation's lock dates ({PeriodLockDate, EndOfYearLockDate}: 'YYYY-MM-DD',
   * null to remove, absent to keep), as an adviser would in Xero's Financial settings. Returns both.
   */
  setLockDates(organisation: string, dates: { PeriodLockDate?: string | null; EndOfYearLockDate?: string | null }) {
    const org = this.ctx.state.findOrg(organisation);
    if (!org) throw new Error(`No organisation ${organisation} in the emulator`);
    const problem = applyLockDates(org.organisation, dates);
    if (problem) throw new Error(problem);
    this.ctx.persist();
    const o = org.organisation;
    return { tenantId: o.OrganisationID, PeriodLockDate: o.PeriodLockDate ?? null, EndOfYearLockDate: o.EndOfYearLockDate ?? null };
  }

  /**
   * Records entered by hand in Xero before Facility Sync was connected (by-hand.ts): {Contacts,
   * Invoices, CreditNotes} with Xero's field names. Returns what the organisation now holds for them.
   */
  enterByHand(organisation: string, input: ByHandInput): Record<string, unknown[]> {
    return enterByHand(this.ctx, organisation, input);
  }

  reset(): void {
    this.ctx.state.clockOffsetMs = 0;
    this.ctx.state.reset();
    this.limiter.reset();
    this.idempotency.reset();
    this.log.length = 0;
    this.ctx.persist();
  }

  /** Which organisation the automatic consent connects from now on (name or tenant id; undefined: the first). */
  setAutoConsentOrganisation(organisation: string | undefined): void {
    this.ctx.autoConsentOrganisation = organisation;
  }

  setFaults(f: FaultsInput): Faults {
    const { expireAllTokens, ...rest } = f;
    Object.assign(this.ctx.state.faults, rest);
    if (expireAllTokens) {
      const now = this.ctx.state.now();
      for (const t of this.ctx.state.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
    }
    return { ...this.ctx.state.faults };
  }

  requests(): RequestLogEntry[] {
    return [...this.log];
  }

  /** Moves the emulator clock forward (token expiry, refresh grace, rate windows, idempotency). */
  advanceClock(ms: number): string {
    this.ctx.state.clockOffsetMs += ms;
    return new Date(this.ctx.state.now()).toISOString();
  }

  registerApp(app: RegisteredApp): void {
    this.ctx.state.apps.set(app.clientId, { ...app, redirectUris: [...app.redirectUris] });
    this.ctx.persist();
  }

  /** Tenant id of an organisation by name (the first organisation when omitted). */
  tenantId(name?: string): string {
    const org = this.ctx.state.findOrg(name);
    if (!org) throw new Error(`No organisation ${name ?? ''} in the emulator`);
    return org.organisation.OrganisationID;
  }

  /** Skips the browser: connects the app to the organisation and issues a token set as consent would. */
  async createTokenFor(opts: { clientId?: string; organisation?: string; scope?: string } = {}): Promise<TokenGrantResult> {
    const s = this.ctx.state;
    const clientId = opts.clientId ?? 'demo-web-app';
    if (!s.apps.has(clientId)) throw new Error(`App ${clientId} is not registered`);
    const tenantId = this.tenantId(opts.organisation);
    const authEventId = randomUUID();
    connect(this.ctx, clientId, tenantId, authEventId);
    const grantId = randomUUID();
    const scope = opts.scope ?? 'openid profile email offline_access accounting.contacts accounting.transactions accounting.settings';
    s.grants.set(grantId, { clientId, userId: DEMO_USER.userId, scope, authEventId });
    const tokens = await this.ctx.tokens.issue(s, grantId, this.ctx.url, this.ctx.accessTokenTtlMs);
    this.ctx.persist();
    return { ...tokens, tenantId };
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string): Promise<void> {
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
    const body = req.method === 'POST' ? parseJsonBody(bodyText) : {};
    const balancesOf = /^GET \/__emulator\/organisations\/([^/]+)\/balances$/.exec(route)?.[1];
    if (balancesOf !== undefined) {
      const tenantId = decodeURIComponent(balancesOf);
      if (!this.ctx.state.org(tenantId)) return sendJson(res, 404, { error: `No organisation with tenant id ${tenantId}` });
      return sendJson(res, 200, this.balances(tenantId));
    }
    const accountOf = /^GET \/__emulator\/organisations\/([^/]+)\/accounts\/([^/]+)\/balance$/.exec(route);
    if (accountOf) {
      const tenantId = decodeURIComponent(accountOf[1] ?? '');
      if (!this.ctx.state.org(tenantId)) return sendJson(res, 404, { error: `No organisation with tenant id ${tenantId}` });
      try {
        return sendJson(res, 200, this.accountBalance(tenantId, decodeURIComponent(accountOf[2] ?? '')));
      } catch (err) {
        return sendJson(res, 404, { error: (err as Error).message });
      }
    }
    const byHandOf = /^POST \/__emulator\/organisations\/([^/]+)\/by-hand$/.exec(route)?.[1];
    if (byHandOf !== undefined) {
      try {
        return sendJson(res, 200, this.enterByHand(decodeURIComponent(byHandOf), body as ByHandInput));
      } catch (err) {
        return sendJson(res, 400, { error: (err as Error).message });
      }
    }
    const edit = /^POST \/__emulator\/organisations\/([^/]+)\/(.+)$/.exec(route);
    if (edit) {
      const tenantId = decodeURIComponent(edit[1] ?? '');
      if (!this.ctx.state.org(tenantId)) return sendJson(res, 404, { error: `No organisation with tenant id ${tenantId}` });
      try {
        const done = this.asPerson.route(tenantId, edit[2] ?? '', body);
        if (done) return sendJson(res, 200, done);
      } catch (err) {
        return sendJson(res, 400, { error: (err as Error).message });
      }
    }
    const orgOf = /^POST \/__emulator\/organisations\/([^/]+)$/.exec(route)?.[1];
    if (orgOf !== undefined) {
      const tenantId = decodeURIComponent(orgOf);
      if (!this.ctx.state.org(tenantId)) return sendJson(res, 404, { error: `No organisation with tenant id ${tenantId}` });
      try {
        return sendJson(res, 200, this.setLockDates(tenantId, body as { PeriodLockDate?: string | null; EndOfYearLockDate?: string | null }));
      } catch (err) {
        return sendJson(res, 400, { error: (err as Error).message });
      }
    }
    switch (route) {
      case 'GET /__emulator/state': return sendJson(res, 200, this.state());
      case 'POST /__emulator/reset': this.reset(); return sendJson(res, 200, { ok: true });
      case 'GET /__emulator/faults': return sendJson(res, 200, this.ctx.state.faults);
      case 'POST /__emulator/faults': return sendJson(res, 200, this.setFaults(body as FaultsInput));
      case 'GET /__emulator/requests': return sendJson(res, 200, this.requests());
      case 'POST /__emulator/clock': return sendJson(res, 200, { now: this.advanceClock(Number(body.advanceMs ?? 0)) });
      case 'POST /__emulator/apps': {
        const app = body as unknown as RegisteredApp;
        if (typeof app.clientId !== 'string' || !Array.isArray(app.redirectUris)) {
          return sendJson(res, 400, { error: 'Send {clientId, clientSecret?, redirectUris: string[]}.' });
        }
        this.registerApp(app);
        return sendJson(res, 201, { clientId: app.clientId });
      }
      case 'POST /__emulator/tokens':
        return sendJson(res, 200, await this.createTokenFor(body as { clientId?: string; organisation?: string }));
      default:
        return sendJson(res, 404, { error: `No admin route ${route}` });
    }
  }
}
