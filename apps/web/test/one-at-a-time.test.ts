import { expect, it } from 'vitest';
import { oneAtATime } from '../src/ui/one-at-a-time.ts';

/** A request whose answer comes when the test says. */
function slowRequest<T>() {
  let answer!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => ((answer = resolve), (fail = reject)));
  return { promise, answer, fail };
}

it('sends nothing more while a request is under way, and says so until its answer', async () => {
  const states: boolean[] = [];
  const run = oneAtATime((pending) => states.push(pending));
  let sent = 0;
  const request = slowRequest<string>();
  const send = () => run(() => ((sent += 1), request.promise));

  const first = send();
  const second = send(); // the slow second click
  expect(sent).toBe(1);
  expect(states).toEqual([true]);
  request.answer('made');
  expect(await first).toBe('made');
  expect(await second).toBeUndefined();
  expect(states).toEqual([true, false]);

  expect(await run(async () => 'again')).toBe('again'); // answered: the next click sends again
  expect(states).toEqual([true, false, true, false]);
});

it('after a failed request, sends the next one', async () => {
  const states: boolean[] = [];
  const run = oneAtATime((pending) => states.push(pending));
  const request = slowRequest<string>();
  const first = run(() => request.promise);
  request.fail(new Error('サーバーが要求を処理できませんでした'));
  await expect(first).rejects.toThrow('サーバーが要求を処理できませんでした');
  expect(states).toEqual([true, false]);
  expect(await run(async () => 'sent')).toBe('sent');
});

it('one that leaves the page stays under way after its answer (the page goes once the next has loaded), unless it failed', async () => {
  const states: boolean[] = [];
  const run = oneAtATime((pending) => states.push(pending));
  await expect(run(() => Promise.reject(new Error('通信できませんでした')), { leaves: true })).rejects.toThrow('通信できませんでした');
  expect(states).toEqual([true, false]);
  expect(await run(async () => 'created', { leaves: true })).toBe('created');
  expect(await run(async () => 'created again')).toBeUndefined();
  expect(states).toEqual([true, false, true]);
});
