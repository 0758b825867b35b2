import { SCREENS } from '../../contract';
import { NavLink, Stack, Title } from '@mantine/core';
import { navigate } from '../routes';
import { IntegrationReportPage } from './integration/IntegrationReportPage';

export function ReportsPage({ route }: { route: string[] }) {
  if (route[0] === 'integration') return <IntegrationReportPage />;
  return (
    <Stack>
      <Title order={2}>Reports</Title>
      <NavLink component="button" label="Accounting Software Integration Report" onClick={() => navigate(...SCREENS.report.route)} />
    </Stack>
  );
}
