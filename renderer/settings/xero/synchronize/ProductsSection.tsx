import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ChargeTypeMapping, LineAmountTypesSetting, Mapping, MappingView, ReferenceData } from '../../../../contract';
import { lineAccounts, salesTaxRates, withChosen } from './account-choices';
import { CreateItemModal, type NewItem } from './CreateItemModal';
import { MESSAGE_AT, MessageAt } from './MessageAt';
import { issuesFor, problemMark } from './use-synchronize';
import { WriteOffRow } from './WriteOffRow';

/** Each charge type to a Xero item and/or account and a tax rate: only choices that fit the charge; then Write-offs. */
export function ProductsSection({ view, draft, reference, busy, onChange, onCreateItem }: {
  view: MappingView; draft: Mapping; reference: ReferenceData | null; busy: boolean;
  onChange: (m: Mapping) => void;
  onCreateItem: (chargeType: string, code: string, name: string, accountCode: string, taxType: string) => void;
}) {
  const [creating, setCreating] = useState<{ value: string; label: string; deposit: boolean; initial: Partial<NewItem> } | null>(null);
  const items = (reference?.items ?? []).map((i) => ({ value: i.code, label: `${i.code} - ${i.name}` }));
  const standardTax = (reference?.taxRates ?? []).filter((t) => t.status === 'ACTIVE' && t.forRevenue && t.rate > 0).sort((a, b) => b.rate - a.rate)[0];
  const noTax = (reference?.taxRates ?? []).find((t) => t.status === 'ACTIVE' && t.forRevenue && t.rate === 0);
  const notInXero = (v: string) => `${v} (not in Xero, or does not fit)`;

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
          {view.facility.chargeTypes.map(({ value, label, kind }) => {
            const deposit = kind === 'deposit';
            const m: ChargeTypeMapping = draft.chargeTypes[value] ?? { itemCode: null, accountCode: null, taxType: null };
            const set = (p: Partial<ChargeTypeMapping>) => onChange({ ...draft, chargeTypes: { ...draft.chargeTypes, [value]: { ...m, ...p } } });
            const rowIssues = issuesFor(view.issues, 'products', value);
            const suggestion = view.suggestions?.find((s) => s.section === 'products' && s.key === value);
            // The message shows once under the row; the control it is about turns red. An unmapped row marks the item.
            const wrong = (field: 'item' | 'account' | 'tax') =>
              rowIssues.some((i) => i.severity === 'error' && (i.field ?? 'item') === field) || undefined;
            const missingItem = Boolean(m.itemCode && reference && !reference.items.some((i) => i.code.toLowerCase() === m.itemCode!.toLowerCase()));
            const unmapped = !m.itemCode && !m.accountCode;
            const accountLabel = deposit ? 'liability account (deposits held)' : 'revenue account';
            return (
              <Table.Tr key={value}>
                <Table.Td>
                  <Stack gap={4}>
                    <Group grow align="flex-start">
                      <Select label={label} placeholder="Xero item" data={withChosen([{ group: 'Items', items }], m.itemCode, notInXero)} value={m.itemCode} searchable clearable
                        onChange={(v) => set({ itemCode: v })} error={wrong('item')} {...problemMark(wrong('item'))} />
                      <Select label={`${label}: ${accountLabel}`} placeholder={deposit ? 'Liability account' : 'Revenue account'}
                        data={withChosen(lineAccounts(reference, deposit), m.accountCode, notInXero)}
                        value={m.accountCode} searchable clearable onChange={(v) => set({ accountCode: v })} error={wrong('account')} {...problemMark(wrong('account'))} />
                      <Select label={`${label}: tax rate`} placeholder="Tax rate" data={withChosen(salesTaxRates(reference, deposit), m.taxType, notInXero)} value={m.taxType}
                        searchable clearable onChange={(v) => set({ taxType: v })} error={wrong('tax')} {...problemMark(wrong('tax'))} />
                    </Group>
                    {rowIssues.map((i) => (
                      <Text key={i.message} size="sm" c={i.severity === 'error' ? 'red' : 'orange'}>{i.message}</Text>
                    ))}
                    {suggestion && <Text size="sm" c="dimmed">{suggestion.made ? 'Suggested: ' : 'Not suggested: '}{suggestion.reason}</Text>}
                    {reference && (missingItem || unmapped) && (
                      <Group>
                        <Button size="xs" variant="light" disabled={busy} onClick={() => setCreating({
                          value, label, deposit,
                          initial: {
                            code: m.itemCode ?? itemCodeFor(label), name: label.slice(0, 50),
                            accountCode: m.accountCode ?? undefined,
                            taxType: m.taxType ?? (deposit ? noTax?.taxType : standardTax?.taxType),
                          },
                        })}>
                          Create in Xero
                        </Button>
                        <Text size="sm" c="dimmed">Creates an item for {label} in Xero, with its sales account and tax rate.</Text>
                      </Group>
                    )}
                    <MessageAt at={MESSAGE_AT.item(value)} />
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
          <WriteOffRow view={view} draft={draft} reference={reference} onChange={onChange} />
        </Table.Tbody>
      </Table>
      {creating && (
        <CreateItemModal opened chargeLabel={creating.label} deposit={creating.deposit} initial={creating.initial} reference={reference}
          onClose={() => setCreating(null)}
          onCreate={(item) => {
            onCreateItem(creating.value, item.code, item.name, item.accountCode, item.taxType);
            onChange({ ...draft, chargeTypes: { ...draft.chargeTypes, [creating.value]: { itemCode: item.code, accountCode: null, taxType: null } } });
            setCreating(null);
          }} />
      )}
    </section>
  );
}

/** A Xero item code from a charge type's name: "Security Deposit" -> "SECURITYDEPOSIT" (Xero allows 30 characters). */
function itemCodeFor(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '').slice(0, 30) || 'ITEM';
}
