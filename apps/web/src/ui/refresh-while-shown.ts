import { useEffect } from 'react';
import { inBackground } from '../api.ts';

type Page = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

/**
 * Calls `load` now, then every `everyMs` while the page is shown, and at once when it is shown
 * again (its tab brought back): for a page whose figures change elsewhere without telling it.
 * Nothing while hidden: a tab left open all day asks nothing of the server. What it asks is the
 * page's own doing (inBackground): no use of the session, which runs out as if the page were idle.
 * Returns how to stop.
 */
export function refreshWhileShown(load: () => void, everyMs: number, page: Page = document): () => void {
  const ask = () => page.visibilityState === 'visible' && inBackground(load);
  inBackground(load);
  const timer = setInterval(ask, everyMs);
  page.addEventListener('visibilitychange', ask);
  return () => {
    clearInterval(timer);
    page.removeEventListener('visibilitychange', ask);
  };
}

/** refreshWhileShown while the component is shown (none without `load`). */
export function useRefreshWhileShown(load: (() => void) | undefined, everyMs: number): void {
  useEffect(() => (load ? refreshWhileShown(load, everyMs) : undefined), [load, everyMs]);
}
