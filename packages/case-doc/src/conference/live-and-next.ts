import type { ConferenceFields, ConferenceGlance } from '@care/schema';

/**
 * A case's conference live now and its next scheduled one (the earliest), as the case list names
 * them; from the conferences as readConferences gives them, in the order they happen.
 */
export function liveAndNextConference(conferences: readonly ConferenceFields[]): { live: ConferenceGlance | null; next: ConferenceGlance | null } {
  const glance = (conference?: ConferenceFields) => (conference ? { date: conference.date, kind: conference.kind } : null);
  return { live: glance(conferences.find((c) => c.status === 'live')), next: glance(conferences.find((c) => c.status === 'scheduled')) };
}
