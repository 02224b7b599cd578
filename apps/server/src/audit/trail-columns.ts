import { asShownInOneLine } from '@care/schema';
import type { Principal } from '../access/principal.ts';

/** Who did something, as the trails keep them: their name and agency as they were at the time. */
export type Actor = Pick<Principal, 'userId' | 'name' | 'agency'>;

type ActorColumns = { actor_id: string; actor_name: string; actor_agency: string };

export const actorColumns = (actor: Actor): ActorColumns => ({
  actor_id: actor.userId,
  actor_name: actor.name,
  actor_agency: actor.agency,
});

/** The part of an entry every trail has, names as they show (stored-text.ts). PostgreSQL returns bigint seqs as strings. */
export const trailEntry = (row: ActorColumns & { seq: number | string; at: string; address: string | null }) => ({
  seq: Number(row.seq),
  actorId: row.actor_id,
  actorName: asShownInOneLine(row.actor_name),
  actorAgency: asShownInOneLine(row.actor_agency),
  at: row.at,
  address: row.address,
});

/** A search's answer from up to `limit + 1` rows, newest first: whether there were more than it lists. */
export function newest<Row, Entry>(rows: Row[], limit: number, toEntry: (row: Row) => Entry): { entries: Entry[]; truncated: boolean } {
  return { entries: rows.slice(0, limit).map(toEntry), truncated: rows.length > limit };
}
