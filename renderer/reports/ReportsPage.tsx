import { SCREENS } from '../../contract';
import { NavLink, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { navigate } from '../routes';
import { IntegrationReportPage } from './integration/IntegrationReportPage';
import { ReconciliationPage } from './reconciliation/ReconciliationPage';
import { filterFromRoute } from './reconciliation/report-link';

export function ReportsPage({ route }: { route: string[] }) {
  // A reconciliation difference opens the integration report on its record: the filter comes in the route.
  const part = route[1];
  const filter = useMemo(() => filterFromRoute(part), [part]);
  if (route[0] === 'integration') {
    return <IntegrationReportPage key={route[1] ?? ''} initial={filter ?? undefined} />;
  }
  if (route[0] === 'reconciliation') return <ReconciliationPage key={part ?? ''} initialMonth={part} />;
  return (
    <Stack>
      <Title order={2}>Reports</Title>
      <NavLink component="button" label="Accounting Software Integration Report" onClick={() => navigate(...SCREENS.report.route)} />
      <NavLink component="button" label="Reconciliation" onClick={() => navigate(...SCREENS.reconciliation.route)} />
    </Stack>
  );
}
