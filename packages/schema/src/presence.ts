import { z } from 'zod';
import { boundedText } from './case.ts';

/** Kinds of agency that take part in 地域ケア会議; offered as suggestions, free text allowed. */
export const AGENCY_SUGGESTIONS = [
  '地域包括支援センター',
  '社会福祉協議会',
  '行政',
  '居宅介護支援事業所',
  '医療機関',
  '民生委員',
] as const;

/** What each participant announces about themselves through Yjs awareness (shown on collaboration carets). */
export const PresenceUser = z.object({
  /** Stable id of the person, so roles and action items can point at them. */
  userId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: boundedText(60),
  agency: boundedText(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof PresenceUser>;
