import { SCREENS } from '../../../contract';
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { navigate } from '../../routes';
import { RedirectUriCopy } from './RedirectUriCopy';
import { useXeroSettings } from './use-xero-settings';

const DEFAULT_REDIRECT_URI = 'http://localhost:47321/callback';

export function QuickGuideTab() {
  const [settings] = useXeroSettings();
  const redirectUri = settings?.redirectUri ?? DEFAULT_REDIRECT_URI;
  return (
    <Stack maw={780} gap="sm">
      <Title order={3}>What is synced, and when</Title>
      <List spacing={4}>
        <List.Item>Tenants become Xero contacts (the facility's tenant id is kept in the contact's number).</List.Item>
        <List.Item>Invoices become Xero sales invoices, with your categories, products and tax types.</List.Item>
        <List.Item>Payments become Xero payments against those invoices, into the bank account you choose for each payment method.</List.Item>
        <List.Item>
          Sync runs by itself a few minutes after a change. Without internet, changes wait in a queue and go out when the connection returns.
          The Accounting Software Integration Report shows what is synced and what is not.
        </List.Item>
      </List>

      <Title order={3}>Limitations</Title>
      <List spacing={4}>
        <List.Item>Xero only accepts payments against authorised invoices; a payment waits until its invoice is in Xero.</List.Item>
        <List.Item>Xero cannot edit a paid invoice. Changes to an invoice after it is paid are not sent; the report lists them.</List.Item>
        <List.Item>A payment cannot be more than the amount still due on its invoice.</List.Item>
        <List.Item>Contact names must be unique in Xero; Facility Sync tells you when two tenants share a name.</List.Item>
        <List.Item>
          Xero limits each organisation to 60 requests a minute and 5,000 a day. A first sync of many records can take a while and
          continues the next day if needed; Facility Sync sends up to 50 records per request to stay well inside.
        </List.Item>
        <List.Item>Xero allows at most two active tracking categories, so at most two of location, building and unit type can be mapped.</List.Item>
      </List>

      <Title order={3}>Create your Xero app (once)</Title>
      <List type="ordered" spacing={6}>
        <List.Item>
          Sign in at{' '}
          <Anchor href="https://developer.xero.com/app/manage" target="_blank" rel="noreferrer">
            developer.xero.com
          </Anchor>{' '}
          with your Xero user name and password.
        </List.Item>
        <List.Item>Open My Apps and click New app.</List.Item>
        <List.Item>Enter the app name, for example "Facility Sync".</List.Item>
        <List.Item>
          For Integration type choose <b>Mobile or desktop app</b> (recommended: no secret to keep). A <b>Web app</b> works too; it also
          has a client secret.
        </List.Item>
        <List.Item>For Company or application URL, enter your facility's website.</List.Item>
        <List.Item>
          For Redirect URI, enter exactly this address (Xero compares it letter by letter):
          <RedirectUriCopy uri={redirectUri} />
        </List.Item>
        <List.Item>Accept the terms and click Create app.</List.Item>
        <List.Item>
          Open the app's Configuration page and copy the Client ID. For a Web app, also click Generate a secret and copy the Client Secret.
        </List.Item>
        <List.Item>
          On the{' '}
          <Anchor component="button" onClick={() => navigate(...SCREENS.authenticate.route)}>
            Authenticate
          </Anchor>{' '}
          tab, paste them, click Save, then click Connect to Xero. Your browser opens Xero: choose your organisation and click Allow access.
        </List.Item>
      </List>
      <Text size="sm" c="dimmed">
        The Client Secret and Xero's sign-in are kept in this computer's keychain, never in files.
      </Text>
    </Stack>
  );
}
