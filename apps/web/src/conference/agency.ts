import type { Conference } from '@care/case-doc';
import { AGENCY_KINDS, type Agency, type AgencyKind, type Participant } from '@care/schema';

/** A self-declared agency name as an Agency: a known kind, or その他 with the name. */
export function agencyFromName(name: string): Agency {
  const kind = AGENCY_KINDS.find((k) => k === name) as AgencyKind | undefined;
  return kind && kind !== 'その他' ? { kind } : { kind: 'その他', other: name };
}

/** Someone present at a conference: a name and where they belong. */
export type Person = Pick<Participant, 'name' | 'agency'>;

/**
 * The conference's people, offered as action item owners and as speakers in its 検討内容: its
 * participants, then those present without an account, whose 所属または続柄 stands as their
 * agency (本人 and 長女 as その他).
 */
export function peopleIn(conference: Pick<Conference, 'participants' | 'attendees'>): Person[] {
  return [...conference.participants, ...conference.attendees.map((attendee) => ({ name: attendee.name, agency: agencyFromName(attendee.affiliation) }))];
}

/**
 * The agency of the one owner with exactly this name: picking someone fills in where they
 * belong. Undefined when nobody, or more than one person, has it.
 */
export function ownerAgency(owners: readonly Person[], name: string): Agency | undefined {
  const named = owners.filter((person) => person.name === name.trim());
  return named.length === 1 ? named[0]!.agency : undefined;
}
