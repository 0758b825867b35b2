import { Text } from '@mantine/core';

export function AuthenticateTab() {
  return <Text>Connect this app to your Xero organisation here.</Text>;
}
