import { Badge } from '@mantine/core';
import { SYNC_BADGES } from '../../contract/sync-words';
import type { SyncEngineStatus } from '../../contract';

/** The sync state as a badge, its sentence as the tooltip text: the header and the dashboard's Xero card. */
export function SyncStateBadge({ status, label }: { status: SyncEngineStatus; label: string }) {
  const b = SYNC_BADGES[status.state];
  return (
    <Badge color={b.color} title={status.message} aria-label={`${label}: ${b.label}`}>
      {b.label}
    </Badge>
  );
}
