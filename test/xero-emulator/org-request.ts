/** One authenticated Accounting API request against one organisation, as handlers see it. */
import type { IncomingHttpHeaders } from 'node:http';
import type { DateErrors, OrgData } from './types';

export interface OrgRequest {
  org: OrgData;
  method: string;
  /** Emulator clock, ms. */
  now: number;
  /** Emulator clock's date, 'YYYY-MM-DD'. */
  today: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** summarizeErrors query flag (Xero's default is true). */
  summarize: boolean;
  /** Decimal places of UnitAmount: 4 with the unitdp=4 query flag, else 2 (Xero rounds to 2). */
  unitdp: 2 | 4;
  /** How an unreadable date is refused; see XeroEmulatorOptions.dateErrors. */
  dateErrors: DateErrors;
}
