import { useCallback, useSyncExternalStore } from 'react';

/** Hash routes (#/settings/integration/xero/authenticate): in-page, so no navigation guard fires. */
export type Route = string[];

function parse(hash: string): Route {
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean);
}

function subscribeHash(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function navigate(...parts: string[]): void {
  window.location.hash = '#/' + parts.join('/');
}

export function useRoute(): [Route, (...parts: string[]) => void] {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const go = useCallback((...parts: string[]) => navigate(...parts), []);
  return [parse(hash), go];
}
