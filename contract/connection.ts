/** The Xero connection (issue 5): OAuth, keychain, organisation. */

export type XeroConnectionState = 'disconnected' | 'connecting' | 'connected' | 'choose_organisation' | 'reconnect_required';
export type XeroScopeSet = 'granular' | 'broad';

export interface XeroOrganisation {
  tenantId: string;
  name: string;
}

export interface XeroConnectionStatus {
  state: XeroConnectionState;
  /** The chosen organisation (connected, reconnect_required). */
  organisation?: XeroOrganisation;
  /** The organisations to choose from (choose_organisation). */
  organisations?: XeroOrganisation[];
  /** Why a saved connection does not apply here (disconnected), e.g. it belongs to another Xero address. */
  reason?: string;
  /**
   * Why the last Connect to Xero did not finish (it timed out, Xero refused the Client ID, access was
   * not allowed), kept until a connect succeeds so the tab still says it after the user looked elsewhere.
   */
  lastFailure?: { message: string; at: string };
  /**
   * Connected to another organisation than the one the records were sent to: nothing is sent
   * until the user confirms the switch (switchXeroOrganisation) or reconnects to the first one.
   */
  organisationSwitch?: OrganisationSwitch;
}

export interface OrganisationSwitch {
  /** The organisation the records were sent to. */
  syncedTo: string;
  /** The organisation connected now. */
  connectedTo: string;
  /** Records that would be sent to it (everything not excluded). */
  records: number;
  /** The question, in plain words. */
  message: string;
}

/** Never carries a secret: only whether a client secret is saved in the keychain. */
export interface XeroSettings {
  clientId: string;
  hasClientSecret: boolean;
  /** The exact redirect URI to register on the Xero app. */
  redirectUri: string;
  scopeSet: XeroScopeSet;
  scopes: string;
  connection: XeroConnectionStatus;
  /** Set when the keychain could not be read: what happened and what fixes it. */
  keychainProblem?: string;
}

export interface ConnectionApi {
  getXeroSettings(): Promise<XeroSettings>;
  /** Saves the Client ID and, when given, the Client Secret (to the keychain); clearClientSecret removes it. */
  saveXeroCredentials(input: { clientId: string; clientSecret?: string; clearClientSecret?: boolean }): Promise<XeroSettings>;
  setXeroScopeSet(scopeSet: XeroScopeSet): Promise<XeroSettings>;
  /** Opens Xero's sign-in in the system browser; resolves once Xero redirected back (or rejects in plain words). */
  connectXero(): Promise<XeroConnectionStatus>;
  cancelConnectXero(): Promise<XeroConnectionStatus>;
  chooseXeroOrganisation(tenantId: string): Promise<XeroConnectionStatus>;
  /** Confirms the switch to the organisation connected now: every record counts as not synced for it and is sent to it; the first organisation's links are kept. */
  switchXeroOrganisation(): Promise<XeroConnectionStatus>;
  disconnectXero(): Promise<XeroConnectionStatus>;
}
