import { BUILD_HEADER } from '@care/schema';
import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the server now serves a later build of this app than the page's own (it was updated
 * while the page stayed open). Such a page may no longer read what the later build writes into a
 * case, and may fail to load its own pages' code, which the update removed: it should be reloaded.
 */
const THIS_BUILD = __CARE_BUILD__;
/** How often an open page asks, besides every API call it makes anyway. */
const CHECK_EVERY_MS = 60_000;

let laterServed = false;
const listeners = new Set<() => void>();

/** Reads the build a server response names (BUILD_HEADER). */
export function noteServedBuild(response: Response): void {
  const served = response.headers.get(BUILD_HEADER);
  if (THIS_BUILD === null || served === null || served === THIS_BUILD || laterServed) return;
  laterServed = true;
  for (const listener of listeners) listener();
}

/** Asks the server which build it serves now; true when it is not this page's. */
export async function laterBuildServed(): Promise<boolean> {
  await fetch('/api/health').then(noteServedBuild, () => {});
  return laterServed;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Whether a later build is served; asks every minute, and when the window regains focus or the network. */
export function useLaterBuildServed(): boolean {
  const later = useSyncExternalStore(subscribe, () => laterServed);
  useEffect(() => {
    if (THIS_BUILD === null) return;
    const check = () => void laterBuildServed();
    const timer = setInterval(check, CHECK_EVERY_MS);
    window.addEventListener('focus', check);
    window.addEventListener('online', check);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', check);
      window.removeEventListener('online', check);
    };
  }, []);
  return later;
}
