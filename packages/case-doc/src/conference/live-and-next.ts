import type { ConferenceFields, ConferenceGlance } from '@care/schema';
import { compareConferences } from './carry-over.ts';

/** A case's conference live now and its next scheduled one (the earliest, by date), as the case list names them. */
export function liveAndNextConference(conferences: readonly ConferenceFields[]): { live: ConferenceGlance | null; next: ConferenceGlance | null } {
  const glance = (conference?: ConferenceFields) => (conference ? { date: conference.date, kind: conference.kind } : null);
  const sorted = [...conferences].sort(compareConferences);
  return { live: glance(sorted.find((c) => c.status === 'live')), next: glance(sorted.find((c) => c.status === 'scheduled')) };
}
