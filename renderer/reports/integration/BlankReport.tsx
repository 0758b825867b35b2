import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { navigate } from '../../routes';
import { STATUS_FILTER, type FilterDraft } from './report-types';

interface Props {
  /**
   * not_run: no report yet this session; nothing_imported: no record of this kind at all;
   * no_match: none in the chosen place and dates; status: some there, none with the chosen status.
   */
  reason: 'not_run' | 'nothing_imported' | 'no_match' | 'status';
  filter?: FilterDraft;
  noun?: [string, string];
}

/** An empty report says why it is empty and what to do next (issue 17), instead of a bare blank. */
export function BlankReport({ reason, filter, noun }: Props) {
  const nouns = noun?.[1] ?? 'records';
  const status = STATUS_FILTER.find((s) => s.value === filter?.status)?.label.toLowerCase();
  return (
    <Paper withBorder p="md" role="status" aria-label="Report is empty">
      <Stack gap={4}>
        {reason === 'not_run' && (
          <>
            <Text fw={600}>Choose what to list, then Get Report.</Text>
            <Text size="sm" c="dimmed">
              Search by tenants, invoices, payments or another kind, and Status Non-synced to see what has not reached Xero and why.
            </Text>
          </>
        )}
        {reason === 'nothing_imported' && (
          <>
            <Text fw={600}>No {nouns} have been imported yet.</Text>
            <Text size="sm">
              Import the facility system's export on the{' '}
              <Anchor component="button" size="sm" onClick={() => navigate('dashboard')}>
                Dashboard
              </Anchor>{' '}
              (Import facility data), or set a facility data folder in Settings; then Get Report again.
            </Text>
          </>
        )}
        {reason === 'no_match' && (
          <>
            <Text fw={600}>No {nouns} in this location, building and date range.</Text>
            <Text size="sm">Choose All locations and All buildings, or clear the date range, then Get Report again.</Text>
          </>
        )}
        {reason === 'status' && (
          <>
            <Text fw={600}>
              No {nouns} here are {status ?? 'in that status'}.
            </Text>
            <Text size="sm">
              {filter?.status === 'non-synced' ? 'Everything here has reached Xero. ' : ''}Set Status to All to see every one, then Get Report again.
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
