/**
 * What "Exclude from sync" does to a record that is already in Xero, in the same words in the
 * report's confirmation, the outcome pop-up and the CLI (issue 17): it stays in Xero, Facility Sync
 * only stops keeping it in step, and removing it from Xero is done in Xero.
 */

/**
 * What excluding records that are in Xero means ("2 of them are already in Xero. They stay in
 * Xero..."); empty when none is. People expect "exclude" to remove the record from Xero: it never does.
 */
export function excludeInXeroNote(inXero: number, total: number): string {
  if (inXero <= 0) return '';
  const one = inXero === 1;
  const which = inXero === total
    ? (one ? 'It is already in Xero.' : `All ${inXero.toLocaleString('en-US')} are already in Xero.`)
    : `${inXero.toLocaleString('en-US')} of them ${one ? 'is' : 'are'} already in Xero.`;
  const [they, them] = one ? ['It stays', 'it'] : ['They stay', 'them'];
  return `${which} ${they} in Xero as ${one ? 'it is' : 'they are'}: Facility Sync only stops keeping ${them} in step, so later changes in the facility system are not sent. `
    + `To remove ${one ? 'it' : 'one'} from Xero, void or delete it in Xero itself (void an invoice or credit note, remove a payment, archive a contact).`;
}

/** For a selection whose records are not all known (all matching a filter): the same, without a count. */
export const EXCLUDE_IN_XERO_ANY =
  'Records already in Xero stay in Xero as they are: Facility Sync only stops keeping them in step, so later changes in the facility system are not sent. '
  + 'To remove one from Xero, void or delete it in Xero itself (void an invoice or credit note, remove a payment, archive a contact).';
