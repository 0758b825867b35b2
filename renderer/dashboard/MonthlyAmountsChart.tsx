import { BarChart } from '@mantine/charts';
import { Card, Center, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import type { MonthlyAmounts, ReportKind } from '../../contract';

const SERIES = [
  { name: 'syncedCents', label: 'Synced', color: 'teal.6' },
  { name: 'waitingCents', label: 'Waiting', color: 'yellow.5' },
  { name: 'failedCents', label: 'Failed', color: 'red.6' },
];

/** "Nov 2026" for '2026-11': the month is a calendar month, so it is named in UTC whatever the machine's zone. */
function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-AU', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** Cents as money in the organisation's currency ("$1,234.50" in en-AU); plain figures when unknown. `digits` 0 for axis ticks. */
export function moneyFormatter(currency: string | null, digits = 2): (cents: number) => string {
  const fraction = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  const f = currency
    ? new Intl.NumberFormat(undefined, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', ...fraction })
    : new Intl.NumberFormat(undefined, fraction);
  return (cents) => f.format(cents / 100);
}

/**
 * Amounts synced, waiting and failed per month for the last 12 months (issue 16), one kind of
 * record at a time. `below` is the place under the chart, in the same card, for a row that
 * follows the same months (the reconciliation status per month).
 */
export function MonthlyAmountsChart({ amounts, below }: { amounts: MonthlyAmounts; below?: ReactNode }) {
  const [kind, setKind] = useState<ReportKind>(amounts.kinds[0]?.kind ?? 'invoices');
  const shown = amounts.kinds.find((k) => k.kind === kind) ?? amounts.kinds[0];
  const format = useMemo(() => moneyFormatter(amounts.currency), [amounts.currency]);
  const axisFormat = useMemo(() => moneyFormatter(amounts.currency, 0), [amounts.currency]);
  const data = useMemo(() => (shown?.months ?? []).map((m) => ({ ...m, label: monthLabel(m.month) })), [shown]);
  const empty = data.every((m) => m.syncedCents + m.waitingCents + m.failedCents === 0);

  return (
    <Card withBorder role="region" aria-label="Amounts by month">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h4">
            Amounts by month{amounts.currency ? ` (${amounts.currency})` : ''}
          </Title>
          <SegmentedControl size="xs" value={kind} onChange={(v) => setKind(v as ReportKind)} aria-label="Record kind"
            data={amounts.kinds.map((k) => ({ value: k.kind, label: k.label }))} />
        </Group>
        <Text size="xs" c="dimmed">
          {shown?.label ?? 'Records'} by document date, last 12 months: what reached Xero, what waits to go, and what Xero refused.
        </Text>
        {/* An empty chart would draw an axis of zeros: the same box says so in words instead. */}
        {empty ? (
          <Center h={240}>
            <Text size="sm" c="dimmed">
              No {shown?.label.toLowerCase() ?? 'records'} are dated in the last 12 months ({data[0]?.label} to {data.at(-1)?.label}).
            </Text>
          </Center>
        ) : (
          <BarChart
            h={240}
            data={data}
            dataKey="label"
            type="stacked"
            series={SERIES}
            valueFormatter={format}
            withLegend
            legendProps={{ verticalAlign: 'top', height: 32, itemSorter: null }}
            yAxisProps={{ width: 88, tickFormatter: axisFormat }}
            barProps={{ isAnimationActive: false }}
            tooltipAnimationDuration={0}
            aria-label={`${shown?.label ?? 'Records'}: amounts by month`}
          />
        )}
        {below}
      </Stack>
    </Card>
  );
}
