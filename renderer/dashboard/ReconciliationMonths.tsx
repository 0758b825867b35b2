import { Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ReconciliationMonthStatus } from '../../contract';
import { SCREENS } from '../../contract';
import { navigate } from '../routes';

/** The cells' colours and words: green agrees, amber only records still on their way, red differs. */
const LOOK: Record<ReconciliationMonthStatus['status'], { color: string; words: (d: number) => string }> = {
  green: { color: 'var(--mantine-color-teal-6)', words: () => 'the facility and Xero agree' },
  amber: { color: 'var(--mantine-color-yellow-5)', words: (d) => `${d} ${d === 1 ? 'record' : 'records'} still waiting to reach Xero` },
  red: { color: 'var(--mantine-color-red-6)', words: (d) => `${d} ${d === 1 ? 'difference' : 'differences'} with Xero` },
  unknown: { color: 'var(--mantine-color-gray-3)', words: () => 'not reconciled yet' },
};

/** "Nov 2026" for '2026-11' (a calendar month: named in UTC whatever the machine's zone). */
const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleString('en-AU', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The reconciliation status per month (issue 16), a row of cells under the amounts chart: each
 * says the month's last reconciliation in words (tooltip and accessible name) and opens that
 * month in Reports > Reconciliation. From the stored results: no Xero call.
 */
export function ReconciliationMonths({ months }: { months: ReconciliationMonthStatus[] }) {
  return (
    <div role="group" aria-label="Reconciliation by month">
      <Text size="xs" c="dimmed" mb={4}>
        Reconciliation with Xero by month (click a month to reconcile it again)
      </Text>
      <Group gap={4} wrap="nowrap">
        {months.map((m) => {
          const look = LOOK[m.status];
          const label = `${monthLabel(m.month)}: ${look.words(m.differences)}`;
          return (
            <Tooltip key={m.month} label={label} withinPortal>
              <UnstyledButton
                aria-label={label}
                data-status={m.status}
                onClick={() => navigate(...SCREENS.reconciliation.route, m.month)}
                style={{ flex: 1, minWidth: 0, height: 28, borderRadius: 4, background: look.color, display: 'grid', placeItems: 'center' }}
              >
                <Text size="10px" fw={600} c={m.status === 'unknown' || m.status === 'amber' ? 'dark' : 'white'} truncate>
                  {monthLabel(m.month).split(' ')[0]}
                </Text>
              </UnstyledButton>
            </Tooltip>
          );
        })}
      </Group>
    </div>
  );
}
