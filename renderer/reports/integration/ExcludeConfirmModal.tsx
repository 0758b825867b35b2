import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { EXCLUDE_IN_XERO_ANY, excludeInXeroNote, formatCount, type DisplayFormat } from '../../../contract';

interface Props {
  /** The question is open while this is set. */
  pending: { total: number; inXero: number | null; noun: string } | null;
  onCancel: () => void;
  onConfirm: () => void;
  format: DisplayFormat;
}

/**
 * Asked before "Exclude from sync" when records already in Xero may be among the chosen ones
 * (issue 17): people expect excluding to remove them from Xero, and it never does. The words are
 * the ones the outcome and the CLI use (contract/exclude-words.ts). `inXero` null: all matching a
 * filter, not all loaded, so the count is not known here.
 */
export function ExcludeConfirmModal({ pending, onCancel, onConfirm, format }: Props) {
  return (
    <Modal opened={pending !== null} onClose={onCancel} title="Exclude from sync?" centered>
      {pending && (
        <Stack>
          <Text size="sm" fw={600}>
            {formatCount(pending.total, format)} {pending.noun} will no longer be sent to Xero.
          </Text>
          <Text size="sm">{pending.inXero === null ? EXCLUDE_IN_XERO_ANY : excludeInXeroNote(pending.inXero, pending.total)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button color="red" onClick={onConfirm}>
              Exclude from sync
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
