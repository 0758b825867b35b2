import { Alert, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { XeroConnectionStatus } from '../../../contract';
import { ApiError, call } from '../../api-client';

interface Props {
  connection: XeroConnectionStatus;
  canConnect: boolean;
  onChange(connection: XeroConnectionStatus): void;
  onError(message: string | null): void;
}

/** Connect, choose the organisation, reconnect, disconnect: one state at a time. */
export function ConnectionPanel({ connection, canConnect, onChange, onError }: Props) {
  const [busy, setBusy] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);

  async function run(action: () => Promise<XeroConnectionStatus>) {
    setBusy(true);
    onError(null);
    try {
      onChange(await action());
    } catch (err) {
      // A newer Connect (or Cancel) replaced this one: nothing to report.
      if (!(err instanceof ApiError && err.code === 'cancelled')) onError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const connect = () => run(() => call('connectXero'));
  const disconnect = () => run(() => call('disconnectXero'));
  const choose = (tenantId: string | null) => tenantId && run(() => call('chooseXeroOrganisation', tenantId));
  const orgOptions = (connection.organisations ?? []).map((o) => ({ value: o.tenantId, label: o.name }));
  // Beside the state's main action (choose an organisation, reconnect), Disconnect is the quiet way out.
  const secondaryDisconnect = (
    <Button variant="default" onClick={() => void disconnect()} disabled={busy}>
      Disconnect
    </Button>
  );

  switch (connection.state) {
    case 'connecting':
      return (
        <Stack gap="xs">
          <Text>Waiting for you to allow access in your browser. Sign in to Xero there, choose your organisation and click Allow access.</Text>
          <Group>
            <Button variant="default" onClick={() => void run(() => call('cancelConnectXero'))}>
              Cancel
            </Button>
          </Group>
        </Stack>
      );
    case 'connected':
      return (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color="teal" variant="light">
              Connected
            </Badge>
            <Text fw={600}>Connected to {connection.organisation?.name}</Text>
          </Group>
          {connection.organisationSwitch && (
            <Alert color="orange" title={`Switch to ${connection.organisationSwitch.connectedTo}?`}>
              <Stack gap="xs">
                <Text size="sm">{connection.organisationSwitch.message}</Text>
                <Text size="sm">Nothing is sent until you decide. To keep sending to {connection.organisationSwitch.syncedTo}, connect to it again instead.</Text>
                <Group>
                  <Button color="orange" onClick={() => void run(() => call('switchXeroOrganisation'))} loading={busy}>
                    Switch and send everything to {connection.organisationSwitch.connectedTo}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {orgOptions.length > 1 && (
            <Select label="Organisation" data={orgOptions} value={connection.organisation?.tenantId ?? null} onChange={choose} disabled={busy} allowDeselect={false} maw={360} />
          )}
          <Group>
            <Button color="red" variant="light" onClick={() => void disconnect()} loading={busy}>
              Disconnect
            </Button>
          </Group>
        </Stack>
      );
    case 'choose_organisation':
      return (
        <Stack gap="xs">
          <Text>Xero connected several organisations. Choose the one this facility syncs to.</Text>
          <Select label="Organisation" data={orgOptions} value={choice} onChange={setChoice} maw={360} allowDeselect={false} />
          <Group>
            <Button onClick={() => void choose(choice)} disabled={!choice} loading={busy}>
              Use this organisation
            </Button>
            {secondaryDisconnect}
          </Group>
        </Stack>
      );
    case 'reconnect_required':
      return (
        <Stack gap="xs">
          <Alert color="orange" title="Reconnect to Xero">
            Xero no longer accepts this computer's sign-in for {connection.organisation?.name ?? 'your organisation'}. Click Reconnect to Xero and allow
            access again; your settings and mappings are kept.
          </Alert>
          <Group>
            <Button onClick={() => void connect()} loading={busy} disabled={!canConnect}>
              Reconnect to Xero
            </Button>
            {secondaryDisconnect}
          </Group>
        </Stack>
      );
    default:
      return (
        <Stack gap="xs">
          <Text>Not connected.</Text>
          {connection.reason && <Alert color="orange">{connection.reason}</Alert>}
          {!canConnect && <Text size="sm" c="dimmed">Enter the Client ID above and click Save, then connect.</Text>}
          <Group>
            <Button onClick={() => void connect()} loading={busy} disabled={!canConnect}>
              Connect to Xero
            </Button>
          </Group>
        </Stack>
      );
  }
}
