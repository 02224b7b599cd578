import * as Y from 'yjs';

/**
 * Whether `outer` holds every change `inner` does: each client's insertions up to its clock, and
 * each deletion. A state vector alone misses deletions (deleting text makes no new item); a
 * snapshot's delete set (from the struct store: sorted, adjacent ranges merged) has them.
 */
export function snapshotHolds(outer: Y.Snapshot, inner: Y.Snapshot): boolean {
  for (const [client, clock] of inner.sv) if ((outer.sv.get(client) ?? 0) < clock) return false;
  for (const [client, deleted] of inner.ds.clients) {
    const covering = outer.ds.clients.get(client) ?? [];
    const covered = ({ clock, len }: { clock: number; len: number }) =>
      covering.some((range) => range.clock <= clock && clock + len <= range.clock + range.len);
    if (!deleted.every(covered)) return false;
  }
  return true;
}
