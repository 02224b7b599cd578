import { AGENCY_KINDS, type Agency, type AgencyKind, type Participant } from '@care/schema';

/** A self-declared agency name as an Agency: a known kind, or その他 with the name. */
export function agencyFromName(name: string): Agency {
  const kind = AGENCY_KINDS.find((k) => k === name) as AgencyKind | undefined;
  return kind && kind !== 'その他' ? { kind } : { kind: 'その他', other: name };
}

/**
 * The agency of the one participant with exactly this name, for an action item's owner: picking a
 * participant fills in where they work. Undefined when nobody, or more than one person, has it.
 */
export function participantAgency(participants: readonly Pick<Participant, 'name' | 'agency'>[], name: string): Agency | undefined {
  const named = participants.filter((person) => person.name === name.trim());
  return named.length === 1 ? named[0]!.agency : undefined;
}
