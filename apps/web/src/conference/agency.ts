import type { Conference } from '@care/case-doc';
import { type ActionItemOwner, AGENCY_KINDS, type Agency, type AgencyKind, agencyLabel, type Participant } from '@care/schema';

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

/** An item's 担当者 as one text: 鈴木（社会福祉協議会）. */
export const ownerText = (owner: ActionItemOwner) => `${owner.name}（${agencyLabel(owner.agency)}）`;
