import { SCREENS } from '../../contract';
import { Anchor, Breadcrumbs, Card, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { navigate } from '../routes';
import { FacilityFolderCard } from './FacilityFolderCard';
import { XeroPage } from './xero/XeroPage';

/** Settings > Integration > Accounting Software > Xero, as users know it from peer products. */
export function SettingsPage({ route }: { route: string[] }) {
  const [area, sub, provider] = route;
  if (area === 'integration' && sub === 'accounting-software' && provider === 'xero') {
    return (
      <Stack>
        <SettingsBreadcrumbs trail={['Integration', 'Accounting Software', 'Xero']} />
        <XeroPage tab={route[3]} />
      </Stack>
    );
  }
  if (area === 'integration' && sub === 'accounting-software') {
    return (
      <Stack>
        <SettingsBreadcrumbs trail={['Integration', 'Accounting Software']} />
        <Title order={2}>Accounting Software</Title>
        <Card withBorder maw={420}>
          <Group justify="space-between">
            <div>
              <Text fw={600}>Xero</Text>
              <Text size="sm" c="dimmed">
                Tenants, invoices and payments to Xero
              </Text>
            </div>
            <Anchor component="button" onClick={() => navigate(...SCREENS.xero.route)}>
              Xero
            </Anchor>
          </Group>
        </Card>
      </Stack>
    );
  }
  if (area === 'integration') {
    return (
      <Stack>
        <SettingsBreadcrumbs trail={['Integration']} />
        <Title order={2}>Integration</Title>
        <NavLink component="button" label="Accounting Software" onClick={() => navigate(...SCREENS.accountingSoftware.route)} />
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={2}>Settings</Title>
      <NavLink component="button" label="Integration" onClick={() => navigate(...SCREENS.integration.route)} />
      <FacilityFolderCard />
    </Stack>
  );
}

function SettingsBreadcrumbs({ trail }: { trail: string[] }) {
  const paths = [SCREENS.integration.route, SCREENS.accountingSoftware.route, SCREENS.xero.route];
  return (
    <Breadcrumbs aria-label="Breadcrumb">
      <Anchor component="button" size="sm" onClick={() => navigate(...SCREENS.settings.route)}>
        Settings
      </Anchor>
      {trail.map((label, i) => (
        <Anchor key={label} component="button" size="sm" onClick={() => navigate(...(paths[i] ?? SCREENS.settings.route))}>
          {label}
        </Anchor>
      ))}
    </Breadcrumbs>
  );
}
