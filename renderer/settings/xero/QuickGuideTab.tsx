import { List, Stack, Text, Title } from '@mantine/core';

export function QuickGuideTab() {
  return (
    <Stack maw={760}>
      <Title order={3}>What is synced</Title>
      <List>
        <List.Item>Tenants become Xero contacts.</List.Item>
        <List.Item>Invoices become Xero sales invoices (ACCREC).</List.Item>
        <List.Item>Payments become Xero payments against those invoices.</List.Item>
      </List>
      <Text size="sm" c="dimmed">
        Connecting to Xero is set up on the Authenticate tab.
      </Text>
    </Stack>
  );
}
