import { RECORD_KINDS, SCREENS } from '../../contract';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Dashboard } from '../../contract';
import { call, subscribe } from '../api-client';
import { SyncStateBadge } from '../components/SyncStateBadge';
import { formatClockTime, noFailuresSentence } from '../../contract/sync-words';
import { useSyncStatus } from '../use-sync-status';
import { navigate } from '../routes';
import { ImportCard } from './ImportCard';

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
  // The same state the header shows, pushed as it changes; the dashboard's figures reload behind it.
  const [sync, setSync] = useSyncStatus();
  const [answer, setAnswer] = useState<string | null>(null);

  const load = useCallback(() => {
    call('getDashboard').then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  // Sync now always answers: what the try found, or why nothing could be tried.
  const syncNow = () => {
    setSyncing(true);
    setAnswer(null);
    const at = formatClockTime(new Date().toISOString());
    call('syncNow')
      .then(
        (s) => {
          setSync(s);
          setAnswer(`Sync now at ${at}: ${s.message}`);
          load();
        },
        (e: Error) => setAnswer(`Sync now at ${at} did not start: ${e.message}`),
      )
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
      {data && conn && sync && (
        <>
          <Group>
            <Card withBorder miw={280}>
              <Text size="sm" c="dimmed">
                Xero
              </Text>
              <Group gap="xs">
                {data.connection.state === 'connected' ? <SyncStateBadge status={sync} label="Xero" /> : <Badge color={conn.color}>{conn.label}</Badge>}
                {data.connection.organisation && <Text fw={600}>{data.connection.organisation.name}</Text>}
              </Group>
              {data.connection.state !== 'connected' && (
                <Anchor component="button" size="sm" onClick={() => navigate(...SCREENS.authenticate.route)}>
                  Open the Authenticate tab
                </Anchor>
              )}
            </Card>
            <Card withBorder miw={280} maw={380}>
              <Text size="sm" c="dimmed">
                Sync
              </Text>
              <Text fw={600} role="status">
                {sync.message}
              </Text>
              <Text size="sm" c="dimmed">
                Last sync: {sync.lastSyncAt ? new Date(sync.lastSyncAt).toLocaleString() : 'never'}
              </Text>
              <Button size="xs" mt="xs" onClick={syncNow} loading={syncing} disabled={data.connection.state !== 'connected'}>
                Sync now
              </Button>
              {answer && (
                <Text size="sm" mt={4} aria-live="polite" data-testid="sync-now-answer">
                  {answer}
                </Text>
              )}
            </Card>
            <ImportCard onImported={load} />
          </Group>
          <SimpleGrid cols={3} maw={900}>
            {KINDS.map(([key, label]) => {
              const c = data.counts[key];
              return (
                <Card withBorder key={key} role="region" aria-label={`${label} counts`}>
                  <Text fw={600}>{label}</Text>
                  <Text size="sm">{c.synced.toLocaleString('en-US')} synced</Text>
                  <Text size="sm">{c.nonSynced.toLocaleString('en-US')} non-synced</Text>
                  <Text size="sm" c="dimmed">
                    {c.waiting.toLocaleString('en-US')} waiting · {c.failed.toLocaleString('en-US')} failed · {c.excluded.toLocaleString('en-US')} excluded
                    {c.beforeStartDate > 0 ? ` · ${c.beforeStartDate.toLocaleString('en-US')} before start date` : ''}
                  </Text>
                </Card>
              );
            })}
          </SimpleGrid>
          <Title order={3}>Newest failures</Title>
          {data.recentFailures.length === 0 ? (
            <Text c="dimmed">{noFailuresSentence({ counts: data.counts, connection: data.connection, sync })}</Text>
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
      {info && (
        <Text size="xs" c="dimmed">
          {info.name} {info.version} · Xero: {info.xero.mode === 'emulator' ? `emulator at ${info.xero.issuer}` : 'xero.com'} · data in {info.dataDir}
        </Text>
      )}
    </Stack>
  );
}
