import { Alert, Button, Card, List, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatTimestamp, type DateOrder, type DisplayFormat, type FacilityFolderStatus, type ImportResult, type ProgressEvent } from '../../contract';
import { call, subscribe } from '../api-client';

/** Import CSV exports of the facility system: the main process asks for the file or folder. */
export function ImportCard({ onImported, format }: { onImported: () => void; format: DisplayFormat }) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [folder, setFolder] = useState<FacilityFolderStatus | null>(null);
  const [dateOrder, setDateOrder] = useState<DateOrder | ''>('');

  useEffect(() => subscribe('import:progress', setProgress), []);
  // The watched folder imports by itself: its last file is looked up now and every few seconds.
  useEffect(() => {
    let last = '';
    const look = () =>
      void call('getFacilityFolder').then((s) => {
        setFolder(s);
        const key = s.last ? `${s.last.at} ${s.last.file}` : '';
        if (key !== last && last !== '') onImported();
        last = key || ' ';
      }, () => {});
    look();
    const timer = setInterval(look, 5000);
    return () => clearInterval(timer);
  }, [onImported]);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('importFacilityData', dateOrder ? { dateOrder } : {}));
      onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const pct = progress && progress.type === 'progress' && progress.total > 0 ? Math.round((100 * progress.current) / progress.total) : null;
  return (
    <Card withBorder h="100%" role="region" aria-label="Facility data">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          Facility data
        </Text>
        <NativeSelect
          size="xs"
          label="Dates such as 05/01/2025"
          value={dateOrder}
          onChange={(e) => setDateOrder(e.currentTarget.value as DateOrder | '')}
          data={[
            { value: '', label: "As the locations' country writes them" },
            { value: 'day-first', label: 'Day first: 5 January 2025' },
            { value: 'month-first', label: 'Month first: May 1, 2025' },
          ]}
        />
        <Button size="xs" variant="default" onClick={run} loading={busy}>
          Import facility data…
        </Button>
        {folder?.folder && (
          <Text size="xs" c="dimmed" role="status" aria-label="Facility data folder">
            {folder.watching ? `Watching ${folder.folder}.` : `Not watching ${folder.folder}: ${folder.problem ?? ''}`}
            {folder.last && ` Last file: ${folder.last.file} (${formatTimestamp(folder.last.at, format)}), ${folder.last.imported ? 'imported' : 'rejected'}: ${folder.last.summary}`}
          </Text>
        )}
        {busy && pct !== null && <Progress value={pct} aria-label="Import progress" />}
        {error && (
          <Alert color="red" title="Nothing was imported">
            {error}
          </Alert>
        )}
        {result && (
          <Alert color={result.rejected.length ? 'yellow' : 'teal'} title="Import finished">
            {result.inserted} new, {result.updated} updated, {result.unchanged} unchanged, {result.rejected.length} rejected.
            {result.files.filter((f) => f.dateOrder).map((f) => (
              <Text key={f.file} size="xs">
                {f.file}: dates read as {f.dateOrder === 'day-first' ? 'day/month/year' : 'month/day/year'}.
              </Text>
            ))}
            {result.rejected.length > 0 && (
              <List size="xs" mt={4}>
                {result.rejected.slice(0, 10).map((r) => (
                  <List.Item key={`${r.file}:${r.line}:${r.reason}`}>
                    {r.file}
                    {r.line ? ` line ${r.line}` : ''}: {r.reason}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
