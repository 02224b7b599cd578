import { useSyncExternalStore } from 'react';

/**
 * A value that changes often, held outside React: only the components that show it (useWatched)
 * render again when it changes, not the one that holds it with everything under it.
 */
export class Watched<T> {
  private readonly listeners = new Set<() => void>();
  constructor(private value: T) {}
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  readonly current = () => this.value;
  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of this.listeners) listener();
  }
}

export function useWatched<T>(watched: Watched<T>): T {
  return useSyncExternalStore(watched.subscribe, watched.current);
}
