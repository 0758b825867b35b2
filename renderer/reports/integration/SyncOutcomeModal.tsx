import { Alert, Button, List, Modal, Progress, Stack, Text } from '@mantine/core';
import type { SyncOptionProgress } from '../../../contract';

interface Props {
  opened: boolean;
  onClose: () => void;
  progress: SyncOptionProgress | null;
  error: string | null;
}

/** The confirmation pop-up after Apply: what was queued, then live progress and the outcome. */
export function SyncOutcomeModal({ opened, onClose, progress, error }: Props) {
  const pct = progress && progress.total > 0 ? Math.round((100 * (progress.synced + progress.failed)) / progress.total) : 0;
  return (
    <Modal opened={opened} onClose={onClose} title="Sync option applied" centered size="lg">
      <Stack>
        {error && (
          <Alert color="red" title="Nothing was changed">
            {error}
          </Alert>
        )}
        {progress && (
          <>
            <Text fw={600} role="status">
              {progress.message}
            </Text>
            {progress.option === 'resync' && progress.total > 0 && !progress.finished && <Progress value={pct} animated aria-label="ReSync progress" />}
            {progress.offline && (
              <Alert color="yellow" title="Offline">
                Xero cannot be reached right now. The records are queued and go out by themselves when the connection returns.
              </Alert>
            )}
            {progress.failures.length > 0 && (
              <List size="sm" spacing={4}>
                {progress.failures.slice(0, 10).map((f) => (
                  <List.Item key={f.label}>
                    <b>{f.label}</b>: {f.explanation}
                  </List.Item>
                ))}
              </List>
            )}
          </>
        )}
        <Button onClick={onClose} variant="default" style={{ alignSelf: 'flex-end' }}>
          Close
        </Button>
      </Stack>
    </Modal>
  );
}
