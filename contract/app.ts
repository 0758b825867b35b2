/** The app itself: its name, version, data folder and the Xero it talks to. */

export interface XeroEndpoints {
  /** "xero" for the real Xero, "emulator" when a base URL (tests, demo) is configured. */
  mode: 'xero' | 'emulator';
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  revocationUrl: string;
  connectionsUrl: string;
  apiBaseUrl: string;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  xero: XeroEndpoints;
}

export interface AppApi {
  getAppInfo(): Promise<AppInfo>;
}
