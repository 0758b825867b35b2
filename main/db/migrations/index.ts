import init from './001-init';
import syncEngine from './002-sync-engine';
import mapping from './003-mapping';
import reportCounts from './004-report-counts';
import organisationLinks from './005-organisation-links';
import creditNotes from './006-credit-notes';
import reviewStatuses from './007-review-statuses';
import xeroMatches from './008-xero-matches';
import prepayments from './009-prepayments';
import xeroBalances from './010-xero-balances';
import importRefresh from './011-import-refresh';
import countsByStatement from './012-counts-by-statement';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; numbered 1, 2, 3... without gaps. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001-init', sql: init },
  { version: 2, name: '002-sync-engine', sql: syncEngine },
  { version: 3, name: '003-mapping', sql: mapping },
  { version: 4, name: '004-report-counts', sql: reportCounts },
  { version: 5, name: '005-organisation-links', sql: organisationLinks },
  { version: 6, name: '006-credit-notes', sql: creditNotes },
  { version: 7, name: '007-review-statuses', sql: reviewStatuses },
  { version: 8, name: '008-xero-matches', sql: xeroMatches },
  { version: 9, name: '009-prepayments', sql: prepayments },
  { version: 10, name: '010-xero-balances', sql: xeroBalances },
  { version: 11, name: '011-import-refresh', sql: importRefresh },
  { version: 12, name: '012-counts-by-statement', sql: countsByStatement },
];
