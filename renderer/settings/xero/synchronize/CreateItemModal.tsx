import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ReferenceData } from '../../../../contract';
import { lineAccounts, salesTaxRates } from './account-choices';

export interface NewItem {
  code: string;
  name: string;
  accountCode: string;
  taxType: string;
}

/**
 * "Create in Xero" for a charge type: a complete item (code, name, sales account, tax rate), with
 * the row's choices or sensible defaults filled in, so Xero never holds an item it cannot invoice.
 */
export function CreateItemModal({ opened, chargeLabel, deposit, initial, reference, onClose, onCreate }: {
  opened: boolean; chargeLabel: string; deposit: boolean; initial: Partial<NewItem>; reference: ReferenceData | null;
  onClose: () => void; onCreate: (item: NewItem) => void;
}) {
  const [item, setItem] = useState<Partial<NewItem>>(initial);
  const set = (p: Partial<NewItem>) => setItem((i) => ({ ...i, ...p }));
  const complete = Boolean(item.code?.trim() && item.name?.trim() && item.accountCode && item.taxType);
  return (
    <Modal opened={opened} onClose={onClose} title={`Create an item in Xero for ${chargeLabel}`}>
      <Stack gap="sm">
        <TextInput label="Item code" description="Up to 30 characters" maxLength={30} value={item.code ?? ''} onChange={(e) => set({ code: e.currentTarget.value })} />
        <TextInput label="Item name" description="Up to 50 characters" maxLength={50} value={item.name ?? ''} onChange={(e) => set({ name: e.currentTarget.value })} />
        <Select label={deposit ? 'Liability account (deposits held)' : 'Sales account'} data={lineAccounts(reference, deposit)} value={item.accountCode ?? null}
          searchable onChange={(v) => set({ accountCode: v ?? undefined })} />
        <Select label="Tax rate" data={salesTaxRates(reference, deposit)} value={item.taxType ?? null} searchable onChange={(v) => set({ taxType: v ?? undefined })} />
        {!complete && <Text size="sm" c="dimmed">Fill in all four: Xero needs a sales account and a tax rate to invoice the item.</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button disabled={!complete} onClick={() => complete && onCreate(item as NewItem)}>Create item</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
