import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { FacilityFolderStatus } from '../../contract';
import { call } from '../api-client';

/**
 * Settings > "Facility data folder" (issue 17): export files saved there are imported as they
 * arrive, then moved to imported/ or rejected/ beside a result file (docs/csv-formats.md).
 */
export function FacilityFolderCard() {
  const [status, setStatus] = useState<FacilityFolderStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('getFacilityFolder').then((s) => {
      setStatus(s);
      setFolder(s.folder ?? '');
    });
  }, []);

  const save = async (value: string | null | 'choose') => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const s = value === 'choose' ? await call('chooseFacilityFolder') : await call('setFacilityFolder', { folder: value });
      setStatus(s);
      setFolder(s.folder ?? '');
      setSaved(s.folder ? `Watching ${s.folder}: export files saved there are imported as they arrive.` : 'The folder is no longer watched.');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder maw={640} role="region" aria-label="Facility data folder">
      <Stack gap="xs">
        <Text fw={600}>Facility data folder</Text>
        <Text size="sm" c="dimmed">
          Export files (CSV or .xlsx) saved to this folder are imported as they arrive, then moved to its imported or rejected
          folder beside a result file that says what happened.
        </Text>
        <TextInput
          label="Folder"
          placeholder="/Users/office/Facility exports"
          value={folder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          error={error}
        />
        <Group gap="xs">
          {status?.canChoose && (
            <Button size="xs" variant="default" onClick={() => void save('choose')} disabled={busy}>
              Choose folder…
            </Button>
          )}
          <Button size="xs" onClick={() => void save(folder.trim() || null)} loading={busy}>
            Save folder
          </Button>
          {status?.folder && (
            <Button size="xs" variant="default" onClick={() => void save(null)} disabled={busy}>
              Stop watching
            </Button>
          )}
        </Group>
        {saved && <Alert color="teal">{saved}</Alert>}
        {status?.problem && !saved && (
          <Alert color="yellow" title="The folder is not watched">
            {status.problem}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
