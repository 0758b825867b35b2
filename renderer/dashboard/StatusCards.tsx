import { Anchor, Badge, Button, Card, Group, Stack, Text, Tooltip, type TextProps } from '@mantine/core';
import type { Dashboard, DisplayFormat, SyncEngineStatus } from '../../contract';
import { SyncStateBadge } from '../components/SyncStateBadge';
import { SCREENS, formatTimestamp } from '../../contract';
import { navigate } from '../routes';

const CONNECTION_TEXT: Record<string, { label: string; color: string }> = {
  connected: { label: 'Connected', color: 'teal' },
  disconnected: { label: 'Not connected', color: 'gray' },
  connecting: { label: 'Connecting', color: 'blue' },
  choose_organisation: { label: 'Choose an organisation', color: 'yellow' },
  reconnect_required: { label: 'Reconnect to Xero', color: 'red' },
};

/**
 * Text that keeps its box whatever it says: at most `lines` lines, the rest cut with an ellipsis
 * and the whole text in a tooltip, so a longer state never moves or resizes the cards.
 */
export function FittedText({ text, lines = 1, role, ...props }: { text: string; lines?: number; role?: string } & Omit<TextProps, 'style' | 'lineClamp'>) {
  return (
    <Tooltip label={text} multiline maw={360} openDelay={300} withinPortal>
      <Text {...props} role={role} lineClamp={lines}
        style={{ minWidth: 0, overflowWrap: 'anywhere', minHeight: `calc(${lines} * var(--mantine-line-height-md) * 1em)` }}>
        {text}
      </Text>
    </Tooltip>
  );
}

/** The Xero connection: its state and organisation, and the way to the Authenticate tab when not connected. */
export function XeroCard({ connection, sync }: { connection: Dashboard['connection']; sync: SyncEngineStatus }) {
  const conn = CONNECTION_TEXT[connection.state] ?? { label: connection.state, color: 'gray' };
  return (
    <Card withBorder h="100%" role="region" aria-label="Xero connection">
      <Stack gap={6}>
        <Text size="sm" c="dimmed">Xero</Text>
        <Group gap="xs" wrap="nowrap">
          {/* Connected: the sync state itself (the same badge as the header), so the two never disagree. */}
          {connection.state === 'connected'
            ? <span style={{ flexShrink: 0 }}><SyncStateBadge status={sync} label="Xero" /></span>
            : <Badge color={conn.color} style={{ flexShrink: 0 }}>{conn.label}</Badge>}
          {connection.organisation && <FittedText text={connection.organisation.name} fw={600} />}
        </Group>
        {connection.state !== 'connected' && (
          <Anchor component="button" size="sm" ta="left" onClick={() => navigate(...SCREENS.authenticate.route)}>
            Open the Authenticate tab
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}

/** The sync state in words (two lines kept for it), the last sync and Sync now. */
export function SyncCard({ sync, answer, format, connected, syncing, onSyncNow, onPreview }: {
  sync: SyncEngineStatus; answer: string | null; format: DisplayFormat; connected: boolean; syncing: boolean; onSyncNow: () => void; onPreview: () => void;
}) {
  return (
    <Card withBorder h="100%" role="region" aria-label="Sync">
      <Stack gap={6} align="flex-start">
        <Text size="sm" c="dimmed">Sync</Text>
        <FittedText text={sync.message} lines={2} fw={600} role="status" />
        <Text size="sm" c="dimmed">
          Last sync: {sync.lastSyncAt ? formatTimestamp(sync.lastSyncAt, format) : 'never'}
        </Text>
        <Group gap="xs">
          <Button size="xs" onClick={onSyncNow} loading={syncing} disabled={!connected}>
            Sync now
          </Button>
          {/* Not disabled: when it cannot be made, the preview says why and what to do. */}
          <Button size="xs" variant="light" onClick={onPreview}>
            Preview next sync
          </Button>
        </Group>
        {answer && <FittedText text={answer} lines={2} size="sm" aria-live="polite" data-testid="sync-now-answer" />}
      </Stack>
    </Card>
  );
}
