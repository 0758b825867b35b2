import { useCallback, useRef, useState } from 'react';
import type { ReportCounts, ReportFilter, ReportRow } from '../../../contract';
import { call } from '../../api-client';
import type { FilterDraft } from './report-types';

const PAGE = 200;

export interface ReportState {
  filter: FilterDraft | null;
  rows: ReportRow[];
  counts: ReportCounts | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
}

/** Loads the report page by page (keyset cursor) as the table scrolls. */
export function useReport() {
  const [state, setState] = useState<ReportState>({ filter: null, rows: [], counts: null, hasMore: false, loading: false, error: null });
  const cursor = useRef<string | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);

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
        hasMore: page.nextCursor !== null,
        loading: false,
      }));
    } catch (e) {
      if (gen === generation.current) setState((s) => ({ ...s, loading: false, error: (e as Error).message }));
    } finally {
      busy.current = false;
    }
  }, []);

  const run = useCallback((filter: FilterDraft) => fetchPage(filter, true), [fetchPage]);
  const loadMore = useCallback(() => {
    if (!busy.current && state.hasMore && state.filter) void fetchPage(state.filter, false);
  }, [fetchPage, state.hasMore, state.filter]);
  const reload = useCallback(() => {
    if (state.filter) void fetchPage(state.filter, true);
  }, [fetchPage, state.filter]);

  return { ...state, run, loadMore, reload };
}
