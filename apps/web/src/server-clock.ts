import { SERVER_TIME_HEADER } from '@care/schema';

/**
 * The server's clock, as this browser reads it: the times the page writes into a case (守秘義務
 * confirmed, conference started and closed, the agenda timer) and reads the shared timer by, so
 * that every participant's screen agrees and the record holds the server's time, whatever each
 * device's own clock says. Learnt from each API response (SERVER_TIME_HEADER), taken as read
 * halfway through the request, so off by at most half its round trip: the quickest recent answer
 * is kept, as NTP does, so that one slow answer does not put this screen's timer a second away
 * from the others'.
 */
let offsetMs = 0;
/** The reading offsetMs came from: how quick its answer was, when it came, and the device clock then. */
let kept: { roundTripMs: number; receivedAt: number; pageStart: number } | undefined;

/** Answers slower than this say too little about when the server read its clock. */
const MAX_ROUND_TRIP_MS = 2_000;
/** A kept reading is trusted this long; then the next answer is taken whatever its round trip, so drift is followed. */
const KEEP_MS = 60_000;
/** A move of the device clock this large (set by hand, synced, woken from sleep) makes earlier readings say nothing. */
const DEVICE_CLOCK_SET_MS = 1_000;

/** When this page started, by the device clock as it is set now: changes only when that clock is set (or the device slept). */
const pageStart = (): number => Date.now() - performance.now();

/** Whether the kept reading says more than a new one whose answer took `roundTripMs`. */
function keptIsBetter(roundTripMs: number, receivedAt: number): boolean {
  if (!kept) return false;
  const fresh = receivedAt - kept.receivedAt < KEEP_MS && Math.abs(pageStart() - kept.pageStart) < DEVICE_CLOCK_SET_MS;
  return fresh && kept.roundTripMs < roundTripMs;
}

export function noteServerTime(response: Response, sentAt: number, receivedAt = Date.now()): void {
  const serverTime = Number(response.headers.get(SERVER_TIME_HEADER));
  const roundTripMs = receivedAt - sentAt;
  if (!Number.isFinite(serverTime) || serverTime <= 0 || roundTripMs > MAX_ROUND_TRIP_MS || keptIsBetter(roundTripMs, receivedAt)) return;
  kept = { roundTripMs, receivedAt, pageStart: pageStart() };
  offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2); // times in a case are whole milliseconds
}

/** Now, by the server's clock (this device's until an API response has come). */
export const serverNow = (): number => Date.now() + offsetMs;
