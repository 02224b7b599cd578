import { SERVER_TIME_HEADER } from '@care/schema';
import { expect, it } from 'vitest';
import { noteServerTime, serverNow } from '../src/server-clock.ts';

const answer = (serverTime?: number) => new Response(null, { headers: serverTime === undefined ? {} : { [SERVER_TIME_HEADER]: String(serverTime) } });
const near = (expected: number) => expect.toSatisfy((n: number) => Math.abs(n - expected) < 50);

it("reads the server's clock from API responses, taken halfway through the request, and ignores answers that cannot tell it", () => {
  expect(serverNow()).toEqual(near(Date.now())); // this device's own until told
  noteServerTime(answer(undefined), Date.now() - 20);
  noteServerTime(answer(Number.NaN), Date.now() - 20);
  expect(serverNow()).toEqual(near(Date.now()));

  // An hour ahead of this device, read at the middle of a 201 ms request; in whole milliseconds, as a case holds times.
  const receivedAt = Date.now();
  noteServerTime(answer(receivedAt - 100 + 3_600_000), receivedAt - 201, receivedAt);
  expect(serverNow()).toEqual(near(Date.now() + 3_600_000));
  expect(Number.isInteger(serverNow())).toBe(true);

  // A slow answer (5 s) could have read its clock at any moment of it: it changes nothing.
  noteServerTime(answer(Date.now()), Date.now() - 5_000);
  expect(serverNow()).toEqual(near(Date.now() + 3_600_000));
});
