import { SCREENS } from '../../contract';
import { Anchor, Breadcrumbs, NavLink, Paper, Stack, Title } from '@mantine/core';
import { navigate } from '../routes';
import { FacilityFolderCard } from './FacilityFolderCard';
import { NotificationsCard } from './NotificationsCard';
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
        <SettingsLinks links={[{ label: 'Xero', description: 'Tenants, invoices, payments and credit notes to Xero. Open to connect and map.', route: SCREENS.xero.route }]} />
      </Stack>
    );
  }
  if (area === 'integration') {
    return (
      <Stack>
        <SettingsBreadcrumbs trail={['Integration']} />
        <Title order={2}>Integration</Title>
        <SettingsLinks links={[{ label: 'Accounting Software', description: 'Xero', route: SCREENS.accountingSoftware.route }]} />
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={2}>Settings</Title>
      <SettingsLinks links={[{ label: 'Integration', description: 'Accounting software (Xero)', route: SCREENS.integration.route }]} />
      <FacilityFolderCard />
      <NotificationsCard />
    </Stack>
  );
}

/**
 * The settings' navigation: real links (hash routes) that look and act like navigation: a hover
 * and focus state, a pointer, a chevron, and a line saying what is behind each.
 */
function SettingsLinks({ links }: { links: Array<{ label: string; description: string; route: readonly string[] }> }) {
  return (
    <Paper withBorder maw={520} component="nav" aria-label="Settings">
      {links.map((l) => (
        <NavLink
          key={l.label}
          href={`#/${l.route.join('/')}`}
          label={l.label}
          description={l.description}
          rightSection={<span aria-hidden="true" style={{ fontSize: 20, lineHeight: 1 }}>›</span>}
          styles={{ label: { fontWeight: 600 } }}
        />
      ))}
    </Paper>
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
