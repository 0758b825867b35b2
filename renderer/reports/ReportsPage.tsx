import { NavLink, Stack, Title } from '@mantine/core';

export function ReportsPage(_props: { route: string[] }) {
  return (
    <Stack>
      <Title order={2}>Reports</Title>
      <NavLink component="button" label="Accounting Software Integration Report" />
    </Stack>
  );
}
