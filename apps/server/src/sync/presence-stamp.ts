import { PresenceCursor, presenceOf, type PresenceUser } from '@care/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Principal } from '../access/principal.ts';

type Entry = { clientId: number; clock: number; state: string };

/**
 * The server is the source of who is who in a case's presence: every state a peer announces
 * gets its `user` written from the peer's sign-in (name, agency, role), whatever the client put
 * there, so nobody appears to others under another's name. States for awareness client ids that
 * another peer announces are dropped, and a caret others' editors could not read (PresenceCursor) is
 * passed on as none: each of them would throw drawing it, and stop taking edits. Returns the
 * update untouched when it already tells the truth and holds nothing unreadable.
 * (The update was checked by decodeClientMessage: count, then clientID, clock, JSON per client.)
 */
export function stampPresence(update: Uint8Array, principal: Principal, mayAnnounce: (clientId: number) => boolean): Uint8Array {
  const identity = presenceOf(principal);
  const decoder = decoding.createDecoder(update);
  const entries: Entry[] = [];
  let rewritten = false;
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const entry = { clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) };
    if (!mayAnnounce(entry.clientId)) {
      rewritten = true;
      continue;
    }
    const state: unknown = JSON.parse(entry.state);
    // null means "this client left": nothing to stamp.
    if (state !== null && !(tellsTruth(state, identity) && hasReadableCursor(state))) {
      const fields = typeof state === 'object' && !Array.isArray(state) ? state : {};
      entry.state = JSON.stringify({ ...fields, ...(hasReadableCursor(fields) ? {} : { cursor: null }), user: identity });
      rewritten = true;
    }
    entries.push(entry);
  }
  return rewritten ? encodeEntries(entries) : update;
}

function tellsTruth(state: unknown, identity: PresenceUser): boolean {
  const user = (state as { user?: Record<string, unknown> } | null)?.user;
  if (typeof user !== 'object' || user === null) return false;
  const keys = Object.keys(identity) as (keyof PresenceUser)[];
  return Object.keys(user).length === keys.length && keys.every((key) => user[key] === identity[key]);
}

/** Whether a state announces no caret, or one every editor can place. */
function hasReadableCursor(state: unknown): boolean {
  return typeof state !== 'object' || state === null || !('cursor' in state) || PresenceCursor.safeParse(state.cursor).success;
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
