import { Anchor, Badge, Box, Checkbox, Text, Tooltip } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { formatDate, formatMoney, formatTimestamp, formatTimestampParts, timeZoneNameAt, type DisplayFormat, type ReportRow } from '../../../contract';
import { STATUS_BADGE, recordLabel } from './report-types';

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
  format: DisplayFormat;
}

/**
 * Sized for a 1366x768 laptop (issue 17): the fixed columns take about 660 px and the three
 * flexible ones (record, place, failure) share the rest and shrink, never the page, so there is no
 * sideways scroll. What does not fit shows whole in a tooltip; Fix has its own column so it is never cut off.
 */
const COLUMNS = '28px minmax(0,1.4fr) 92px 112px minmax(0,1fr) 124px 108px minmax(0,2fr) 40px 92px';
const HEADERS = ['Record', 'Date', 'Amount', 'Location', 'Status', 'Last attempt', 'Failure', 'Fix', 'Xero'];
const ROW_HEIGHT = 44;
/** Tenants show their balance (the facility's, Xero's under it) where other records show their amount. */
const headersFor = (kind: ReportRow['kind'] | undefined) => (kind === 'tenant' ? HEADERS.map((h) => (h === 'Amount' ? 'Balance' : h)) : HEADERS);
const PAYMENT_TYPE_WORDS = { payment: 'Payment', prepayment: 'Prepayment', refund: 'Refund' } as const;
const clip: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

/**
 * Virtualized against the window: only the visible rows are in the DOM, so 100,000 rows scroll
 * smoothly, and the page is the one scroll area (no box scrolling inside the page). The column
 * headers stay under the app's header while the rows scroll.
 */
export function ReportTable({ rows, matching, selected, allMatching, onToggle, onFix, hasMore, onNeedMore, format }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The rows start where the list is in the page; an alert above it moves it, and so changes the page's size.
  useLayoutEffect(() => {
    const measure = () => {
      const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setScrollMargin((was) => (Math.abs(was - top) > 0.5 ? top : was));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => ROW_HEIGHT, overscan: 10, scrollMargin });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    // Ask for the next page well before the end, so a fast scroll rarely waits at the bottom.
    if (hasMore && lastIndex >= rows.length - 100) onNeedMore();
  }, [hasMore, lastIndex, rows.length, onNeedMore]);

  return (
    <Box role="table" aria-label="Integration report results" aria-rowcount={Math.max(matching, rows.length) + 1} data-loaded-rows={rows.length} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <Box
        role="row"
        style={{
          display: 'grid', gridTemplateColumns: COLUMNS, gap: 6, padding: '8px 10px', background: 'var(--mantine-color-gray-0)', fontWeight: 600, fontSize: 13,
          position: 'sticky', top: 'var(--app-shell-header-height, 0px)', zIndex: 2, borderBottom: '1px solid var(--mantine-color-gray-3)',
        }}
      >
        <span role="columnheader" aria-label="Selected" />
        {headersFor(rows[0]?.kind).map((h) => (
          <span role="columnheader" key={h} style={{ ...clip, ...(h === 'Amount' || h === 'Balance' ? { textAlign: 'right' } : {}) }}>
            {h}
          </span>
        ))}
      </Box>
      <div ref={listRef} role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <ReportTableRow
              key={row.id}
              row={row}
              index={item.index}
              top={item.start - scrollMargin}
              checked={allMatching || selected.has(row.id)}
              disabled={allMatching}
              onToggle={onToggle}
              onFix={onFix}
              format={format}
            />
          );
        })}
      </div>
    </Box>
  );
}

interface RowProps {
  row: ReportRow;
  index: number;
  top: number;
  checked: boolean;
  disabled: boolean;
  onToggle: (id: number) => void;
  onFix: (row: ReportRow) => void;
  format: DisplayFormat;
}

function ReportTableRow({ row, index, top, checked, disabled, onToggle, onFix, format }: RowProps) {
  const badge = STATUS_BADGE[row.status];
  const label = recordLabel(row);
  const attempt = row.lastAttemptAt ? formatTimestampParts(row.lastAttemptAt, format) : null;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-record-id={row.externalId}
      style={{
        position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)`,
        display: 'grid', gridTemplateColumns: COLUMNS, gap: 6, alignItems: 'center', padding: '0 10px',
        borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)', fontSize: 13,
      }}
    >
      <span role="cell">
        <Checkbox size="xs" aria-label={`Select ${label}`} checked={checked} disabled={disabled} onChange={() => onToggle(row.id)} />
      </span>
      <span role="cell" style={{ minWidth: 0 }}>
        {/* The whole id and tenant on hover and for screen readers; the cell itself cuts them with an ellipsis. */}
        <Tooltip label={row.kind === 'tenant' ? `${label} (${row.externalId})` : `${label} - ${row.tenantName}`} openDelay={300} withinPortal>
          <div title={label}>
            <Text size="sm" fw={500} style={clip}>
              {label}
            </Text>
            <Text size="xs" c="dimmed" style={clip}>
              {row.kind === 'tenant' ? row.externalId : row.paymentType ? `${PAYMENT_TYPE_WORDS[row.paymentType]} · ${row.tenantName}` : row.tenantName}
            </Text>
          </div>
        </Tooltip>
      </span>
      <span role="cell" title={row.date} style={clip}>
        {formatDate(row.date, format)}
      </span>
      <AmountCell row={row} format={format} />
      <span role="cell" style={{ minWidth: 0 }} title={[row.location, row.building].filter(Boolean).join(', ')}>
        <Text size="sm" style={clip}>
          {row.location}
        </Text>
        {row.building && (
          <Text size="xs" c="dimmed" style={clip}>
            {row.building}
          </Text>
        )}
      </span>
      <span role="cell" style={{ minWidth: 0 }}>
        <Badge color={badge.color} variant="light" size="sm" maw="100%" title={badge.label}>
          {badge.label}
        </Badge>
      </span>
      <span
        role="cell"
        style={{ whiteSpace: 'nowrap', lineHeight: 1.25 }}
        title={row.lastAttemptAt ? `${formatTimestamp(row.lastAttemptAt, format)} ${timeZoneNameAt(row.lastAttemptAt, format)} (${row.lastAttemptAt})` : undefined}
      >
        {attempt && (
          <>
            <div>{attempt.date}</div>
            <Text size="xs" c="dimmed" component="div">
              {attempt.time}
            </Text>
          </>
        )}
      </span>
      <span role="cell" style={{ minWidth: 0 }}>
        {row.error && (
          <Tooltip label={`${row.error.explanation} ${row.error.fix}`} multiline w={360} openDelay={300} withinPortal>
            <Text size="xs" lineClamp={2} style={{ lineHeight: 1.3 }}>
              {row.error.explanation}
            </Text>
          </Tooltip>
        )}
      </span>
      <span role="cell">
        {row.error && (
          <Anchor component="button" size="xs" onClick={() => onFix(row)} aria-label={`Fix ${label}`}>
            Fix
          </Anchor>
        )}
      </span>
      <span role="cell" style={{ whiteSpace: 'nowrap' }}>
        {row.xeroUrl && (
          <Anchor href={row.xeroUrl} target="_blank" rel="noreferrer" size="xs">
            Open in Xero
          </Anchor>
        )}
      </span>
    </div>
  );
}

/** The amount; a prepayment's unapplied part under it; a tenant's balance in the facility with Xero's under it. */
function AmountCell({ row, format }: { row: ReportRow; format: DisplayFormat }) {
  const money = (cents: number) => formatMoney(cents, format, row.currency);
  const style: CSSProperties = { ...clip, textAlign: 'right', fontVariantNumeric: 'tabular-nums', lineHeight: 1.25 };
  if (row.balance) {
    const { facilityCents, xeroCents, xeroReadAt } = row.balance;
    const differs = xeroCents !== null && xeroCents !== facilityCents;
    const title = xeroCents === null
      ? `Facility ${money(facilityCents)}; Xero's balance not read yet (Compare balances with Xero)`
      : `Facility ${money(facilityCents)}; Xero ${money(xeroCents)}, read ${formatTimestamp(xeroReadAt ?? '', format)}`;
    return (
      <span role="cell" style={style} title={title} data-balance-differs={differs || undefined}>
        <div>{money(facilityCents)}</div>
        <Text size="xs" c={differs ? 'red.8' : 'dimmed'} component="div" style={clip}>
          {xeroCents === null ? 'Xero: not read' : `Xero ${money(xeroCents)}`}
        </Text>
      </span>
    );
  }
  return (
    <span role="cell" style={style}>
      <div>{row.amountCents === null ? '' : money(row.amountCents)}</div>
      {row.unappliedCents !== null && (
        <Text size="xs" c="dimmed" component="div" style={clip} title="Not yet applied to invoices or paid back">
          {`${money(row.unappliedCents)} unapplied`}
        </Text>
      )}
    </span>
  );
}
