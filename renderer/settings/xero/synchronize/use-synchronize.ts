import { useEffect, useState } from 'react';
import type { Mapping, MappingIssue, MappingView, ReferenceData } from '../../../../contract';
import { call, subscribe } from '../../../api-client';
import { MESSAGE_AT, type TabMessage } from './MessageAt';

export interface SynchronizeState {
  view: MappingView | null;
  reference: ReferenceData | null;
  /** The mapping as edited on screen (saved or not). */
  draft: Mapping | null;
  /** What is wrong with the draft, checked against the mirror as it is edited (checkMapping). */
  issues: MappingIssue[];
  dirty: boolean;
  busy: null | 'suggest' | 'refresh' | 'save' | 'create';
  /** The tab could not load at all. */
  error: string | null;
  /** The last action's outcome, shown next to what it is about (MessageAt). */
  message: TabMessage | null;
}

/**
 * The Synchronize tab's data: the mapping and the reference-data mirror, both read from the
 * local database (so the tab works offline), plus the actions behind its buttons. The draft is
 * checked again whenever it or Xero's lists change, so a field's message goes once it is filled.
 */
export function useSynchronize() {
  const [state, setState] = useState<SynchronizeState>({
    view: null, reference: null, draft: null, issues: [], dirty: false, busy: null, error: null, message: null,
  });
  const patch = (p: Partial<SynchronizeState>) => setState((s) => ({ ...s, ...p }));

  useEffect(() => {
    let live = true;
    Promise.all([call('getMapping'), call('getReferenceData')]).then(
      ([view, reference]) => live && setState((s) => ({ ...s, view, reference, draft: view.mapping, issues: view.issues, dirty: false })),
      (err: unknown) => live && patch({ error: message(err) }),
    );
    // Connecting refreshes the mirror in the background: show the new lists when that is done.
    const stop = subscribe('xero:reference-data', () => void call('getReferenceData').then((reference) => live && patch({ reference })));
    return () => {
      live = false;
      stop();
    };
  }, []);

  // Check the draft as it is edited and when Xero's lists change (after Create in Xero); the newest answer wins.
  const { draft, reference } = state;
  useEffect(() => {
    if (!draft) return;
    let live = true;
    const timer = setTimeout(() => {
      call('checkMapping', draft).then((issues) => live && patch({ issues }), () => undefined);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, reference]);

  async function run<T>(busy: SynchronizeState['busy'], at: string, fn: () => Promise<T>, done: (v: T) => Partial<SynchronizeState> & { said: string }) {
    patch({ busy, message: null });
    try {
      const { said, ...next } = done(await fn());
      patch({ ...next, busy: null, message: { at, text: said, ok: true } });
    } catch (err) {
      patch({ busy: null, message: { at, text: message(err), ok: false } });
    }
  }

  return {
    state,
    edit(next: Mapping) {
      patch({ draft: next, dirty: true, message: null });
    },
    suggest: () =>
      run('suggest', MESSAGE_AT.toolbar, () => call('suggestMapping'), (view) => ({
        view, draft: view.mapping, issues: view.issues, dirty: true, said: 'Suggested mappings are filled in. Check them, then click Save.',
      })),
    refresh: () =>
      run('refresh', MESSAGE_AT.toolbar, () => call('refreshReferenceData'), (reference) => ({ reference, said: 'Loaded the latest accounts, tax rates, categories and items from Xero.' })),
    save: () =>
      run('save', MESSAGE_AT.save, () => call('setMapping', state.draft!), (res) => ({
        view: res, draft: res.mapping, issues: res.issues, dirty: false,
        said: `Mapping saved.${res.requeued ? ` ${res.requeued} record${res.requeued === 1 ? '' : 's'} that waited for it will sync again.` : ''}`,
      })),
    /** Create in Xero for one facility value's option; the message shows under that value. */
    createOption: (categoryId: string, value: string, name: string) =>
      run('create', MESSAGE_AT.option(categoryId, value), () => call('createTrackingOption', { categoryId, name }), (reference) => ({ reference, said: `Created the option "${name}" in Xero.` })),
    /** "Create all missing": every missing option of a category, one after another. */
    createOptions: (categoryId: string, names: string[]) =>
      run('create', MESSAGE_AT.options(categoryId), async () => {
        let reference: ReferenceData | null = null;
        for (const name of names) reference = await call('createTrackingOption', { categoryId, name });
        return reference;
      }, (reference) => ({ ...(reference ? { reference } : {}), said: `Created ${names.length} option${names.length === 1 ? '' : 's'} in Xero: ${names.join(', ')}.` })),
    /** Create in Xero for a charge type's item; the message shows under that charge type's row. */
    createItem: (chargeType: string, code: string, name: string, accountCode: string, taxType: string) =>
      run('create', MESSAGE_AT.item(chargeType), () => call('createItem', { code, name, accountCode, taxType }), (reference) => ({ reference, said: `Created the item "${code}" in Xero.` })),
  };
}


export function issuesFor(issues: readonly MappingIssue[] | undefined, section: MappingIssue['section'], key: string): MappingIssue[] {
  return (issues ?? []).filter((i) => i.section === section && i.key === key);
}

/**
 * Mantine's `error` shows errors in red under the field; warnings go in the description. A field with
 * a message is marked, so the save bar's problem count can take the user to the first one.
 */
export function fieldMessages(issues: readonly MappingIssue[]) {
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => i.message);
  return {
    error: errors.length ? errors.join(' ') : undefined,
    description: warnings.length ? warnings.join(' ') : undefined,
    ...problemMark(issues.length > 0),
  };
}

/** The mark the save bar looks for: the first marked element in the page is the first problem. */
export const PROBLEM_ATTRIBUTE = 'data-mapping-problem';
export function problemMark(problem: boolean | undefined): Record<string, string> {
  return problem ? { [PROBLEM_ATTRIBUTE]: 'true' } : {};
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
