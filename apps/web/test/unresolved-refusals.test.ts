import { RefusalReason } from '@care/case-doc';
import type { SaveTracker } from '@care/sync-client';
import { expect, it } from 'vitest';
import { UnresolvedRefusals } from '../src/collab/unresolved-refusals.ts';

/**
 * UnresolvedRefusals over a stand-in for the save tracker whose server answers when the test says
 * (`answer`): true once it has answered what was sent before, false when the socket went first.
 * A refusal it sends comes before the answer that follows it, as on the wire.
 */
function refusals() {
  const waiting: ((answered: boolean) => void)[] = [];
  const told = { resent: 0, persistent: [] as string[], cleared: 0 };
  let socketOpen = true;
  const saves = { answered: () => new Promise<boolean>((resolve) => waiting.push(resolve)) } as unknown as SaveTracker;
  const unresolved = new UnresolvedRefusals(
    saves,
    () => socketOpen && ++told.resent > 0,
    (reason) => told.persistent.push(reason),
    () => told.cleared++,
  );
  return {
    unresolved,
    told,
    /** How many answers the refusals wait for. */
    asked: () => waiting.length,
    answer: async (answered = true) => {
      waiting.shift()!(answered);
      await new Promise((done) => setTimeout(done)); // what the answer sets off has run
    },
    closeSocket: () => (socketOpen = false),
    openSocket: () => (socketOpen = true),
  };
}

it('an edit typed while reconnecting, refused as unresolved and accepted once sent again, counts as stored: the refusal heals', async () => {
  const { unresolved, told, asked, answer } = refusals();
  unresolved.refused(RefusalReason.unresolved);
  expect(unresolved.doubtful).toBe(true); // 未保存の変更あり until known
  expect(asked()).toBe(1);

  // The server has answered everything sent before: what it lacks goes again.
  await answer();
  expect(told.resent).toBe(1);
  expect(unresolved.doubtful).toBe(true);
  // It answers that too, refusing nothing: the edits are stored.
  await answer();
  expect(told).toEqual({ resent: 1, persistent: [], cleared: 1 });
  expect(unresolved.doubtful).toBe(false);

  // A later refusal (the next reconnect) is checked afresh, not taken as the re-sent one's.
  unresolved.refused(RefusalReason.unresolved);
  expect(unresolved.doubtful).toBe(true);
  await answer();
  await answer();
  expect(told).toEqual({ resent: 2, persistent: [], cleared: 2 });
  expect(unresolved.doubtful).toBe(false);
});

it('more refusals while the first is checked are healed by the same re-send', async () => {
  const { unresolved, told, asked, answer } = refusals();
  unresolved.refused(RefusalReason.unresolved);
  unresolved.refused(RefusalReason.unresolved); // the next edit, built on the refused one
  expect(asked()).toBe(1);
  await answer();
  await answer();
  expect(told).toEqual({ resent: 1, persistent: [], cleared: 1 });
  expect(unresolved.doubtful).toBe(false);
});

it('an edit refused again once sent again is told as refused, and stays unsent', async () => {
  const { unresolved, told, answer } = refusals();
  unresolved.refused(RefusalReason.unresolved);
  await answer();
  unresolved.refused(RefusalReason.unresolved); // the re-sent edits' refusal, before the answer
  await answer();
  expect(told).toEqual({ resent: 1, persistent: [RefusalReason.unresolved], cleared: 0 });
  expect(unresolved.doubtful).toBe(true);
  // Nothing heals it any more, not even a reconnect's sync.
  unresolved.synced();
  expect(told.cleared).toBe(0);
});

it('a refusal the socket closes on is checked again after the next sync, and heals then', async () => {
  const { unresolved, told, asked, answer, closeSocket, openSocket } = refusals();
  unresolved.refused(RefusalReason.unresolved);
  closeSocket();
  await answer(false);
  expect(told.resent).toBe(0);
  expect(unresolved.doubtful).toBe(true);

  openSocket();
  unresolved.synced();
  expect(asked()).toBe(1);
  await answer();
  await answer();
  expect(told).toEqual({ resent: 1, persistent: [], cleared: 1 });
  expect(unresolved.doubtful).toBe(false);
});
