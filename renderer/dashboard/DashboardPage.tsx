import { RECORD_KINDS, formatCount } from '../../contract';
import { Alert, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Dashboard, MonthlyAmounts, ReconciliationMonthStatus } from '../../contract';
import { call, subscribe } from '../api-client';
import { formatClockTime, noFailuresSentence } from '../../contract/sync-words';
import { useSyncStatus } from '../use-sync-status';
import { ImportCard } from './ImportCard';
import { SyncPreviewModal } from './SyncPreviewModal';
import { MonthlyAmountsChart } from './MonthlyAmountsChart';
import { ReconciliationMonths } from './ReconciliationMonths';
import { SyncCard, XeroCard } from './StatusCards';

const KINDS = RECORD_KINDS.map((k) => [k.plural, k.label] as const);

/**
 * Connection state, last sync and import in three cards of a fixed grid (equal heights; longer text
 * wraps or is cut with a tooltip, so nothing moves sideways), counts per kind, the amounts per month
 * and the newest failures with their fixes.
 */
export function DashboardPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const [amounts, setAmounts] = useState<MonthlyAmounts | null>(null);
  const [reconciled, setReconciled] = useState<ReconciliationMonthStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [previewing, setPreviewing] = useState(false);
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
  const loadAmounts = useCallback(() => {
    call('getMonthlyAmounts').then(setAmounts, (e: Error) => setError(e.message));
    // Stored results only (no Xero call); without them the chart stands alone.
    call('getReconciliationStatus').then(setReconciled, () => setReconciled(null));
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
          loadAmounts();
        },
        (e: Error) => setAnswer(`Sync now at ${at} did not start: ${e.message}`),
      )
      .finally(() => setSyncing(false));
  };

  useEffect(() => {
    call('getAppInfo').then(setInfo, (e: Error) => setError(e.message));
    load();
    loadAmounts();
    // A sync sends an event per batch: reload at most twice a second, always after the latest one.
    // The chart sums a year of records (about 0.2 s per kind at 70,000 invoices a year), so it
    // reloads only when a run or an import ends, at most every 10 s.
    let queued: ReturnType<typeof setTimeout> | null = null;
    let amountsQueued: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      queued ??= setTimeout(() => {
        queued = null;
        load();
      }, 500);
    };
    const amountsSoon = () => {
      amountsQueued ??= setTimeout(() => {
        amountsQueued = null;
        loadAmounts();
      }, 10_000);
    };
    const offs = [
      subscribe('xero:connection', soon),
      subscribe('sync:progress', soon),
      subscribe('sync:status', () => {
        soon();
        amountsSoon();
      }),
      subscribe('import:progress', (p) => {
        soon();
        if (p.type === 'done') amountsSoon();
      }),
    ];
    const timer = setInterval(load, 15_000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(timer);
      if (queued) clearTimeout(queued);
      if (amountsQueued) clearTimeout(amountsQueued);
    };
  }, [load, loadAmounts]);

  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      {error && (
        <Alert color="red" title="Could not load the dashboard">
          {error}
        </Alert>
      )}
      {data && sync && (
        <>
          <SimpleGrid cols={3} spacing="md" aria-label="Status">
            <XeroCard connection={data.connection} sync={sync} />
            <SyncCard
              sync={sync}
              answer={answer}
              format={data.format}
              connected={data.connection.state === 'connected'}
              syncing={syncing}
              onSyncNow={syncNow}
              onPreview={() => setPreviewing(true)}
            />
            <ImportCard onImported={load} format={data.format} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
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
          {amounts && <MonthlyAmountsChart amounts={amounts} below={reconciled && <ReconciliationMonths months={reconciled} />} />}
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
