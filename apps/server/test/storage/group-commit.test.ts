import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/storage/group-commit.ts';

/** A backend whose batches are written and made durable only when the test says so. */
function controlledBackend() {
  const batches: { items: string[]; written: () => void; durable: () => void; fail: (error: Error) => void }[] = [];
  const commit = (items: string[], written: () => void) =>
    new Promise<void>((durable, fail) => batches.push({ items, written, durable, fail }));
  return { batches, commit };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('tells each caller when its batch is written, then resolves it when durable, in order', async () => {
    const { batches, commit } = controlledBackend();
    const group = new GroupCommit(commit);
    const events: string[] = [];
    const add = (item: string) => group.add(item, () => events.push(`written ${item}`)).then(() => events.push(`durable ${item}`));
    const first = [add('a'), add('b')];
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([['a', 'b']]);
    expect(events).toEqual([]);

    batches[0]!.written();
    await settle();
    expect(events).toEqual(['written a', 'written b']);
    batches[0]!.durable();
    await Promise.all(first);
    expect(events).toEqual(['written a', 'written b', 'durable a', 'durable b']);
  });

  it('writes the next batch while the previous one is still being made durable', async () => {
    const { batches, commit } = controlledBackend();
    const group = new GroupCommit(commit);
    const written: string[] = [];
    const a = group.add('a', () => written.push('a'));
    await settle();
    const b = group.add('b', () => written.push('b'));
    await settle();
    expect(batches).toHaveLength(1); // one batch is written at a time
    batches[0]!.written();
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([['a'], ['b']]);
    batches[1]!.written();
    await settle();
    expect(written).toEqual(['a', 'b']);

    let drained = false;
    const draining = group.drain().then(() => (drained = true));
    batches[1]!.durable();
    await b;
    await settle();
    expect(drained).toBe(false); // 'a' is not durable yet
    batches[0]!.durable();
    await Promise.all([a, draining]);
  });

  it('a batch that fails before it is written tells nobody it was written and rejects every caller', async () => {
    const { batches, commit } = controlledBackend();
    const group = new GroupCommit(commit);
    const written: string[] = [];
    const results = Promise.allSettled([group.add('a', () => written.push('a')), group.add('b', () => written.push('b'))]);
    await settle();
    batches[0]!.fail(new Error('disk full'));
    expect((await results).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(written).toEqual([]);
    // The next write is not held up by the failed one.
    const c = group.add('c');
    await settle();
    batches[1]!.written();
    batches[1]!.durable();
    await expect(c).resolves.toBeUndefined();
  });

  it('a caller whose written-callback throws is rejected; the rest of its batch is not', async () => {
    const { batches, commit } = controlledBackend();
    const group = new GroupCommit(commit);
    const a = group.add('a', () => {
      throw new Error('cannot apply');
    });
    const b = group.add('b');
    await settle();
    batches[0]!.written();
    batches[0]!.durable();
    await expect(a).rejects.toThrow('cannot apply');
    await expect(b).resolves.toBeUndefined();
  });
});
