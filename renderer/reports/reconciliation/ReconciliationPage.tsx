import { Alert, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import type { LocationSummary, Reconciliation } from '../../../contract';
import { call } from '../../api-client';
import { navigate } from '../../routes';
import { linkRoute } from './report-link';
import { STATUS_LOOK } from './reconciliation-format';
import { DifferencesTable, TotalsTable } from './ReconciliationTables';
import './reconciliation-print.css';

const ALL = '';

/** This month's first day ('YYYY-MM-01') by the page's clock. */
function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Reports > Reconciliation (issue 16): a month's facility totals next to Xero's, read from Xero now,
 * and the records that explain each difference. Offline it shows the facility's side and says why.
 * `initialMonth` ('YYYY-MM', from the route #/reports/reconciliation/2025-06): the month shown first.
 */
export function ReconciliationPage({ initialMonth }: { initialMonth?: string } = {}) {
  const [month, setMonth] = useState<string | null>(initialMonth && /^\d{4}-(0[1-9]|1[0-2])$/.test(initialMonth) ? `${initialMonth}-01` : thisMonth());
  const [locations, setLocations] = useState<LocationSummary[]>([]);
  const [locationId, setLocationId] = useState<string>(ALL);
  const [result, setResult] = useState<Reconciliation | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);

  useEffect(() => {
    call('listLocations').then(setLocations, (e: Error) => setError(e.message));
  }, []);

  const query = () => ({ month: (month ?? thisMonth()).slice(0, 7), ...(locationId ? { locationId: Number(locationId) } : {}) });

  const reconcile = async () => {
    setLoading(true);
    setError(null);
    try {
      setResult(await call('getReconciliation', query()));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const exportCsv = async () => {
    setBusy('csv');
    setError(null);
    try {
      const file = await call('exportReconciliationCsv', query());
      download(file.fileName, file.csv);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const printPdf = async () => {
    setBusy('pdf');
    setError(null);
    try {
      await call('printReconciliationPdf', query());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const look = result ? STATUS_LOOK[result.status] : null;
  return (
    <Stack className="fs-recon-page" gap="sm">
      <Title order={2}>Reconciliation</Title>
      <Group align="flex-end" gap="sm" className="fs-no-print">
        <MonthPickerInput label="Month" w={180} value={month} onChange={setMonth} valueFormat="MMMM YYYY" />
        <Select
          label="Location"
          w={220}
          data={[{ value: ALL, label: 'All locations' }, ...locations.map((l) => ({ value: String(l.id), label: l.name }))]}
          value={locationId}
          onChange={(v) => setLocationId(v ?? ALL)}
          allowDeselect={false}
        />
        <Button onClick={() => void reconcile()} loading={loading}>
          Reconcile
        </Button>
        {result && (
          <>
            <Button variant="default" onClick={() => void exportCsv()} loading={busy === 'csv'}>
              Export CSV
            </Button>
            <Button variant="default" onClick={() => void printPdf()} loading={busy === 'pdf'}>
              Print / Save as PDF
            </Button>
          </>
        )}
      </Group>
      {error && (
        <Alert color="red" title="Something went wrong" withCloseButton onClose={() => setError(null)} className="fs-no-print">
          {error}
        </Alert>
      )}
      {!result && !loading && (
        <Text c="dimmed" size="sm">
          Choose a month and Reconcile: Facility Sync reads Xero now and compares its totals with the facility&apos;s.
        </Text>
      )}
      {result && look && (
        <>
          <Text size="sm" c="dimmed">
            {result.location ? result.location.name : 'All locations'}, {result.from} to {result.to}, amounts in {result.currency}. Checked{' '}
            {new Date(result.computedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.
          </Text>
          <div role="status" aria-label="Reconciliation result">
            <Alert color={look.color} title={look.title}>
              {result.summary}
            </Alert>
          </div>
          <TotalsTable r={result} />
          {result.differences.length > 0 && (
            <>
              <Title order={3} size="h4">
                Differences and the records that explain them
              </Title>
              <DifferencesTable r={result} onOpen={(i) => navigate(...linkRoute(result.differences[i]!.link))} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
