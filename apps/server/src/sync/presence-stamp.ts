import { PresenceCursor, presenceOf, type PresenceUser } from '@care/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Principal } from '../access/principal.ts';

type Entry = { clientId: number; clock: number; state: string };

/** What the pages read of a presence state: who it is, and their caret (the collaboration caret's `cursor`). */
const PASSED_ON = new Set(['user', 'cursor']);

/**
 * The server is the source of who is who in a case's presence: every state a peer announces
 * gets its `user` written from the peer's sign-in (name, agency, role), whatever the client put
 * there, so nobody appears to others under another's name. States for awareness client ids that
 * another peer announces are dropped, and a caret others' editors could not read (PresenceCursor) is
 * passed on as none: each of them would throw drawing it, and stop showing edits. Nothing else of a
 * state is passed on: no page reads it, and a crafted one (megabytes, nested past any stack) would
 * only reach everyone. Returns the update untouched when it already is what is passed on.
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
    if (state !== null && !passesAsItIs(state, identity)) {
      const { cursor } = state as { cursor?: unknown };
      entry.state = JSON.stringify({ user: identity, ...(cursor !== undefined && { cursor: PresenceCursor.safeParse(cursor).data ?? null }) });
      rewritten = true;
    }
    entries.push(entry);
  }
  return rewritten ? encodeEntries(entries) : update;
}

function passesAsItIs(state: unknown, identity: PresenceUser): boolean {
  if (typeof state !== 'object' || state === null || Array.isArray(state) || !Object.keys(state).every((key) => PASSED_ON.has(key))) return false;
  return tellsTruth(state, identity) && (!('cursor' in state) || PresenceCursor.safeParse(state.cursor).success);
}

function tellsTruth(state: object, identity: PresenceUser): boolean {
  const user = (state as { user?: Record<string, unknown> }).user;
  if (typeof user !== 'object' || user === null) return false;
  const keys = Object.keys(identity) as (keyof PresenceUser)[];
  return Object.keys(user).length === keys.length && keys.every((key) => user[key] === identity[key]);
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
