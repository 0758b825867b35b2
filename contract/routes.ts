/**
 * The app's screens, written once: the route the renderer navigates to and the menu path that
 * messages name ("Settings > Integration > Accounting Software > Xero > Synchronize"). A fix
 * points at a screen by its key (FixTarget), so the renderer never reads the fix's text.
 */
const XERO_ROUTE = ['settings', 'integration', 'accounting-software', 'xero'] as const;
const XERO_MENU = 'Settings > Integration > Accounting Software > Xero';

export const SCREENS = {
  settings: { route: ['settings'], menu: 'Settings' },
  integration: { route: ['settings', 'integration'], menu: 'Settings > Integration' },
  accountingSoftware: { route: ['settings', 'integration', 'accounting-software'], menu: 'Settings > Integration > Accounting Software' },
  xero: { route: [...XERO_ROUTE], menu: XERO_MENU },
  quickGuide: { route: [...XERO_ROUTE, 'quick-guide'], menu: `${XERO_MENU} > Quick Guide` },
  authenticate: { route: [...XERO_ROUTE, 'authenticate'], menu: `${XERO_MENU} > Authenticate` },
  synchronize: { route: [...XERO_ROUTE, 'synchronize'], menu: `${XERO_MENU} > Synchronize` },
  report: { route: ['reports', 'integration'], menu: 'Reports > Accounting Software Integration Report' },
  reconciliation: { route: ['reports', 'reconciliation'], menu: 'Reports > Reconciliation' },
} as const satisfies Record<string, { route: readonly string[]; menu: string }>;

export type Screen = keyof typeof SCREENS;
/** The screens a fix can send the user to. */
export type FixTarget = Extract<Screen, 'authenticate' | 'synchronize'>;

/** "Settings > Integration > Accounting Software > Xero > Synchronize". */
export function menuPath(screen: Screen): string {
  return SCREENS[screen].menu;
}
