import { Anchor, Badge, Box, Checkbox, Text, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ReportRow } from '../../../contract';
import { STATUS_BADGE, formatMoney, recordLabel } from './report-types';

interface Props {
  rows: ReportRow[];
  /** All rows matching the filter (loaded or not), for assistive technology. */
  matching: number;
  selected: ReadonlySet<number>;
  allMatching: boolean;
  onToggle: (id: number) => void;
  onFix: (row: ReportRow) => void;
  hasMore: boolean;
  onNeedMore: () => void;
}

const COLUMNS = '32px minmax(150px,1.3fr) 86px 80px minmax(100px,1fr) minmax(80px,0.8fr) 86px 136px minmax(200px,2fr) 90px';
const ROW_HEIGHT = 56;

/** Virtualized: only the visible rows are in the DOM, so 100,000 rows scroll smoothly. */
export function ReportTable({ rows, matching, selected, allMatching, onToggle, onFix, hasMore, onNeedMore }: Props) {
  const parentRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's documented hook usage
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    // Ask for the next page well before the end, so a fast scroll rarely waits at the bottom.
    if (hasMore && lastIndex >= rows.length - 100) onNeedMore();
  }, [hasMore, lastIndex, rows.length, onNeedMore]);

  return (
    <Box role="table" aria-label="Integration report results" aria-rowcount={Math.max(matching, rows.length) + 1} data-loaded-rows={rows.length} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, overflowX: 'auto' }}>
      <Box role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '8px 12px', background: 'var(--mantine-color-gray-0)', fontWeight: 600, fontSize: 13 }}>
        <span role="columnheader" aria-label="Selected" />
        {['Record', 'Date', 'Amount', 'Location', 'Building', 'Status', 'Last attempt', 'Failure and fix', 'Xero'].map((h) => (
          <span role="columnheader" key={h} style={h === 'Amount' ? { textAlign: 'right' } : undefined}>
            {h}
          </span>
        ))}
      </Box>
      <div ref={parentRef} style={{ height: 'calc(100vh - 400px)', minHeight: 240, overflow: 'auto' }}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const badge = STATUS_BADGE[row.status];
            const label = recordLabel(row);
            return (
              <div
                role="row"
                key={row.id}
                aria-rowindex={item.index + 2}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  gap: 8,
                  alignItems: 'center',
                  padding: '0 12px',
                  borderTop: '1px solid var(--mantine-color-gray-2)',
                  fontSize: 13,
                }}
              >
                <span role="cell">
                  <Checkbox aria-label={`Select ${label}`} checked={allMatching || selected.has(row.id)} disabled={allMatching} onChange={() => onToggle(row.id)} />
                </span>
                <span role="cell">
                  <Text size="sm" fw={500} lineClamp={1}>
                    {label}
                  </Text>
                  {row.kind !== 'tenant' && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {row.tenantName}
                    </Text>
                  )}
                </span>
                <span role="cell">{row.date}</span>
                <span role="cell" style={{ textAlign: 'right' }}>
                  {formatMoney(row.amountCents)}
                </span>
                <span role="cell">{row.location}</span>
                <span role="cell">{row.building ?? ''}</span>
                <span role="cell">
                  <Badge color={badge.color} variant="light">
                    {badge.label}
                  </Badge>
                </span>
                <span role="cell">{row.lastAttemptAt ? new Date(row.lastAttemptAt).toLocaleString() : ''}</span>
                <span role="cell">
                  {row.error && (
                    <Tooltip label={row.error.fix} multiline w={320} withinPortal>
                      <Text size="xs" lineClamp={2}>
                        {row.error.explanation}{' '}
                        <Anchor component="button" size="xs" onClick={() => onFix(row)}>
                          Fix
                        </Anchor>
                      </Text>
                    </Tooltip>
                  )}
                </span>
                <span role="cell">
                  {row.xeroUrl && (
                    <Anchor href={row.xeroUrl} target="_blank" rel="noreferrer" size="xs">
                      Open in Xero
                    </Anchor>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
