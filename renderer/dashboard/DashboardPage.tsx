import { Alert, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../preload/api';
import { call } from '../api-client';

export function DashboardPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('getAppInfo').then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      {error && <Alert color="red" title="Could not load app information">{error}</Alert>}
      {info && (
        <Text size="sm" c="dimmed">
          {info.name} {info.version} · Xero: {info.xero.mode === 'emulator' ? `emulator at ${info.xero.issuer}` : 'xero.com'} · data
          in {info.dataDir}
        </Text>
      )}
    </Stack>
  );
}
