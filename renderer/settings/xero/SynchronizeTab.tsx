import { Text } from '@mantine/core';

export function SynchronizeTab() {
  return <Text>Map categories, products and services, and payment accounts to Xero here.</Text>;
}
