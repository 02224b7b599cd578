import type * as Y from 'yjs';

/**
 * How an action item's 経過 is kept in its Y.Map: each version under a key of its own,
 * `progress:<version id>` → text. Writing 経過 deletes the versions the writer's doc holds (the
 * ones on their screen) and adds one. Two people who write it without seeing each other's (one
 * of them offline) each delete only what they saw, so both texts stay, where one plain value
 * would keep the last writer's and drop the other's without a word. The next write, made
 * seeing both, replaces both.
 *
 * Items written before this layout hold one plain `progress` value: it is read as a version,
 * and deleted with the others by the next write.
 */
const VERSION_PREFIX = 'progress:';
const LEGACY_KEY = 'progress';

const isProgressKey = (key: string) => key === LEGACY_KEY || key.startsWith(VERSION_PREFIX);

/**
 * An item's fields as read from its map, with its 経過 versions gathered into `progress` (in an
 * order every peer shares, by key). Values are validated by the caller.
 */
export function withProgressGathered(fields: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  const versions: [string, unknown][] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (isProgressKey(key)) versions.push([key, value]);
    else rest[key] = value;
  }
  if (versions.length === 0) return rest;
  versions.sort(([a], [b]) => (a < b ? -1 : 1)); // keys differ; the legacy key sorts first
  return { ...rest, progress: versions.map(([, value]) => value) };
}

/**
 * Replaces every 経過 version the item holds with `text`, or with none when it is empty. Writes
 * nothing when the item already holds exactly that one text. Call inside a transaction.
 */
export function replaceProgress(item: Y.Map<unknown>, text: string, newId: () => string): void {
  const held = [...item.keys()].filter(isProgressKey);
  if (held.length === 1 && item.get(held[0]!) === text) return;
  for (const key of held) item.delete(key);
  if (text) item.set(VERSION_PREFIX + newId(), text);
}
