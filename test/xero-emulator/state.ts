/**
 * All emulator state in one object: organisations' books, registered apps, grants and tokens,
 * connections, faults and the emulator clock. Persisted to --state-file as JSON for the demo.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DEFAULT_APPS, DEFAULT_ORGANISATIONS, seedOrganisation, stableId } from './seed';
import type { Connection, Faults, Limits, OrgData, OrgSeed, RegisteredApp } from './types';

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  scope: string;
  nonce?: string;
  userId: string;
  authEventId: string;
  expiresAt: number;
}

export interface Grant {
  clientId: string;
  userId: string;
  scope: string;
  authEventId: string;
  nonce?: string;
}

export interface RefreshRecord {
  grantId: string;
  issuedAt: number;
  /** When a refresh used this token; it stays usable for the grace period after that. */
  supersededAt?: number;
}

export interface AccessRecord {
  grantId: string;
  clientId: string;
  userId: string;
  authEventId: string;
  expiresAt: number;
}

export const DEMO_USER = {
  userId: stableId('user/demo'),
  email: 'demo.user@example.com',
  givenName: 'Demo',
  familyName: 'User',
};

export const DEFAULT_LIMITS: Limits = { concurrent: 5, perMinute: 60, perDay: 5000, appPerMinute: 10_000 };

const NO_FAULTS: Faults = {
  errorRate: 0,
  failNext: 0,
  timeoutRate: 0,
  timeoutMs: 10_000,
  latencyMs: 0,
  offline: false,
  orgOffline: false,
};

export class EmulatorState {
  orgs = new Map<string, OrgData>();
  apps = new Map<string, RegisteredApp>();
  codes = new Map<string, AuthCode>();
  grants = new Map<string, Grant>();
  refreshTokens = new Map<string, RefreshRecord>();
  accessTokens = new Map<string, AccessRecord>();
  connections: Connection[] = [];
  faults: Faults = { ...NO_FAULTS };
  clockOffsetMs = 0;

  constructor(
    private readonly seeds: { organisations?: OrgSeed[]; apps?: RegisteredApp[] },
    private readonly stateFile?: string,
  ) {
    this.reset();
    if (stateFile) this.load(stateFile);
  }

  /** Emulator time: wall clock plus whatever POST /__emulator/clock added. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  reset(): void {
    const at = this.now();
    this.orgs.clear();
    for (const seed of this.seeds.organisations ?? DEFAULT_ORGANISATIONS) {
      const org = seedOrganisation(seed, at);
      this.orgs.set(org.organisation.OrganisationID, org);
    }
    this.apps.clear();
    for (const app of this.seeds.apps ?? DEFAULT_APPS) this.apps.set(app.clientId, { ...app });
    this.codes.clear();
    this.grants.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.connections = [];
    this.faults = { ...NO_FAULTS };
  }

  org(tenantId: string): OrgData | undefined {
    return this.orgs.get(tenantId);
  }

  /** Organisation by tenant id or by name; the first organisation when omitted. */
  findOrg(idOrName?: string): OrgData | undefined {
    const all = [...this.orgs.values()];
    if (!idOrName) return all[0];
    return this.orgs.get(idOrName) ?? all.find((o) => o.organisation.Name === idOrName);
  }

  save(): void {
    if (!this.stateFile) return;
    const data = {
      version: 1,
      clockOffsetMs: this.clockOffsetMs,
      orgs: [...this.orgs.values()].map((o) => ({
        ...o,
        items: [...o.items.values()],
        contacts: [...o.contacts.values()],
        invoices: [...o.invoices.values()],
        payments: [...o.payments.values()],
        creditNotes: [...o.creditNotes.values()],
        allocations: [...o.allocations.values()],
        overpayments: [...o.overpayments.values()],
      })),
      apps: [...this.apps.values()],
      grants: [...this.grants],
      refreshTokens: [...this.refreshTokens],
      accessTokens: [...this.accessTokens],
      connections: this.connections,
    };
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.stateFile);
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // first run: start from the seed and create the file on the first change
    }
    const data = JSON.parse(text);
    this.clockOffsetMs = data.clockOffsetMs ?? 0;
    this.orgs.clear();
    for (const o of data.orgs) {
      const byId = <T>(list: T[], key: keyof T) => new Map(list.map((x) => [String(x[key]), x]));
      this.orgs.set(o.organisation.OrganisationID, {
        ...o,
        items: byId(o.items, 'ItemID'),
        contacts: byId(o.contacts, 'ContactID'),
        invoices: byId(o.invoices, 'InvoiceID'),
        payments: byId(o.payments, 'PaymentID'),
        // Absent in state files written before credit notes existed.
        creditNotes: byId(o.creditNotes ?? [], 'CreditNoteID'),
        allocations: byId(o.allocations ?? [], 'AllocationID'),
        nextCreditNoteNumber: o.nextCreditNoteNumber ?? 1,
        // Absent in state files written before overpayments existed.
        overpayments: byId(o.overpayments ?? [], 'OverpaymentID'),
      });
    }
    this.apps = new Map((data.apps as RegisteredApp[]).map((a) => [a.clientId, a]));
    this.grants = new Map(data.grants);
    this.refreshTokens = new Map(data.refreshTokens);
    this.accessTokens = new Map(data.accessTokens);
    this.connections = data.connections;
  }
}
