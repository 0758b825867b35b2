import { SCREENS } from '../../../contract';
import { Tabs, Title } from '@mantine/core';
import { navigate } from '../../routes';
import { AuthenticateTab } from './AuthenticateTab';
import { QuickGuideTab } from './QuickGuideTab';
import { SynchronizeTab } from './SynchronizeTab';

/** One component per tab, driven by this enum (docs/conventions.md #11). */
export enum XeroTab {
  QuickGuide = 'quick-guide',
  Authenticate = 'authenticate',
  Synchronize = 'synchronize',
}

const TABS: Array<{ value: XeroTab; label: string }> = [
  { value: XeroTab.QuickGuide, label: 'Quick guide' },
  { value: XeroTab.Authenticate, label: 'Authenticate' },
  { value: XeroTab.Synchronize, label: 'Synchronize' },
];

function isTab(v: string | undefined): v is XeroTab {
  return TABS.some((t) => t.value === v);
}

export function XeroPage({ tab }: { tab?: string }) {
  const current = isTab(tab) ? tab : XeroTab.QuickGuide;
  return (
    <>
      <Title order={2}>Xero</Title>
      <Tabs value={current} onChange={(v) => v && navigate(...SCREENS.xero.route, v)} keepMounted={false}>
        <Tabs.List aria-label="Xero settings">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={XeroTab.QuickGuide} pt="md">
          <QuickGuideTab />
        </Tabs.Panel>
        <Tabs.Panel value={XeroTab.Authenticate} pt="md">
          <AuthenticateTab />
        </Tabs.Panel>
        <Tabs.Panel value={XeroTab.Synchronize} pt="md">
          <SynchronizeTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
