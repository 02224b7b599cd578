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
let kept: { roundTripMs: number; takenAt: number; deviceClockDrift: number } | undefined;

/** Answers slower than this say too little about when the server read its clock. */
const MAX_ROUND_TRIP_MS = 2_000;
/** A kept reading is trusted this long; after it, the next answer is taken whatever its round trip, so drift is followed. */
const KEEP_MS = 60_000;
/** This device's clock moved against its steady clock (set by hand, synced, woken from sleep): readings from before say nothing. */
const DEVICE_CLOCK_JUMP_MS = 1_000;

/** How far this device's clock is from its steady one; changes only when the device clock is set (or the device slept). */
const deviceClockDrift = (): number => Date.now() - performance.now();

export function noteServerTime(response: Response, sentAt: number, receivedAt = Date.now()): void {
  const serverTime = Number(response.headers.get(SERVER_TIME_HEADER));
  const roundTripMs = receivedAt - sentAt;
  if (!Number.isFinite(serverTime) || serverTime <= 0 || roundTripMs > MAX_ROUND_TRIP_MS) return;
  const drift = deviceClockDrift();
  const keptStillGood = kept && roundTripMs > kept.roundTripMs && receivedAt - kept.takenAt < KEEP_MS && Math.abs(drift - kept.deviceClockDrift) < DEVICE_CLOCK_JUMP_MS;
  if (keptStillGood) return;
  kept = { roundTripMs, takenAt: receivedAt, deviceClockDrift: drift };
  offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2); // times in a case are whole milliseconds
}

/** Now, by the server's clock (this device's until an API response has come). */
export const serverNow = (): number => Date.now() + offsetMs;
