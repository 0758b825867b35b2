import { Alert, Button, Checkbox, Divider, Group, Loader, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { XeroSettings } from '../../../contract';
import { call } from '../../api-client';
import { ConnectionPanel } from './ConnectionPanel';
import { RedirectUriCopy } from './RedirectUriCopy';
import { useXeroSettings } from './use-xero-settings';

/**
 * Client ID and Client Secret, Save, and the connection. The secret goes one way only: once
 * saved it lives in the keychain and the tab only learns that one is saved.
 */
export function AuthenticateTab() {
  const [settings, setSettings, loadError] = useXeroSettings();
  const [clientId, setClientId] = useState<string | null>(null);
  const [clientSecret, setClientSecret] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Why Save was refused (a malformed Client ID), shown under the field it is about. */
  const [saveError, setSaveError] = useState<string | null>(null);

  if (!settings) return loadError ? <Alert color="red">{loadError}</Alert> : <Loader size="sm" aria-label="Loading" />;

  const shownClientId = clientId ?? settings.clientId;
  const dirty = shownClientId.trim() !== settings.clientId || clientSecret !== '';

  /** Shows the settings a call returns, or its plain-words error; true when it worked. */
  async function update(request: () => Promise<XeroSettings>): Promise<boolean> {
    setError(null);
    try {
      setSettings(await request());
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    setSaving(true);
    setSaved(false);
    setSaveError(null);
    try {
      setSettings(await call('saveXeroCredentials', { clientId: shownClientId, ...(clientSecret ? { clientSecret } : {}) }));
      setClientId(null);
      setClientSecret('');
      setSaved(true);
    } catch (err) {
      setSaveError(err instanceof Error ? err.message : String(err));
    }
    setSaving(false);
  }

  const removeSecret = () => update(() => call('saveXeroCredentials', { clientId: settings!.clientId || shownClientId, clearClientSecret: true }));
  const setBroadScopes = (broad: boolean) => update(() => call('setXeroScopeSet', broad ? 'broad' : 'granular'));

  return (
    <Stack maw={620} gap="md">
      {settings.keychainProblem && (
        <Alert color="red" title="Keychain unavailable">
          {settings.keychainProblem}
        </Alert>
      )}
      <form onSubmit={(e) => void save(e)}>
        <Stack gap="sm">
          <Title order={3}>Xero app keys</Title>
          <Text size="sm" c="dimmed">
            From your Xero app's Configuration page at developer.xero.com (see the Quick guide).
          </Text>
          <TextInput
            label="Client ID"
            value={shownClientId}
            onChange={(e) => {
              setClientId(e.currentTarget.value);
              setSaved(false);
              setSaveError(null);
            }}
            error={saveError}
            autoComplete="off"
            spellCheck={false}
          />
          <PasswordInput
            label="Client Secret"
            description={'Only a Xero "Web app" has one; leave empty for a "Mobile or desktop app".'}
            placeholder={settings.hasClientSecret ? 'Leave empty to keep the saved secret' : undefined}
            value={clientSecret}
            onChange={(e) => {
              setClientSecret(e.currentTarget.value);
              setSaved(false);
            }}
            autoComplete="off"
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the client secret' }}
          />
          {settings.hasClientSecret && (
            <Group gap="xs">
              <Text size="sm">A client secret is saved.</Text>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => void removeSecret()}>
                Remove saved secret
              </Button>
            </Group>
          )}
          <Group>
            <Button type="submit" loading={saving} disabled={!shownClientId.trim() || (!dirty && saved)}>
              Save
            </Button>
            {saved && !dirty && <Text size="sm">Saved.</Text>}
          </Group>
        </Stack>
      </form>

      <Divider />
      <Title order={3}>Connection</Title>
      {/* A failed connect shows once, as the connection's last failure below. */}
      {error && error !== settings.connection.lastFailure?.message && (
        <Alert color="red" title="Could not complete that" role="alert">
          {error}
        </Alert>
      )}
      <ConnectionPanel
        connection={settings.connection}
        canConnect={Boolean(settings.clientId) && !dirty}
        // Refetch: a disconnect also forgets the saved secret.
        onChange={() => void call('getXeroSettings').then(setSettings, (e: Error) => setError(e.message))}
        onError={setError}
      />

      <Divider />
      <Stack gap={6}>
        <Text size="sm">Redirect URI registered on your Xero app:</Text>
        <RedirectUriCopy uri={settings.redirectUri} />
        <Checkbox
          label="Use the older broad scopes (Xero apps created before March 2026)"
          checked={settings.scopeSet === 'broad'}
          onChange={(e) => void setBroadScopes(e.currentTarget.checked)}
          disabled={settings.connection.state === 'connecting'}
        />
      </Stack>
    </Stack>
  );
}
