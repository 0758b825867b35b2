import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { ChargeTypeMapping, LineAmountTypesSetting, Mapping, MappingView, ReferenceData } from '../../../../contract';
import { issuesFor } from './use-synchronize';

/** Each charge type to a Xero item and/or revenue account and a tax rate. */
export function ProductsSection({ view, draft, reference, busy, onChange, onCreateItem }: {
  view: MappingView; draft: Mapping; reference: ReferenceData | null; busy: boolean;
  onChange: (m: Mapping) => void;
  onCreateItem: (code: string, name: string, accountCode: string | null, taxType: string | null) => void;
}) {
  const items = (reference?.items ?? []).map((i) => ({ value: i.code, label: `${i.code} - ${i.name}` }));
  const accounts = (reference?.accounts ?? [])
    .filter((a) => a.status === 'ACTIVE' && a.type !== 'BANK' && a.code)
    .map((a) => ({ value: a.code!, label: `${a.code} ${a.name}` }));
  const taxes = (reference?.taxRates ?? []).filter((t) => t.status === 'ACTIVE' && t.forRevenue).map((t) => ({ value: t.taxType, label: t.name }));
  const withChosen = (data: { value: string; label: string }[], v: string | null) =>
    v && !data.some((d) => d.value === v) ? [...data, { value: v, label: `${v} (not in Xero)` }] : data;

  return (
    <section aria-labelledby="products-services">
      <Title order={3} id="products-services">Products/Services</Title>
      <Select
        mt="xs"
        maw={360}
        label="Facility amounts are"
        description="How Xero reads the line amounts: the facility's totals are usually what the tenant pays, tax included."
        data={[
          { value: 'Inclusive', label: 'Tax inclusive' },
          { value: 'Exclusive', label: 'Tax exclusive' },
          { value: 'NoTax', label: 'No tax' },
        ]}
        value={draft.lineAmountTypes}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...draft, lineAmountTypes: v as LineAmountTypesSetting })}
      />
      <Table mt="xs" verticalSpacing="sm">
        <Table.Tbody>
          {view.facility.chargeTypes.map(({ value, label }) => {
            const m: ChargeTypeMapping = draft.chargeTypes[value] ?? { itemCode: null, accountCode: null, taxType: null };
            const set = (p: Partial<ChargeTypeMapping>) => onChange({ ...draft, chargeTypes: { ...draft.chargeTypes, [value]: { ...m, ...p } } });
            const rowIssues = issuesFor(view.issues, 'products', value);
            // The message shows once under the row; the control it is about turns red. An unmapped row marks the item.
            const wrong = (field: 'item' | 'account' | 'tax') =>
              rowIssues.some((i) => i.severity === 'error' && (i.field ?? 'item') === field) || undefined;
            const missingItem = Boolean(m.itemCode && reference && !reference.items.some((i) => i.code.toLowerCase() === m.itemCode!.toLowerCase()));
            const unmapped = !m.itemCode && !m.accountCode;
            const newCode = m.itemCode ?? itemCodeFor(label);
            return (
              <Table.Tr key={value}>
                <Table.Td>
                  <Stack gap={4}>
                    <Group grow align="flex-start">
                      <Select label={label} placeholder="Xero item" data={withChosen(items, m.itemCode)} value={m.itemCode} searchable clearable
                        onChange={(v) => set({ itemCode: v })} error={wrong('item')} />
                      <Select label={`${label}: revenue account`} placeholder="Revenue account" data={withChosen(accounts, m.accountCode)}
                        value={m.accountCode} searchable clearable onChange={(v) => set({ accountCode: v })} error={wrong('account')} />
                      <Select label={`${label}: tax rate`} placeholder="Tax rate" data={withChosen(taxes, m.taxType)} value={m.taxType}
                        searchable clearable onChange={(v) => set({ taxType: v })} error={wrong('tax')} />
                    </Group>
                    {rowIssues.map((i) => (
                      <Text key={i.message} size="sm" c={i.severity === 'error' ? 'red' : 'orange'}>{i.message}</Text>
                    ))}
                    {reference && (missingItem || unmapped) && (
                      <Group>
                        <Button size="xs" variant="light" disabled={busy} onClick={() => {
                          onCreateItem(newCode, label, m.accountCode, m.taxType);
                          set({ itemCode: newCode });
                        }}>
                          Create in Xero
                        </Button>
                        <Text size="sm" c="dimmed">Creates the item {newCode} ({label}) in Xero.</Text>
                      </Group>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** A Xero item code from a charge type's name: "Security Deposit" -> "SECURITYDEPOSIT" (Xero allows 30 characters). */
function itemCodeFor(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '').slice(0, 30) || 'ITEM';
}
