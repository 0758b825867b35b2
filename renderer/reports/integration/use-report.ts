import { useCallback, useEffect, useRef, useState } from 'react';
import type { DisplayFormat, ReportCounts, ReportFilter, ReportRow } from '../../../contract';
import { call } from '../../api-client';
import type { FilterDraft } from './report-types';

const PAGE = 200;

export interface ReportState {
  filter: FilterDraft | null;
  rows: ReportRow[];
  counts: ReportCounts | null;
  format: DisplayFormat | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
}

const EMPTY: ReportState = { filter: null, rows: [], counts: null, format: null, hasMore: false, loading: false, error: null };

/**
 * The last report of this session (issue 17): leaving Reports and coming back shows the same filters,
 * rows and scroll position instead of an empty page. Kept in memory only (the window's lifetime):
 * it is a view of the local mirror, and the next Get Report reads it afresh.
 */
const session: { state: ReportState; cursor: string | null; scrollY: number } = { state: EMPTY, cursor: null, scrollY: 0 };

/** The filter of the report kept for this session, for the filter form's starting values. */
export function sessionFilter(): FilterDraft | null {
  return session.state.filter;
}

/** Where the window was scrolled to on the report when the user left it. */
export function sessionScrollY(): number {
  return session.state.filter ? session.scrollY : 0;
}

export function rememberScrollY(y: number): void {
  session.scrollY = y;
}

/** Loads the report page by page (keyset cursor) as the table scrolls. */
export function useReport() {
  const [state, setState] = useState<ReportState>(() => ({ ...session.state, loading: false }));
  const cursor = useRef<string | null>(session.cursor);
  const generation = useRef(0);
  const busy = useRef(false);

  useEffect(() => {
    session.state = state;
    session.cursor = cursor.current;
  }, [state]);

  const fetchPage = useCallback(async (filter: FilterDraft, reset: boolean) => {
    const gen = reset ? ++generation.current : generation.current;
    busy.current = true;
    setState((s) => ({ ...s, filter, loading: true, error: null, ...(reset ? { rows: [], counts: null, hasMore: false } : {}) }));
    try {
      const request: ReportFilter = { ...filter, limit: PAGE, ...(reset || !cursor.current ? {} : { cursor: cursor.current }) };
      const page = await call('queryReport', request);
      if (gen !== generation.current) return;
      cursor.current = page.nextCursor;
      setState((s) => ({
        ...s,
        rows: reset ? page.rows : [...s.rows, ...page.rows],
        counts: page.counts ?? s.counts,
        format: page.format,
        hasMore: page.nextCursor !== null,
        loading: false,
      }));
    } catch (e) {
      if (gen === generation.current) setState((s) => ({ ...s, loading: false, error: (e as Error).message }));
    } finally {
      busy.current = false;
    }
  }, []);

  const run = useCallback(
    (filter: FilterDraft) => {
      session.scrollY = 0;
      return fetchPage(filter, true);
    },
    [fetchPage],
  );
  const loadMore = useCallback(() => {
    if (!busy.current && state.hasMore && state.filter) void fetchPage(state.filter, false);
  }, [fetchPage, state.hasMore, state.filter]);
  const reload = useCallback(() => {
    if (state.filter) void fetchPage(state.filter, true);
  }, [fetchPage, state.filter]);

  return { ...state, run, loadMore, reload };
}
