import { SERVER_TIME_HEADER } from '@care/schema';

/**
 * The server's clock, as this browser reads it: the times the page writes into a case (守秘義務
 * confirmed, conference started and closed, the agenda timer) and reads the shared timer by, so
 * that every participant's screen agrees and the record holds the server's time, whatever each
 * device's own clock says. Learnt from each API response (SERVER_TIME_HEADER), taken as read
 * halfway through the request; off by at most half its round trip.
 */
let offsetMs = 0;

/** Answers slower than this say too little about when the server read its clock. */
const MAX_ROUND_TRIP_MS = 2_000;

export function noteServerTime(response: Response, sentAt: number, receivedAt = Date.now()): void {
  const serverTime = Number(response.headers.get(SERVER_TIME_HEADER));
  if (!Number.isFinite(serverTime) || serverTime <= 0 || receivedAt - sentAt > MAX_ROUND_TRIP_MS) return;
  offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2); // times in a case are whole milliseconds
}

/** Now, by the server's clock (this device's until an API response has come). */
export const serverNow = (): number => Date.now() + offsetMs;
