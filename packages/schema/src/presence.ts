import { z } from 'zod';
import { PrincipalRole } from './accounts.ts';
import { boundedText } from './case.ts';
import { AGENCY_KINDS, AgencyKind } from './conference.ts';

/** Kinds of agency that take part in 地域ケア会議; offered as suggestions, free text allowed. */
export const AGENCY_SUGGESTIONS = AGENCY_KINDS.filter((kind) => kind !== 'その他');

/**
 * Who a participant is, as others see them through Yjs awareness (participant list, carets).
 * The server writes it from the connection's sign-in, whatever the client announces, so nobody
 * can appear under another's name (see presenceOf).
 */
export const PresenceUser = z.object({
  /** Stable id of the person, so roles and action items can point at them. */
  userId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: boundedText(60),
  agency: boundedText(80),
  /** The kind of that agency: joining a conference files them under it (see agencyOf). */
  agencyKind: AgencyKind,
  role: PrincipalRole,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof PresenceUser>;

const CARET_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

/** A signed-in person's presence: their identity and a caret colour of their own (the same on server and browsers). */
export function presenceOf(who: Pick<PresenceUser, 'userId' | 'name' | 'agency' | 'agencyKind' | 'role'>): PresenceUser {
  let hash = 0;
  for (const char of who.userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { userId: who.userId, name: who.name, agency: who.agency, agencyKind: who.agencyKind, role: who.role, color: CARET_COLORS[hash % CARET_COLORS.length]! };
}

/** An item's or a type's id in a Yjs doc. */
const StructId = z.strictObject({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });

/**
 * The longest name of a top-level text an editor writes in: `notes:` and a conference's id (an
 * ItemId, at most 64). A longer one names no text of the case, and would only make a caret of
 * megabytes that everyone receives at each move.
 */
const TYPE_NAME_MAX = 'notes:'.length + 64;

/**
 * A place in a doc's text as Yjs writes it for others (Y.relativePositionToJSON): next to an item,
 * or in a type named by its id or, at the top, by its name. One with none of them is no place:
 * Yjs throws reading it.
 */
const RelativePositionJson = z
  .strictObject({ type: StructId.nullish(), tname: z.string().max(TYPE_NAME_MAX).nullish(), item: StructId.nullish(), assoc: z.number().int().optional() })
  .refine((position) => position.item != null || position.tname != null || position.type != null);

/**
 * The caret (anchor and head of the selection) a browser's editor announces in its presence
 * (the collaboration caret's `cursor` field), or null when it is in no editor. Every other browser
 * reads it to draw that caret and throws on one it cannot read, so the server passes on no other.
 */
export const PresenceCursor = z.strictObject({ anchor: RelativePositionJson, head: RelativePositionJson }).nullable();
