import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { SyncOption } from '../../../contract';

/** The sync options for records changed in Xero after they were sent (issue 16), and what each does in plain words. */
export const XERO_CHANGE_OPTIONS: Partial<Record<SyncOption, { title: string; does: string }>> = {
  send_ours: {
    title: 'Send ours again',
    does:
      "Facility Sync puts the facility's version back in Xero at the next sync: an edited invoice or credit note gets the facility's lines again, and a payment deleted in Xero is recorded there again (once). Xero cannot bring back a voided or deleted invoice or credit note: those are left as they are and the pop-up says what to do instead.",
  },
  accept_xero: {
    title: "Accept Xero's",
    does:
      "Xero's version stays and the record is marked reviewed (synced, with a note of what differs). Correct the facility system to match Xero if it is not already. The same difference is not raised again; a new one is.",
  },
  ignore: {
    title: 'Ignore',
    does:
      'Nothing changes in Xero or in the facility system: the record is marked reviewed with a note, and the same difference is not raised again. A new change in Xero is.',
  },
};

interface Props {
  option: SyncOption | null;
  count: number;
  /** "invoices", "payment", ...: what is selected. */
  noun: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before Send ours again / Accept Xero's / Ignore, saying what the choice does. */
export function XeroChangeConfirm({ option, count, noun, onConfirm, onCancel }: Props) {
  const info = option ? XERO_CHANGE_OPTIONS[option] : undefined;
  return (
    <Modal opened={Boolean(info)} onClose={onCancel} title={info ? `${info.title}?` : ''} centered size="lg">
      <Stack>
        <Text size="sm">
          For the {count.toLocaleString('en-US')} selected {noun} changed in Xero: {info?.does}
        </Text>
        <Text size="sm" c="dimmed">
          Selected records that were not changed in Xero are left as they are.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button onClick={onConfirm}>{info?.title}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
