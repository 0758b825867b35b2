import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { formatCount, formatTimestamp, type BalanceCheck, type DisplayFormat, type ReportRow } from '../../../contract';
import { call } from '../../api-client';

/**
 * Search by Tenants (issue 14): reads every tenant's balance in Xero now and shows it next to the
 * facility's in the table. The rows keep Xero's balance as last read, with its time, so the
 * comparison stays on screen offline; a failure says what happened and what to do.
 */
export function BalanceCompare({ rows, format, result, onResult }: {
  rows: ReportRow[];
  format: DisplayFormat;
  /** Kept by the page: the rows reload after a read, which remounts this. */
  result: BalanceCheck | null;
  onResult: (result: BalanceCheck | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const setResult = onResult;
  const [error, setError] = useState<string | null>(null);
  const readAt = rows.find((r) => r.balance?.xeroReadAt)?.balance?.xeroReadAt ?? null;
  const compare = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('compareBalances'));
    } catch (err) {
      setResult(null);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Group gap="sm" aria-label="Balances in Xero">
        <Button size="xs" variant="default" loading={busy} onClick={() => void compare()}>
          Compare balances with Xero
        </Button>
        <Text size="sm" c="dimmed">
          {readAt ? `Xero's balances as read ${formatTimestamp(readAt, format)}.` : "Xero's balances have not been read yet."}
          {' '}A balance is what the tenant owes, less credit not yet used.
        </Text>
      </Group>
      {result && (
        <Alert color={result.differ.length === 0 ? 'teal' : 'orange'} withCloseButton onClose={() => setResult(null)}
          title={result.differ.length === 0 ? 'Balances agree' : `${formatCount(result.differ.length, format)} of ${formatCount(result.compared, format)} differ`}>
          {result.message}
        </Alert>
      )}
      {error && (
        <Alert color="red" title="Xero's balances could not be read" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
    </>
  );
}
