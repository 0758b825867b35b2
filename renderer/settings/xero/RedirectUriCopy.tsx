import { Button, Code, CopyButton, Group } from '@mantine/core';

/** The exact redirect URI to paste into the Xero app, with a Copy button (Xero matches it exactly). */
export function RedirectUriCopy({ uri }: { uri: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code fz="sm" data-testid="redirect-uri">
        {uri}
      </Code>
      <CopyButton value={uri}>
        {({ copied, copy }) => (
          <Button size="compact-sm" variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
