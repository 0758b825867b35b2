import { Alert, Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { SCREENS, type XeroConnectionStatus } from '../../../contract';
import { ApiError, call } from '../../api-client';
import { navigate } from '../../routes';

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
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  /** What the last action here did, in words (Connected, Disconnected): kept while the tab is open. */
  const [notice, setNotice] = useState<'connected' | { disconnectedFrom: string } | null>(null);

  async function run(action: () => Promise<XeroConnectionStatus>): Promise<XeroConnectionStatus | null> {
    setBusy(true);
    onError(null);
    setNotice(null);
    try {
      const next = await action();
      onChange(next);
      return next;
    } catch (err) {
      // A newer Connect (or Cancel) replaced this one: nothing to report.
      if (!(err instanceof ApiError && err.code === 'cancelled')) onError(err instanceof Error ? err.message : String(err));
      // A failed connect is kept as the last failure: fetch the status so the tab shows it (once).
      onChange(connection);
      return null;
    } finally {
      setBusy(false);
    }
  }

  const connect = async () => {
    if ((await run(() => call('connectXero')))?.state === 'connected') setNotice('connected');
  };
  const organisationName = connection.organisation?.name ?? 'Xero';
  const disconnect = async () => {
    setConfirmDisconnect(false);
    if (await run(() => call('disconnectXero'))) setNotice({ disconnectedFrom: organisationName });
  };
  const choose = (tenantId: string | null) => tenantId && run(() => call('chooseXeroOrganisation', tenantId));
  const orgOptions = (connection.organisations ?? []).map((o) => ({ value: o.tenantId, label: o.name }));
  // Beside the state's main action (choose an organisation, reconnect), Disconnect is the quiet way out.
  const secondaryDisconnect = (
    <Button variant="default" onClick={() => setConfirmDisconnect(true)} disabled={busy}>
      Disconnect
    </Button>
  );
  const confirm = (
    <Modal opened={confirmDisconnect} onClose={() => setConfirmDisconnect(false)} title={`Disconnect from ${organisationName}?`} centered>
      <Stack gap="sm">
        <Text size="sm">Facility Sync stops sending to {organisationName} and forgets its Xero sign-in on this computer.</Text>
        <Text size="sm">
          Everything already sent stays in Xero. Your mappings and the sync history are kept; changes made meanwhile wait here and go out when you
          connect again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmDisconnect(false)}>
            Stay connected
          </Button>
          <Button color="red" onClick={() => void disconnect()}>
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  const lastFailure = connection.lastFailure && (
    <Alert color="orange" title={`The last try to connect did not finish (${new Date(connection.lastFailure.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })})`}>
      {connection.lastFailure.message}
    </Alert>
  );

  switch (connection.state) {
    case 'connecting':
      return (
        <Stack gap="xs">
          <Text>Waiting for you to allow access in your browser. Sign in to Xero there, choose your organisation and click Allow access.</Text>
          <Alert color="blue" title="Xero shows an error page instead?">
            "Unauthorized client" or "Invalid redirect_uri" means the Client ID or the redirect URI below is not exactly the one on your Xero app's
            Configuration page. Click Cancel, copy them again from developer.xero.com, click Save and connect again.
          </Alert>
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
          {confirm}
          <Group gap="xs">
            <Badge color="teal" variant="light">
              Connected
            </Badge>
            <Text fw={600}>Connected to {connection.organisation?.name}</Text>
          </Group>
          <Alert color={notice === 'connected' ? 'teal' : 'gray'} variant="light" title={notice === 'connected' ? 'Next: Synchronize' : undefined}>
            <Group justify="space-between" gap="xs">
              <Text size="sm">Map your locations, charges and payment methods to Xero; then the sync runs by itself.</Text>
              <Button size="compact-sm" onClick={() => navigate(...SCREENS.synchronize.route)}>
                Go to Synchronize
              </Button>
            </Group>
          </Alert>
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
            <Button color="red" variant="light" onClick={() => setConfirmDisconnect(true)} loading={busy}>
              Disconnect
            </Button>
          </Group>
        </Stack>
      );
    case 'choose_organisation':
      return (
        <Stack gap="xs">
          {confirm}
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
          {confirm}
          {lastFailure}
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
          {typeof notice === 'object' && notice !== null ? (
            <Alert color="teal" title={`Disconnected from ${notice.disconnectedFrom}`} role="status">
              What was sent stays in Xero. Nothing more is sent until you connect again.
            </Alert>
          ) : (
            <Text>Not connected.</Text>
          )}
          {connection.reason && <Alert color="orange">{connection.reason}</Alert>}
          {lastFailure}
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
