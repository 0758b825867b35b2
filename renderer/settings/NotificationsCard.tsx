import { Alert, Card, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../api-client';

/**
 * Settings > "Notifications" (issue 17): when a sync ends with new failures, or Xero needs you to
 * connect again, the system tells you even when the app is in the background. On by default.
 */
export function NotificationsCard() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('getNotificationSettings').then((s) => setEnabled(s.enabled), (e: Error) => setError(e.message));
  }, []);

  const change = (value: boolean) => {
    setError(null);
    call('setNotificationSettings', { enabled: value }).then(
      (s) => setEnabled(s.enabled),
      (e: Error) => setError(`The choice was not saved: ${e.message}`),
    );
  };

  return (
    <Card withBorder maw={520} component="section" aria-label="Notifications">
      <Stack gap="xs">
        <Text fw={600}>Notifications</Text>
        <Switch
          label="Tell me when a sync ends with new failures, or Xero needs me to connect again"
          description="Shown by the system even when this window is in the background; at most one per sync."
          checked={enabled ?? false}
          disabled={enabled === null}
          onChange={(e) => change(e.currentTarget.checked)}
        />
        {error && (
          <Alert color="red" title="Could not change notifications">
            {error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
