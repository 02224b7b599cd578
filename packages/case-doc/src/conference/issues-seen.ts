import type { ConferenceGlance, RegionalIssue } from '@care/schema';
import type { Conference } from './read.ts';

/** A 地域課題 with the conference that saw it, as lists across cases show it. */
export type IssueSeen = { conference: ConferenceGlance; issue: RegionalIssue };

/**
 * The 地域課題 a case's conferences saw, latest conference first, each conference's in the order
 * noted; from the conferences as readConferences gives them (earliest first).
 */
export function issuesSeen(conferences: readonly Conference[]): IssueSeen[] {
  return conferences.toReversed().flatMap(({ date, kind, issues }) => issues.map((issue) => ({ conference: { date, kind }, issue })));
}
