import { Anchor, Badge, Table, Text } from '@mantine/core';
import { kindInfo, type Reconciliation } from '../../../contract';
import { money } from './reconciliation-format';

/** Facility | Xero | Difference for the five totals. */
export function TotalsTable({ r }: { r: Reconciliation }) {
  return (
    <Table withTableBorder striped aria-label="Totals" className="fs-recon-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Total</Table.Th>
          <Table.Th ta="right">Facility</Table.Th>
          <Table.Th ta="right">Xero</Table.Th>
          <Table.Th ta="right">Difference</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {r.totals.map((t) => (
          <Table.Tr key={t.measure}>
            <Table.Td>{t.label}</Table.Td>
            <Table.Td ta="right">{money(t.facilityCents, r.currency)}</Table.Td>
            <Table.Td ta="right">{money(t.xeroCents, r.currency)}</Table.Td>
            <Table.Td ta="right" c={t.differenceCents ? 'red.8' : undefined} fw={t.differenceCents ? 600 : undefined}>
              {money(t.differenceCents, r.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Each record that explains a difference, with a link to it in the integration report. */
export function DifferencesTable({ r, onOpen }: { r: Reconciliation; onOpen: (index: number) => void }) {
  return (
    <Table withTableBorder aria-label="Differences" className="fs-recon-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Date</Table.Th>
          <Table.Th>Record</Table.Th>
          <Table.Th>Facility id</Table.Th>
          <Table.Th>Xero number</Table.Th>
          <Table.Th ta="right">Facility</Table.Th>
          <Table.Th ta="right">Xero</Table.Th>
          <Table.Th>Reason</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {r.differences.map((d, i) => (
          <Table.Tr key={`${d.kind}:${d.recordId ?? d.xeroNumber ?? ''}:${i}`}>
            <Table.Td>{d.date}</Table.Td>
            <Table.Td>{kindInfo(d.kind).noun}</Table.Td>
            <Table.Td>
              {d.facilityId ? (
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(i)} aria-label={`Open ${d.facilityId} in the integration report`}>
                  {d.facilityId}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">none</Text>
              )}
            </Table.Td>
            <Table.Td>
              {!d.facilityId && d.xeroNumber ? (
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(i)} aria-label={`Open invoice ${d.xeroNumber} in the integration report`}>
                  {d.xeroNumber}
                </Anchor>
              ) : (
                d.xeroNumber ?? ''
              )}
            </Table.Td>
            <Table.Td ta="right">{money(d.facilityCents, r.currency)}</Table.Td>
            <Table.Td ta="right">{money(d.xeroCents, r.currency)}</Table.Td>
            <Table.Td>
              {d.reason}{' '}
              {d.category === 'waiting' && (
                <Badge size="xs" color="yellow" variant="light">
                  waiting
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
