import { Alert, Badge, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { FALLBACK_DISPLAY_FORMAT, SCREENS, formatCount, type BalanceCheck, type ReportRow, type SyncOption, type SyncOptionProgress } from '../../../contract';
import { call, subscribe } from '../../api-client';
import { navigate } from '../../routes';
import { BalanceCompare } from './BalanceCompare';
import { BlankReport } from './BlankReport';
import { ExcludeConfirmModal } from './ExcludeConfirmModal';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { SyncActionBar } from './SyncActionBar';
import { SyncOutcomeModal } from './SyncOutcomeModal';
import { XERO_CHANGE_OPTIONS, XeroChangeConfirm } from './XeroChangeConfirm';
import { KIND_NOUN, plural, type FilterDraft } from './report-types';
import { rememberScrollY, sessionFilter, sessionScrollY, useReport } from './use-report';

const INITIAL: FilterDraft = { kind: 'payments', status: 'non-synced' };

/**
 * Reports > Accounting Software Integration Report. Reads the local mirror: works offline.
 * `initial`: a filter to run at once (a link from the reconciliation report).
 */
export function IntegrationReportPage({ initial }: { initial?: FilterDraft } = {}) {
  const report = useReport();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [option, setOption] = useState<SyncOption>('resync');
  const [applying, setApplying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [outcome, setOutcome] = useState<SyncOptionProgress | null>(null);
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  // Send ours again / Accept Xero's / Ignore ask first, saying what they do.
  const [confirming, setConfirming] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  // A fix outside the app (in the facility system or in Xero): shown here, as there is no screen to open.
  const [fixShown, setFixShown] = useState<ReportRow | null>(null);
  const [balanceCheck, setBalanceCheck] = useState<BalanceCheck | null>(null);
  const [confirmExclude, setConfirmExclude] = useState<{ total: number; inXero: number | null; noun: string } | null>(null);
  const { reload } = report;
  const runReport = report.run;
  useEffect(() => {
    if (initial) void runReport(initial);
  }, [initial, runReport]);

  // Back on the page in the same session: the kept report, where it was scrolled to (issue 17).
  useLayoutEffect(() => {
    const y = sessionScrollY();
    if (y > 0) window.scrollTo(0, y);
    return () => rememberScrollY(window.scrollY);
  }, []);

  // Live progress of the ReSync this page started; refresh the rows when it moves.
  useEffect(
    () =>
      subscribe('report:sync-option', (p) => {
        setOutcome((current) => {
          if (!current || current.requestId !== p.requestId) return current;
          return p;
        });
      }),
    [],
  );
  useEffect(() => {
    if (outcome?.finished) reload();
  }, [outcome?.finished, outcome?.synced, outcome?.failed, reload]);

  const run = (f: FilterDraft) => {
    setSelected(new Set());
    setAllMatching(false);
    void report.run(f);
  };

  const toggle = useCallback((id: number) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  // Exclude on records in Xero asks first: they stay in Xero, and people expect otherwise.
  const requestApply = () => {
    if (option !== 'exclude' || !report.filter) return void apply();
    const nouns = KIND_NOUN[report.filter.kind];
    if (allMatching) {
      const maybeInXero = counts ? counts.synced + counts.changed_in_xero + counts.needs_review : 1;
      if (maybeInXero > 0) return setConfirmExclude({ total: matching, inXero: null, noun: matching === 1 ? nouns[0] : nouns[1] });
      return void apply();
    }
    const chosen = report.rows.filter((r) => selected.has(r.id));
    const inXero = chosen.filter((r) => r.inXero).length;
    if (inXero === 0) return void apply();
    setConfirmExclude({ total: chosen.length, inXero, noun: chosen.length === 1 ? nouns[0] : nouns[1] });
  };

  const apply = async () => {
    if (!report.filter) return;
    setConfirmExclude(null);
    setApplying(true);
    setOutcomeError(null);
    try {
      const { kind, ...filter } = report.filter;
      const result = await call('applySyncOption', allMatching ? { kind, option, allMatching: true, filter } : { kind, option, ids: [...selected] });
      setOutcome(result);
      setSelected(new Set());
      setAllMatching(false);
      reload();
    } catch (e) {
      setOutcome(null);
      setOutcomeError((e as Error).message);
    } finally {
      setApplying(false);
      setModalOpen(true);
    }
  };

  const exportCsv = async () => {
    if (!report.filter) return;
    setExporting(true);
    setExportError(null);
    try {
      const file = await call('exportReportCsv', report.filter);
      const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setExportError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const fix = (row: ReportRow) => {
    const target = row.error?.fixTarget;
    if (target) navigate(...SCREENS[target].route);
    else setFixShown(row);
  };

  const counts = report.counts;
  const format = report.format ?? FALLBACK_DISPLAY_FORMAT;
  const n = (v: number) => formatCount(v, format);
  const noun = report.filter ? KIND_NOUN[report.filter.kind] : KIND_NOUN.payments;
  const matching = counts ? (report.filter?.status === 'synced' ? counts.synced : report.filter?.status === 'non-synced' ? counts.total - counts.synced : counts.total) : 0;

  return (
    <Stack>
      <Title order={2}>Accounting Software Integration Report</Title>
      <ReportFilters initial={initial ?? sessionFilter() ?? INITIAL} loading={report.loading} onSubmit={run} />
      {!report.filter && !report.loading && <BlankReport reason="not_run" />}
      {report.error && (
        <Alert color="red" title="The report could not be loaded">
          {report.error}
        </Alert>
      )}
      {exportError && (
        <Alert color="red" title="Export failed" withCloseButton onClose={() => setExportError(null)}>
          {exportError}
        </Alert>
      )}
      {report.filter && counts && (
        <>
          <Group gap="xs" aria-label="Counts">
            <Text size="sm">{plural(matching, noun, format)} match</Text>
            <Badge color="teal" variant="light">{n(counts.synced)} synced</Badge>
            <Badge color="blue" variant="light">{n(counts.pending + counts.waiting)} waiting</Badge>
            <Badge color="red" variant="light">{n(counts.failed)} failed</Badge>
            <Badge color="gray" variant="light">{n(counts.excluded)} excluded</Badge>
          </Group>
          {counts.changed_in_xero > 0 && (
            <Alert color="grape" title={`${plural(counts.changed_in_xero, noun, format)} changed in Xero after ${counts.changed_in_xero === 1 ? 'it was' : 'they were'} sent`}>
              Each row says what changed. Select them and choose Send ours again, Accept Xero&apos;s or Ignore as the sync option.
            </Alert>
          )}
          {report.filter.kind === 'tenants' && counts.total > 0 && (
            <BalanceCompare rows={report.rows} format={format} result={balanceCheck} onResult={(r) => {
              setBalanceCheck(r);
              // The rows show Xero's balance as just read.
              if (r) reload();
            }} />
          )}
          <SyncActionBar
            option={option}
            onOption={setOption}
            selectedCount={selected.size}
            matchingCount={matching}
            allMatching={allMatching}
            onSelectPage={() => {
              setAllMatching(false);
              setSelected(new Set(report.rows.map((r) => r.id)));
            }}
            onSelectAllMatching={() => setAllMatching(true)}
            onClear={() => {
              setAllMatching(false);
              setSelected(new Set());
            }}
            onApply={() => (XERO_CHANGE_OPTIONS[option] ? setConfirming(true) : requestApply())}
            onExport={exportCsv}
            applying={applying}
            exporting={exporting}
          />
          {report.rows.length === 0 && !report.loading ? (
            <BlankReport reason={counts.total === 0 ? (report.filter.locationId || report.filter.buildingId || report.filter.from || report.filter.to ? 'no_match' : 'nothing_imported') : 'status'} filter={report.filter} noun={noun} />
          ) : (
            <ReportTable rows={report.rows} matching={matching} selected={selected} allMatching={allMatching} onToggle={toggle} onFix={fix} hasMore={report.hasMore} onNeedMore={report.loadMore} format={format} />
          )}
        </>
      )}
      <ExcludeConfirmModal pending={confirmExclude} onCancel={() => setConfirmExclude(null)} onConfirm={() => void apply()} format={format} />
      <XeroChangeConfirm
        option={confirming ? option : null}
        count={allMatching ? matching : selected.size}
        noun={(allMatching ? matching : selected.size) === 1 ? noun[0] : noun[1]}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void apply();
        }}
      />
      <SyncOutcomeModal opened={modalOpen} onClose={() => setModalOpen(false)} progress={outcome} error={outcomeError} />
      <Modal opened={fixShown !== null} onClose={() => setFixShown(null)} title="How to fix it">
        <Stack gap="xs">
          <Text size="sm">{fixShown?.error?.explanation}</Text>
          <Text size="sm" fw={600}>{fixShown?.error?.fix}</Text>
        </Stack>
      </Modal>
    </Stack>
  );
}
