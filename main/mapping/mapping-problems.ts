/**
 * The mapping's errors, by what they stop: a charge type, a tracking value, a payment method, a write-off.
 * The sync planner asks before it builds a record, so nothing that depends on a mapping problem
 * is sent (Xero would refuse it, or worse, accept it with the wrong account or tax): the record
 * waits with the problem and the field to fix, and saving a fixed mapping queues it again.
 */
import type { Mapping, MappingIssue, TrackingSource } from '../../contract';
import type { Db } from '../db/open-database';
import { readReferenceData } from '../xero/reference-store';
import { FIX_PATHS, isWriteOffChosen, SYNCHRONIZE_PATH, WRITE_OFF_KEY, type MAPPING_ERROR_CODES } from './mapping';
import { checkMapping } from './mapping-check';

export interface MappingProblem {
  code: (typeof MAPPING_ERROR_CODES)[number];
  explanation: string;
  fix: string;
}

export interface MappingProblems {
  chargeType(externalId: string): MappingProblem | undefined;
  tracking(source: TrackingSource, value: string | null): MappingProblem | undefined;
  paymentMethod(method: string): MappingProblem | undefined;
  /** What stops a write-off credit note: the Write-offs row not chosen (mapping_write_off), or chosen wrong. */
  writeOff(): MappingProblem | undefined;
}

/**
 * `tenantId`: the organisation the records go to. When Xero's lists in the mirror are another
 * organisation's (just switched, not refreshed yet), the mapping cannot be checked: every record
 * that uses it waits until the lists of the organisation it goes to are loaded.
 */
export function findMappingProblems(db: Db, mapping: Mapping, tenantId?: string): MappingProblems {
  const reference = readReferenceData(db);
  const mirrorOrg = reference.organisation;
  if (tenantId && mirrorOrg && mirrorOrg.tenantId !== tenantId) {
    const stale: MappingProblem = {
      code: 'mapping_problem',
      explanation: `Xero's accounts, tax rates and categories loaded here are ${mirrorOrg.name}'s, not those of the organisation connected now, so the mapping cannot be checked yet.`,
      fix: `${SYNCHRONIZE_PATH}: click Refresh from Xero, check the mapping and Save`,
    };
    return { chargeType: () => stale, tracking: () => stale, paymentMethod: () => stale, writeOff: () => stale };
  }
  const errors = checkMapping(db, mapping, reference).filter((i) => i.severity === 'error');
  const find = (section: MappingIssue['section'], keys: string[]) => errors.find((i) => i.section === section && keys.includes(i.key));
  const problem = (issue: MappingIssue | undefined, fixPath: string, label = fieldLabel): MappingProblem | undefined =>
    issue && { code: 'mapping_problem', explanation: issue.message, fix: `${fixPath}: ${label(issue)}` };
  // A refundable deposit's line goes to a liability account, not a revenue one (issue 14).
  const kindOf = db.prepare('SELECT kind FROM charge_types WHERE external_id = ?').pluck();
  const chargeLabel = (externalId: string) => (issue: MappingIssue) =>
    (issue.field === 'account' && kindOf.get(externalId) === 'deposit' ? 'choose the liability account' : fieldLabel(issue));
  return {
    // An unmapped charge type is the payload builder's to explain (mapping_charge_type).
    chargeType: (externalId) => {
      const m = mapping.chargeTypes[externalId];
      return m && (m.itemCode || m.accountCode) ? problem(find('products', [externalId]), FIX_PATHS.products, chargeLabel(externalId)) : undefined;
    },
    tracking: (source, value) => problem(find('categories', ['', source, ...(value === null ? [] : [`${source}:${value}`])]), FIX_PATHS.categories),
    paymentMethod: (method) => problem(find('payments', [method]), FIX_PATHS.payments),
    writeOff: () => {
      if (!isWriteOffChosen(mapping.writeOff)) {
        return {
          code: 'mapping_write_off',
          explanation: 'Write-offs are not mapped to a Xero account, so write-off credit notes cannot be sent.',
          fix: `${FIX_PATHS.products}: choose an account for Write-offs`,
        };
      }
      return problem(find('products', [WRITE_OFF_KEY]), FIX_PATHS.products, writeOffFieldLabel);
    },
  };
}

function writeOffFieldLabel(issue: MappingIssue): string {
  return issue.field === 'tax' ? 'choose the tax rate for Write-offs' : 'choose an expense account for Write-offs';
}

function fieldLabel(issue: MappingIssue): string {
  if (issue.field === 'item') return 'fix the Xero item';
  if (issue.field === 'account') return 'choose the revenue account';
  if (issue.field === 'tax') return 'choose the tax rate';
  return 'fix the row marked in red, then Save';
}
