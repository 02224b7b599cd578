import { BUILD_HEADER } from '@care/schema';
import { useSyncExternalStore } from 'react';

/**
 * Whether the server now serves a later build of this app than the page's own (it was updated
 * while the page stayed open). Such a page may no longer read what the later build writes into a
 * case, and may fail to load its own pages' code, which the update removed: it should be reloaded.
 * Learnt from every API response (api.ts).
 */
const THIS_BUILD = __CARE_BUILD__;
/** Whether this page compares builds at all: not in development, which has none. */
export const comparesBuilds = THIS_BUILD !== null;

let laterServed = false;
const listeners = new Set<() => void>();

/** Reads the build a server response names (BUILD_HEADER). */
export function noteServedBuild(response: Response): void {
  const served = response.headers.get(BUILD_HEADER);
  if (!comparesBuilds || served === null || served === THIS_BUILD || laterServed) return;
  laterServed = true;
  for (const listener of listeners) listener();
}

/** Whether a response has named a build other than this page's (never in development). */
export const laterBuildServed = (): boolean => laterServed;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export const useLaterBuildServed = (): boolean => useSyncExternalStore(subscribe, laterBuildServed);
