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
