import { z } from 'zod';
import { boundedText } from './case.ts';
import { AGENCY_KINDS } from './conference.ts';

/** Kinds of agency that take part in 地域ケア会議; offered as suggestions, free text allowed. */
export const AGENCY_SUGGESTIONS = AGENCY_KINDS.filter((kind) => kind !== 'その他');

/** What each participant announces about themselves through Yjs awareness (shown on collaboration carets). */
export const PresenceUser = z.object({
  /** Stable id of the person, so roles and action items can point at them. */
  userId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: boundedText(60),
  agency: boundedText(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof PresenceUser>;
