import type { Conference } from '@care/case-doc';
import { type ActionItemOwner, type Agency, agencyLabel, agencyOf, type Participant, type PresenceUser } from '@care/schema';

/** Where someone signed in belongs, as they join a conference: their agency's kind, and its name. */
export const agencyOfUser = (user: Pick<PresenceUser, 'agency' | 'agencyKind'>): Agency => agencyOf(user.agency, user.agencyKind);

/** Someone present at a conference: a name and where they belong. */
export type Person = Pick<Participant, 'name' | 'agency'>;

/**
 * The conference's people, offered as action item owners and as speakers in its 検討内容: its
 * participants, then those present without an account, whose 所属または続柄 stands as their
 * agency (本人 and 長女 as その他).
 */
export function peopleIn(conference: Pick<Conference, 'participants' | 'attendees'>): Person[] {
  return [...conference.participants, ...conference.attendees.map((attendee) => ({ name: attendee.name, agency: agencyOf(attendee.affiliation) }))];
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
