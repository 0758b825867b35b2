/**
 * A prepayment's natural key in Xero: the Reference "FS-PRE:<facility payment id>" of its overpayment
 * (prepayment.ts sends it; prepayment-changes.ts tells ours from those a person recorded).
 */
export const PREPAYMENT_REFERENCE_PREFIX = 'FS-PRE:';

export function prepaymentReference(externalId: string): string {
  return `${PREPAYMENT_REFERENCE_PREFIX}${externalId}`;
}
