import type { ReconciliationStatus } from '../../../contract';

/** Integer cents in the organisation's currency: "A$1,234.50" (en-AU for AUD, the symbol otherwise). */
export function money(cents: number | null, currency: string): string {
  if (cents === null) return '–';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', currencyDisplay: 'narrowSymbol' }).format(cents / 100);
  } catch {
    return (cents / 100).toFixed(2);
  }
}

export const STATUS_LOOK: Record<ReconciliationStatus, { color: string; title: string }> = {
  green: { color: 'teal', title: 'The books agree' },
  amber: { color: 'yellow', title: 'Records on their way to Xero' },
  red: { color: 'red', title: 'The books differ' },
  unknown: { color: 'gray', title: 'Xero could not be read' },
};
