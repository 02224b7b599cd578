import { type Conference, conferenceName } from '@care/case-doc';
import type { ConferenceRecordMeta } from '@care/schema';

/** A case's conferences' names as the case names them now (conferenceName among all of them), by conference id. */
export const conferenceNames = (conferences: readonly Pick<Conference, 'id' | 'date' | 'kind' | 'startedAt'>[]): ReadonlyMap<string, string> =>
  new Map(conferences.map((c) => [c.id, conferenceName(c, conferences)]));

/**
 * A closed conference's record named as the case names its conference now: the label stored when
 * it was taken can be outdated (another conference of its kind held later that day, which needs
 * both named by their start times). A manual version keeps the name it was given.
 */
export function withCurrentLabel<M extends Pick<ConferenceRecordMeta, 'kind' | 'conferenceId' | 'label'>>(meta: M, names: ReadonlyMap<string, string>): M {
  const name = meta.kind === 'closed-conference' && meta.conferenceId ? names.get(meta.conferenceId) : undefined;
  return name ? { ...meta, label: name } : meta;
}
