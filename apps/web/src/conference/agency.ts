import { AGENCY_KINDS, type Agency, type AgencyKind } from '@care/schema';

/** A self-declared agency name as an Agency: a known kind, or その他 with the name. */
export function agencyFromName(name: string): Agency {
  const kind = AGENCY_KINDS.find((k) => k === name) as AgencyKind | undefined;
  return kind && kind !== 'その他' ? { kind } : { kind: 'その他', other: name };
}
