import { Button, Group, Menu, Select, Text } from '@mantine/core';
import type { SyncOption } from '../../../contract';

export const SYNC_OPTIONS: Array<{ value: SyncOption; label: string }> = [
  { value: 'resync', label: 'ReSync' },
  { value: 'exclude', label: 'Exclude from sync' },
  { value: 'include', label: 'Include in sync' },
  { value: 'use_ours', label: 'Use ours' },
  { value: 'keep_xero', label: "Keep Xero's" },
  // For records changed in Xero after they were sent (status Changed in Xero).
  { value: 'send_ours', label: 'Send ours again' },
  { value: 'accept_xero', label: "Accept Xero's" },
  { value: 'ignore', label: 'Ignore' },
];

interface Props {
  option: SyncOption;
  onOption: (o: SyncOption) => void;
  selectedCount: number;
  matchingCount: number;
  allMatching: boolean;
  onSelectPage: () => void;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onApply: () => void;
  onExport: () => void;
  applying: boolean;
  exporting: boolean;
}

export function SyncActionBar(p: Props) {
  const count = p.allMatching ? p.matchingCount : p.selectedCount;
  return (
    <Group justify="space-between" wrap="wrap">
      <Group gap="xs">
        <Menu position="bottom-start">
          <Menu.Target>
            <Button variant="default" size="xs">
              Select all
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={p.onSelectPage}>Select all on this page</Menu.Item>
            <Menu.Item onClick={p.onSelectAllMatching}>Select all matching ({p.matchingCount.toLocaleString('en-US')})</Menu.Item>
            <Menu.Item onClick={p.onClear}>Clear selection</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Text size="sm" c="dimmed" aria-live="polite">
          {count.toLocaleString('en-US')} selected{p.allMatching ? ' (all matching)' : ''}
        </Text>
      </Group>
      <Group gap="xs" align="flex-end">
        <Select label="Sync option" size="xs" w={170} comboboxProps={{ withinPortal: true }} maxDropdownHeight={320} data={SYNC_OPTIONS} value={p.option} onChange={(v) => v && p.onOption(v as SyncOption)} allowDeselect={false} />
        <Button size="xs" onClick={p.onApply} disabled={count === 0} loading={p.applying}>
          Apply
        </Button>
        <Button size="xs" variant="default" onClick={p.onExport} loading={p.exporting}>
          Export CSV
        </Button>
      </Group>
    </Group>
  );
}
