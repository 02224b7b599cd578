import { useEffect } from 'react';

/**
 * Calls `load` now, then every `everyMs` while the page is shown, and at once when it is shown
 * again (its tab brought back): for a page whose figures change elsewhere without telling it.
 * Nothing while hidden: a tab left open all day asks nothing of the server.
 */
export function useRefreshWhileShown(load: (() => void) | undefined, everyMs: number): void {
  useEffect(() => {
    if (!load) return;
    load();
    const timer = setInterval(() => document.visibilityState === 'visible' && load(), everyMs);
    const shownAgain = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', shownAgain);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', shownAgain);
    };
  }, [load, everyMs]);
}
