import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { SyncStateBadge } from './components/SyncStateBadge';
import { DashboardPage } from './dashboard/DashboardPage';
import { ReportsPage } from './reports/ReportsPage';
import { useRoute } from './routes';
import { SettingsPage } from './settings/SettingsPage';
import { useSyncStatus } from './use-sync-status';

const SECTIONS = [
  { key: 'dashboard', label: 'Dashboard' },
  { key: 'reports', label: 'Reports' },
  { key: 'settings', label: 'Settings' },
] as const;

export function App() {
  const [route, go] = useRoute();
  const section = route[0] ?? 'dashboard';
  const [sync] = useSyncStatus();
  return (
    <AppShell navbar={{ width: 220, breakpoint: 0 }} header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h4">
            Facility Sync for Xero
          </Title>
          {sync && (
            <Group gap="xs" wrap="nowrap">
              <SyncStateBadge status={sync} label="Xero sync" />
              <Text size="sm" c="dimmed" maw={520} truncate="end" title={sync.message}>
                {sync.message}
              </Text>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {SECTIONS.map((s) => (
          <NavLink
            key={s.key}
            component="button"
            label={s.label}
            active={section === s.key}
            aria-current={section === s.key ? 'page' : undefined}
            onClick={() => go(s.key)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {section === 'reports' ? (
          <ReportsPage route={route.slice(1)} />
        ) : section === 'settings' ? (
          <SettingsPage route={route.slice(1)} />
        ) : section === 'dashboard' ? (
          <DashboardPage />
        ) : (
          <Text>Page not found.</Text>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
