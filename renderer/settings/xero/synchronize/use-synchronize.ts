import { useEffect, useState } from 'react';
import type { Mapping, MappingIssue, MappingView, ReferenceData } from '../../../../contract';
import { call, subscribe } from '../../../api-client';

export interface SynchronizeState {
  view: MappingView | null;
  reference: ReferenceData | null;
  /** The mapping as edited on screen (saved or not). */
  draft: Mapping | null;
  dirty: boolean;
  busy: null | 'suggest' | 'refresh' | 'save' | 'create';
  error: string | null;
  notice: string | null;
}

/**
 * The Synchronize tab's data: the mapping and the reference-data mirror, both read from the
 * local database (so the tab works offline), plus the actions behind its buttons.
 */
export function useSynchronize() {
  const [state, setState] = useState<SynchronizeState>({
    view: null, reference: null, draft: null, dirty: false, busy: null, error: null, notice: null,
  });
  const patch = (p: Partial<SynchronizeState>) => setState((s) => ({ ...s, ...p }));

  useEffect(() => {
    let live = true;
    Promise.all([call('getMapping'), call('getReferenceData')]).then(
      ([view, reference]) => live && setState((s) => ({ ...s, view, reference, draft: view.mapping, dirty: false })),
      (err: unknown) => live && patch({ error: message(err) }),
    );
    // Connecting refreshes the mirror in the background: show the new lists when that is done.
    const stop = subscribe('xero:reference-data', () => void call('getReferenceData').then((reference) => live && patch({ reference })));
    return () => {
      live = false;
      stop();
    };
  }, []);

  async function run<T>(busy: SynchronizeState['busy'], fn: () => Promise<T>, done: (v: T) => Partial<SynchronizeState>) {
    patch({ busy, error: null, notice: null });
    try {
      const v = await fn();
      patch({ ...done(v), busy: null });
    } catch (err) {
      patch({ busy: null, error: message(err) });
    }
  }

  return {
    state,
    edit(next: Mapping) {
      patch({ draft: next, dirty: true, notice: null });
    },
    suggest: () =>
      run('suggest', () => call('suggestMapping'), (view) => ({
        view, draft: view.mapping, dirty: true, notice: 'Suggested mappings are filled in. Check them, then click Save.',
      })),
    refresh: () =>
      run('refresh', () => call('refreshReferenceData'), (reference) => ({ reference, notice: 'Loaded the latest accounts, tax rates, categories and items from Xero.' })),
    save: () =>
      run('save', () => call('setMapping', state.draft!), (res) => ({
        view: res, draft: res.mapping, dirty: false,
        notice: `Mapping saved.${res.requeued ? ` ${res.requeued} record${res.requeued === 1 ? '' : 's'} that waited for it will sync again.` : ''}`,
      })),
    createOption: (categoryId: string, name: string) =>
      run('create', () => call('createTrackingOption', { categoryId, name }), (reference) => ({ reference, notice: `Created the option "${name}" in Xero.` })),
    /** "Create all missing": every missing option of a category, one after another. */
    createOptions: (categoryId: string, names: string[]) =>
      run('create', async () => {
        let reference: ReferenceData | null = null;
        for (const name of names) reference = await call('createTrackingOption', { categoryId, name });
        return reference;
      }, (reference) => ({ ...(reference ? { reference } : {}), notice: `Created ${names.length} option${names.length === 1 ? '' : 's'} in Xero: ${names.join(', ')}.` })),
    createItem: (code: string, name: string, accountCode: string, taxType: string) =>
      run('create', () => call('createItem', { code, name, accountCode, taxType }), (reference) => ({ reference, notice: `Created the item "${code}" in Xero.` })),
  };
}


export function issuesFor(issues: readonly MappingIssue[] | undefined, section: MappingIssue['section'], key: string): MappingIssue[] {
  return (issues ?? []).filter((i) => i.section === section && i.key === key);
}

/** Mantine's `error` shows errors in red under the field; warnings go in the description. */
export function fieldMessages(issues: readonly MappingIssue[]) {
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => i.message);
  return { error: errors.length ? errors.join(' ') : undefined, description: warnings.length ? warnings.join(' ') : undefined };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
