import { RECORD_KINDS, SCREENS, formatCount, formatTimestamp } from '../../contract';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Dashboard } from '../../contract';
import { call, subscribe } from '../api-client';
import { navigate } from '../routes';
import { ImportCard } from './ImportCard';
import { SyncPreviewModal } from './SyncPreviewModal';

const CONNECTION_TEXT: Record<string, { label: string; color: string }> = {
  connected: { label: 'Connected', color: 'teal' },
  disconnected: { label: 'Not connected', color: 'gray' },
  connecting: { label: 'Connecting', color: 'blue' },
  choose_organisation: { label: 'Choose an organisation', color: 'yellow' },
  reconnect_required: { label: 'Reconnect to Xero', color: 'red' },
};

const KINDS = RECORD_KINDS.map((k) => [k.plural, k.label] as const);

/** Connection state, last sync, counts per kind and the newest failures with their fixes. */
export function DashboardPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [previewing, setPreviewing] = useState(false);

  const load = useCallback(() => {
    call('getDashboard').then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  const syncNow = () => {
    setSyncing(true);
    call('syncNow')
      .then(load, (e: Error) => setError(e.message))
      .finally(() => setSyncing(false));
  };

  useEffect(() => {
    call('getAppInfo').then(setInfo, (e: Error) => setError(e.message));
    load();
    // A sync sends an event per batch: reload at most twice a second, always after the latest one.
    let queued: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      queued ??= setTimeout(() => {
        queued = null;
        load();
      }, 500);
    };
    const offs = [subscribe('xero:connection', soon), subscribe('sync:status', soon), subscribe('sync:progress', soon), subscribe('import:progress', soon)];
    const timer = setInterval(load, 15_000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(timer);
      if (queued) clearTimeout(queued);
    };
  }, [load]);

  const conn = data ? (CONNECTION_TEXT[data.connection.state] ?? { label: data.connection.state, color: 'gray' }) : null;
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      {error && (
        <Alert color="red" title="Could not load the dashboard">
          {error}
        </Alert>
      )}
      {data && conn && (
        <>
          <Group>
            <Card withBorder miw={280}>
              <Text size="sm" c="dimmed">
                Xero
              </Text>
              <Group gap="xs">
                <Badge color={conn.color}>{conn.label}</Badge>
                {data.connection.organisation && <Text fw={600}>{data.connection.organisation.name}</Text>}
              </Group>
              {data.connection.state !== 'connected' && (
                <Anchor component="button" size="sm" onClick={() => navigate(...SCREENS.authenticate.route)}>
                  Open the Authenticate tab
                </Anchor>
              )}
            </Card>
            <Card withBorder miw={280}>
              <Text size="sm" c="dimmed">
                Sync
              </Text>
              <Text fw={600} role="status">
                {data.sync.message}
              </Text>
              <Text size="sm" c="dimmed">
                Last sync: {data.sync.lastSyncAt ? formatTimestamp(data.sync.lastSyncAt, data.format) : 'never'}
              </Text>
              <Group gap="xs" mt="xs">
                <Button size="xs" onClick={syncNow} loading={syncing} disabled={data.connection.state !== 'connected'}>
                  Sync now
                </Button>
                {/* Not disabled: when it cannot be made, the preview says why and what to do. */}
                <Button size="xs" variant="light" onClick={() => setPreviewing(true)}>
                  Preview next sync
                </Button>
              </Group>
            </Card>
            <ImportCard onImported={load} format={data.format} />
          </Group>
          <SimpleGrid cols={3} maw={900}>
            {KINDS.map(([key, label]) => {
              const c = data.counts[key];
              const n = (v: number) => formatCount(v, data.format);
              return (
                <Card withBorder key={key} role="region" aria-label={`${label} counts`}>
                  <Text fw={600}>{label}</Text>
                  <Text size="sm">{n(c.synced)} synced</Text>
                  <Text size="sm">{n(c.nonSynced)} non-synced</Text>
                  <Text size="sm" c="dimmed">
                    {n(c.waiting)} waiting · {n(c.failed)} failed · {n(c.excluded)} excluded
                    {c.beforeStartDate > 0 ? ` · ${n(c.beforeStartDate)} before start date` : ''}
                  </Text>
                </Card>
              );
            })}
          </SimpleGrid>
          <Title order={3}>Newest failures</Title>
          {data.recentFailures.length === 0 ? (
            <Text c="dimmed">No failures. Everything that was sent reached Xero.</Text>
          ) : (
            <Table withTableBorder aria-label="Newest failures">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Record</Table.Th>
                  <Table.Th>What happened</Table.Th>
                  <Table.Th>How to fix it</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.recentFailures.map((f) => (
                  <Table.Tr key={`${f.kind}-${f.id}`}>
                    <Table.Td>{f.label}</Table.Td>
                    <Table.Td>{f.explanation}</Table.Td>
                    <Table.Td>{f.fix}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      <SyncPreviewModal
        opened={previewing}
        onClose={() => setPreviewing(false)}
        onSyncNow={() => {
          setPreviewing(false);
          syncNow();
        }}
      />
      {info && (
        <Text size="xs" c="dimmed">
          {info.name} {info.version} · Xero: {info.xero.mode === 'emulator' ? `emulator at ${info.xero.issuer}` : 'xero.com'} · data in {info.dataDir}
        </Text>
      )}
    </Stack>
  );
}
