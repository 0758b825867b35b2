import { Alert, Button, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { FirstSyncSection } from './synchronize/FirstSyncSection';
import { MapCategoriesSection } from './synchronize/MapCategoriesSection';
import { MESSAGE_AT, MessageAt, TabMessageContext } from './synchronize/MessageAt';
import { SaveBar } from './synchronize/SaveBar';
import { PaidToAccountSection } from './synchronize/PaidToAccountSection';
import { ProductsSection } from './synchronize/ProductsSection';
import { useSynchronize } from './synchronize/use-synchronize';

/**
 * Map categories, Products/Services and Paid to Account: how facility values become Xero
 * tracking options, items/accounts/tax rates and bank accounts; First sync: the sync start date and
 * lock dates (its own changes apply at once, apart from the mapping's Save). Everything shown comes from the
 * local mirror, so the tab works offline; Refresh from Xero and Create in Xero need a connection.
 * Messages show next to what they are about; the save bar stays at the bottom of the window.
 */
export function SynchronizeTab() {
  const { state, edit, suggest, refresh, save, createOption, createOptions, createItem } = useSynchronize();
  const { reference, draft, busy } = state;
  if (!state.view || !draft) return state.error ? <Alert color="red">{state.error}</Alert> : <Loader size="sm" aria-label="Loading" />;
  // The sections show the draft's own problems, checked as it is edited.
  const view = { ...state.view, issues: state.issues };

  return (
    <TabMessageContext.Provider value={state.message}>
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed">
            {reference?.fetchedAt
              ? `From ${reference.organisation?.name ?? 'Xero'}, loaded ${new Date(reference.fetchedAt).toLocaleString()}.`
              : 'Xero’s accounts, tax rates, categories and items have not been loaded yet: connect to Xero, then click Refresh from Xero.'}
          </Text>
          <Group>
            <Button variant="default" onClick={suggest} loading={busy === 'suggest'} disabled={busy !== null}>Suggest mappings</Button>
            <Button variant="default" onClick={refresh} loading={busy === 'refresh'} disabled={busy !== null}>Refresh from Xero</Button>
          </Group>
        </Group>
        <MessageAt at={MESSAGE_AT.toolbar} />
      </Stack>
      <MapCategoriesSection view={view} draft={draft} reference={reference} busy={busy !== null} onChange={edit} onCreateOption={createOption} onCreateOptions={createOptions} />
      <Divider />
      <ProductsSection view={view} draft={draft} reference={reference} busy={busy !== null} onChange={edit} onCreateItem={createItem} />
      <Divider />
      <PaidToAccountSection view={view} draft={draft} reference={reference} onChange={edit} />
      <Divider />
      <FirstSyncSection />
      <SaveBar problems={state.issues.length} dirty={state.dirty} busy={busy !== null} saving={busy === 'save'} onSave={save} />
    </Stack>
    </TabMessageContext.Provider>
  );
}
