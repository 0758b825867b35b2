import { Alert, Button, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { FirstSyncSection } from './synchronize/FirstSyncSection';
import { MapCategoriesSection } from './synchronize/MapCategoriesSection';
import { PaidToAccountSection } from './synchronize/PaidToAccountSection';
import { ProductsSection } from './synchronize/ProductsSection';
import { useSynchronize } from './synchronize/use-synchronize';

/**
 * Map categories, Products/Services and Paid to Account: how facility values become Xero
 * tracking options, items/accounts/tax rates and bank accounts; First sync: the sync start date and
 * lock dates (its own changes apply at once, apart from the mapping's Save). Everything shown comes from the
 * local mirror, so the tab works offline; Refresh from Xero and Create in Xero need a connection.
 */
export function SynchronizeTab() {
  const { state, edit, suggest, refresh, save, createOption, createOptions, createItem } = useSynchronize();
  const { view, reference, draft, busy } = state;
  if (!view || !draft) return state.error ? <Alert color="red">{state.error}</Alert> : <Loader size="sm" aria-label="Loading" />;

  const errors = view.issues.filter((i) => i.severity === 'error').length;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed">
          {reference?.fetchedAt
            ? `From ${reference.organisation?.name ?? 'Xero'}, loaded ${new Date(reference.fetchedAt).toLocaleString()}.`
            : 'Xero’s accounts, tax rates, categories and items have not been loaded yet: connect to Xero, then click Refresh from Xero.'}
        </Text>
        <Group>
          <Button variant="default" onClick={suggest} loading={busy === 'suggest'} disabled={busy !== null}>Suggest mappings</Button>
          <Button variant="default" onClick={refresh} loading={busy === 'refresh'} disabled={busy !== null}>Refresh from Xero</Button>
          <Button onClick={save} loading={busy === 'save'} disabled={busy !== null}>Save</Button>
        </Group>
      </Group>
      {state.error && <Alert color="red" role="alert">{state.error}</Alert>}
      {state.notice && <Alert color="green" role="status">{state.notice}</Alert>}
      {state.dirty && <Text size="sm" c="orange">Unsaved changes: click Save to use them for syncing.</Text>}
      {!state.dirty && errors > 0 && (
        <Text size="sm" c="red">{errors} mapping problem{errors === 1 ? '' : 's'}: the records they affect wait until fixed.</Text>
      )}
      <MapCategoriesSection view={view} draft={draft} reference={reference} busy={busy !== null} onChange={edit} onCreateOption={createOption} onCreateOptions={createOptions} />
      <Divider />
      <ProductsSection view={view} draft={draft} reference={reference} busy={busy !== null} onChange={edit} onCreateItem={createItem} />
      <Divider />
      <PaidToAccountSection view={view} draft={draft} reference={reference} onChange={edit} />
      <Divider />
      <FirstSyncSection />
    </Stack>
  );
}
