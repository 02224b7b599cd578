import { agencyLabel, type RecordConference, type RecordContent, timeInJapan } from '@care/schema';
import * as Y from 'yjs';
import { lastHeld } from './conference/carry-over.ts';
import { readActionItems, readConferences } from './conference/read.ts';
import { conferenceNotesFragment, summaryLines, textLines } from './summary.ts';

/** A case doc's full state (as stored in a record) opened as a doc of its own. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Everything a record shows of a case doc, read (and validated) through this model. */
export function caseDocContent(doc: Y.Doc): RecordContent {
  const conferences = readConferences(doc);
  const actionItems = readActionItems(doc);
  return {
    summary: summaryLines(doc),
    conferences: conferences.value.map((conference) => ({ ...conference, notes: textLines(conferenceNotesFragment(doc, conference.id)) })),
    actionItems: actionItems.value,
    problems: [...conferences.problems, ...actionItems.problems],
  };
}

/**
 * The conference a record is of: its own (a closed conference's record), else the one live when
 * the version was saved, else the last one held by then (by date: a conference planned and called
 * off afterwards never met, and has no minutes); none if none was held.
 */
export function recordedConference<C extends Pick<RecordConference, 'id' | 'status' | 'date' | 'startedAt'>>(
  conferenceId: string | null,
  conferences: readonly C[],
): C | undefined {
  return conferences.find((c) => c.id === conferenceId) ?? conferences.find((c) => c.status === 'live') ?? lastHeld(conferences);
}

type Named = Pick<RecordConference, 'date' | 'kind'> & Partial<Pick<RecordConference, 'id' | 'startedAt'>>;

/**
 * How a conference is named wherever it is (a record's label, a question, a list): 2026-11-23
 * 個別ケース検討. One of `conferences` (the case's) of the same kind on the same day is told apart
 * by the time it started in Japan (2026-12-07 個別ケース検討 15:10開始), to the second when another
 * started in the same minute (15:10:05開始); one never started has none.
 */
export function conferenceName(conference: Named, conferences: readonly Named[] = []): string {
  const name = `${conference.date} ${conference.kind}`;
  const { startedAt } = conference;
  const namesakes = conferences.filter((c) => c.id !== conference.id && c.date === conference.date && c.kind === conference.kind);
  if (namesakes.length === 0 || startedAt === undefined) return name;
  const sameMinute = namesakes.some((c) => c.startedAt !== undefined && timeInJapan(c.startedAt) === timeInJapan(startedAt));
  return `${name} ${timeInJapan(startedAt, sameMinute)}開始`;
}

/** The agencies that took part in a conference, as they read (for filtering records by agency). */
export function participantAgencies(conference: Pick<RecordConference, 'participants'> | undefined): string[] {
  return conference?.participants.map((participant) => agencyLabel(participant.agency)) ?? [];
}
