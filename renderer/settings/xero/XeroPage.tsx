import { SCREENS, type XeroSettings } from '../../../contract';
import { Loader, Tabs, Title } from '@mantine/core';
import { useEffect } from 'react';
import { call } from '../../api-client';
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

/**
 * The tab the page opens on when none is named: Synchronize once connected (the daily work), Authenticate
 * while a Client ID is saved but not connected, the Quick guide before anything is set up.
 */
export function openingTab(settings: Pick<XeroSettings, 'clientId' | 'connection'>): XeroTab {
  if (settings.connection.state === 'connected') return XeroTab.Synchronize;
  return settings.clientId ? XeroTab.Authenticate : XeroTab.QuickGuide;
}

export function XeroPage({ tab }: { tab?: string }) {
  const named = isTab(tab);
  useEffect(() => {
    if (named) return;
    let live = true;
    // Replaces the tab-less address, so Back does not bounce here again.
    const open = (t: XeroTab) => live && window.location.replace(`#/${[...SCREENS.xero.route, t].join('/')}`);
    call('getXeroSettings').then((s) => open(openingTab(s)), () => open(XeroTab.QuickGuide));
    return () => {
      live = false;
    };
  }, [named]);
  if (!named) return <Loader size="sm" aria-label="Loading" />;
  const current = tab;
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
