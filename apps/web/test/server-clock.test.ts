import { SERVER_TIME_HEADER } from '@care/schema';
import { afterEach, expect, it, vi } from 'vitest';

const answer = (serverTime?: number) => new Response(null, { headers: serverTime === undefined ? {} : { [SERVER_TIME_HEADER]: String(serverTime) } });
const near = (expected: number) => expect.toSatisfy((n: number) => Math.abs(n - expected) < 50);
/** A page's clock as it is when the page loads: nothing learnt yet. */
async function freshClock() {
  vi.resetModules();
  return import('../src/server-clock.ts');
}
/** An answer from a server `aheadMs` ahead of this device, read at the middle of a request that took `roundTripMs` and has just come. */
const answered = (aheadMs: number, roundTripMs: number) => {
  const receivedAt = Date.now();
  return [answer(receivedAt - roundTripMs / 2 + aheadMs), receivedAt - roundTripMs, receivedAt] as const;
};

afterEach(() => vi.useRealTimers());

it("reads the server's clock from API responses, taken halfway through the request, and ignores answers that cannot tell it", async () => {
  const { noteServerTime, serverNow } = await freshClock();
  expect(serverNow()).toEqual(near(Date.now())); // this device's own until told
  noteServerTime(answer(undefined), Date.now() - 20);
  noteServerTime(answer(Number.NaN), Date.now() - 20);
  expect(serverNow()).toEqual(near(Date.now()));

  // An hour ahead of this device, read at the middle of a 201 ms request; in whole milliseconds, as a case holds times.
  noteServerTime(...answered(3_600_000, 201));
  expect(serverNow()).toEqual(near(Date.now() + 3_600_000));
  expect(Number.isInteger(serverNow())).toBe(true);

  // A very slow answer (5 s) could have read its clock at any moment of it: it changes nothing.
  noteServerTime(answer(Date.now()), Date.now() - 5_000);
  expect(serverNow()).toEqual(near(Date.now() + 3_600_000));
});

it('keeps the quickest recent answer, so that a slower one does not move the timer, and follows the server again after a minute', async () => {
  vi.useFakeTimers({ toFake: ['Date', 'performance'], now: Date.now() });
  const { noteServerTime, serverNow } = await freshClock();
  noteServerTime(...answered(10_000, 400));
  expect(serverNow()).toEqual(near(Date.now() + 10_000));
  // Quicker, so it says more: taken.
  noteServerTime(...answered(10_300, 100));
  expect(serverNow()).toEqual(near(Date.now() + 10_300));
  // Slower (its reading could be 600 ms either way): the quicker one stays.
  vi.advanceTimersByTime(30_000);
  noteServerTime(...answered(9_500, 1_200));
  expect(serverNow()).toEqual(near(Date.now() + 10_300));
  // A minute on, the next answer is taken whatever its round trip, so a drifting clock is followed.
  vi.advanceTimersByTime(31_000);
  noteServerTime(...answered(9_500, 1_200));
  expect(serverNow()).toEqual(near(Date.now() + 9_500));
});

it('takes the next answer at once when the device clock is set, even a slower one: what was learnt before no longer holds', async () => {
  vi.useFakeTimers({ toFake: ['Date', 'performance'], now: Date.now() });
  const { noteServerTime, serverNow } = await freshClock();
  noteServerTime(...answered(0, 100));
  expect(serverNow()).toEqual(near(Date.now()));
  // The device clock is put 20 s forward (its steady clock, performance.now, runs on as it was).
  vi.setSystemTime(Date.now() + 20_000);
  noteServerTime(...answered(-20_000, 800));
  expect(serverNow()).toEqual(near(Date.now() - 20_000));
});
