import type { ConferenceFields, ConferenceGlance } from '@care/schema';
import { nextPlanned } from './carry-over.ts';

export type ConferenceGlances = { last: ConferenceGlance | null; live: ConferenceGlance | null; next: ConferenceGlance | null };

/**
 * A case's latest conference held, the one live now and the next planned one (nextPlanned), as
 * the case list names them; from the conferences as readConferences gives them, in the order they happen.
 */
export function caseConferenceGlances(conferences: readonly ConferenceFields[]): ConferenceGlances {
  const glance = (conference?: ConferenceFields) => (conference ? { date: conference.date, kind: conference.kind } : null);
  return {
    last: glance(conferences.findLast((c) => c.status === 'closed')),
    live: glance(conferences.find((c) => c.status === 'live')),
    next: glance(nextPlanned(conferences)),
  };
}
