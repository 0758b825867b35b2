/** What every route module receives: the state, the token issuer, the base URL and the options. */
import type { EmulatorState } from './state';
import type { TokenIssuer } from './tokens';
import type { DateErrors, Limits } from './types';

export interface EmulatorContext {
  state: EmulatorState;
  tokens: TokenIssuer;
  /** Base URL, also the OIDC issuer. */
  url: string;
  accessTokenTtlMs: number;
  autoConsent: boolean;
  /** Organisation (name or tenant id) auto-consent connects; the first one when absent. */
  autoConsentOrganisation?: string;
  minuteMs: number;
  limits: Limits;
  idempotencyWindowMs: number;
  refreshGraceMs: number;
  dateErrors: DateErrors;
  /** Called after every change so --state-file stays current. */
  persist(): void;
}
