import { Group, Input, Select, Stack, Table, Text } from '@mantine/core';
import { WRITE_OFF_KEY, type Mapping, type MappingView, type ReferenceData, type WriteOffMapping } from '../../../../contract';
import { expenseAccounts, salesTaxRates, withChosen } from './account-choices';
import { issuesFor, problemMark } from './use-synchronize';

/**
 * The last row of Products/Services: where a write-off credit note's lines go (an expense account
 * such as Bad Debts) and their tax rate (one a sales credit note can carry). Blank = not chosen:
 * write-off credit notes wait until it is.
 */
export function WriteOffRow({ view, draft, reference, onChange }: {
  view: MappingView; draft: Mapping; reference: ReferenceData | null; onChange: (m: Mapping) => void;
}) {
  const w: WriteOffMapping = draft.writeOff ?? { accountCode: null, taxType: null };
  const set = (p: Partial<WriteOffMapping>) => onChange({ ...draft, writeOff: { ...w, ...p } });
  const rowIssues = issuesFor(view.issues, 'products', WRITE_OFF_KEY);
  const suggestion = view.suggestions?.find((s) => s.section === 'products' && s.key === WRITE_OFF_KEY);
  const wrong = (field: 'account' | 'tax') => rowIssues.some((i) => i.severity === 'error' && i.field === field) || undefined;
  const notInXero = (v: string) => `${v} (not in Xero, or does not fit)`;
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={4}>
          {/* Three columns like the charge type rows: the name where their item is, then account and tax. */}
          <Group grow align="flex-start">
            <Stack gap={2}>
              <Input.Label component="div">Write-offs</Input.Label>
              <Text size="sm" c="dimmed">A write-off credit note (debt written off after a lien sale) goes to this expense account.</Text>
            </Stack>
            <Select label="Write-offs: expense account" placeholder="Expense account, e.g. Bad Debts"
              data={withChosen(expenseAccounts(reference), w.accountCode, notInXero)} value={w.accountCode} searchable clearable
              onChange={(v) => set({ accountCode: v })} error={wrong('account')} {...problemMark(wrong('account'))} />
            <Select label="Write-offs: tax rate" placeholder="Tax rate" data={withChosen(salesTaxRates(reference, false), w.taxType, notInXero)} value={w.taxType}
              searchable clearable onChange={(v) => set({ taxType: v })} error={wrong('tax')} {...problemMark(wrong('tax'))} />
          </Group>
          {rowIssues.map((i) => (
            <Text key={i.message} size="sm" c={i.severity === 'error' ? 'red' : 'orange'}>{i.message}</Text>
          ))}
          {suggestion && <Text size="sm" c="dimmed">{suggestion.made ? 'Suggested: ' : 'Not suggested: '}{suggestion.reason}</Text>}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
