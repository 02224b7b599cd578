import { createHash, randomBytes } from 'node:crypto';
import { type AgencyKind, asShownInOneLine, type ConferenceRecordMeta, type RecordActor, type RecordKind, type TimelineEntry, type TimelineQuery } from '@care/schema';
import type { Db, Tables } from '../storage/database.ts';
import { inTransaction, toBuffer } from '../storage/database.ts';
import { parseShownInOneLine } from '../storage/stored-text.ts';

type Row = Tables['conference_records'];

export type NewRecord = {
  caseId: string;
  conferenceId: string | null;
  kind: RecordKind;
  label: string;
  takenBy: RecordActor;
  /** Agencies that took part, for the timeline's agency filter. */
  agencies: readonly string[];
  /** Y.encodeStateAsUpdate of the whole case doc. */
  state: Uint8Array;
  takenAt?: Date;
};

export type StoredRecord = { meta: ConferenceRecordMeta; state: Uint8Array; hashVerified: boolean };

export const contentHash = (state: Uint8Array) => createHash('sha256').update(state).digest('hex');

/** A record's meta, its names as they show (stored-text.ts). */
const toMeta = (row: Omit<Row, 'state' | 'agencies'>): ConferenceRecordMeta => ({
  id: row.id,
  caseId: row.case_id,
  conferenceId: row.conference_id,
  kind: row.kind as RecordKind,
  label: asShownInOneLine(row.label),
  takenAt: row.taken_at,
  takenBy: { userId: row.taken_by_id, name: asShownInOneLine(row.taken_by_name), agency: asShownInOneLine(row.taken_by_agency) },
  contentHash: row.content_hash,
});

const META_COLUMNS = [
  'id',
  'case_id',
  'conference_id',
  'kind',
  'label',
  'taken_at',
  'taken_by_id',
  'taken_by_name',
  'taken_by_agency',
  'content_hash',
] as const;

/**
 * Immutable records of case docs. There is deliberately no way to change or remove one here, and
 * the table's triggers refuse UPDATE and DELETE from any other code as well.
 */
export class RecordStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores a record, and what `along` writes with it (its trail rows) in the same transaction: both
   * are kept, or neither. A conference keeps its first record: when one already exists (another
   * server process closed it too), nothing is stored, `along` does not run and the result is undefined.
   */
  async add(record: NewRecord, along?: (tx: Db) => Promise<void>): Promise<ConferenceRecordMeta | undefined> {
    const row: Row = {
      id: randomBytes(9).toString('base64url'),
      case_id: record.caseId,
      conference_id: record.conferenceId,
      kind: record.kind,
      label: record.label,
      taken_at: (record.takenAt ?? new Date()).toISOString(),
      taken_by_id: record.takenBy.userId,
      taken_by_name: record.takenBy.name,
      taken_by_agency: record.takenBy.agency,
      agencies: JSON.stringify([...new Set(record.agencies)]),
      state: toBuffer(record.state),
      content_hash: contentHash(record.state),
    };
    return inTransaction(this.db, async (tx) => {
      const result = await tx.kysely
        .insertInto('conference_records')
        .values(row)
        .onConflict((oc) => oc.columns(['case_id', 'conference_id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
      await along?.(tx);
      return toMeta(row);
    });
  }

  /** A case's records in the order they were taken (RecordsService.list puts them in the order of the case's conferences). */
  async list(caseId: string): Promise<ConferenceRecordMeta[]> {
    const rows = await this.db.kysely
      .selectFrom('conference_records')
      .select(META_COLUMNS)
      .where('case_id', '=', caseId)
      .orderBy('taken_at')
      .orderBy('id')
      .execute();
    return rows.map(toMeta);
  }

  async get(caseId: string, id: string): Promise<StoredRecord | undefined> {
    const row = await this.db.kysely
      .selectFrom('conference_records')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const state = new Uint8Array(row.state);
    return { meta: toMeta(row), state, hashVerified: contentHash(state) === row.content_hash };
  }

  async forConference(caseId: string, conferenceId: string): Promise<ConferenceRecordMeta | undefined> {
    const row = await this.db.kysely
      .selectFrom('conference_records')
      .select(META_COLUMNS)
      .where('case_id', '=', caseId)
      .where('conference_id', '=', conferenceId)
      .executeTakeFirst();
    return row && toMeta(row);
  }

  /** The lines a keyword search reads of a record, if they were kept (keepSearchedLines). */
  async searchedLines(id: string): Promise<string[] | undefined> {
    const row = await this.db.kysely.selectFrom('record_search_text').select('lines').where('record_id', '=', id).executeTakeFirst();
    return row && (JSON.parse(row.lines) as string[]);
  }

  /** Keeps the lines a keyword search reads of a record (made from its state, which never changes: a second write is the same). */
  async keepSearchedLines(id: string, lines: readonly string[]): Promise<void> {
    await this.db.kysely
      .insertInto('record_search_text')
      .values({ record_id: id, lines: JSON.stringify(lines) })
      .onConflict((conflict) => conflict.column('record_id').doNothing())
      .execute();
  }

  /**
   * Records across cases, newest taken first, filtered by the case's area and an agency that took
   * part (RecordsService.timeline orders and filters them by the days of their conferences).
   */
  async timeline(query: Pick<TimelineQuery, 'area' | 'agency'>): Promise<Omit<TimelineEntry, 'day'>[]> {
    let select = this.db.kysely
      .selectFrom('conference_records as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select(META_COLUMNS.map((column) => `r.${column}` as const))
      .select(['r.agencies', 'c.title', 'c.area'])
      .orderBy('r.taken_at', 'desc')
      .orderBy('r.id');
    if (query.area) select = select.where('c.area', '=', query.area);
    const entries = (await select.execute()).map((row) => ({
      ...toMeta(row),
      caseTitle: row.title,
      area: row.area,
      agencies: parseShownInOneLine(row.agencies) as string[],
    }));
    // Agencies are few per record; filtering here keeps the column a plain JSON list on both engines.
    const named = query.agency ? await this.agencyNames(query.agency) : undefined;
    return (named ? entries.filter((entry) => entry.agencies.some((agency) => named.has(agency))) : entries);
  }

  /**
   * What a record names an agency by, for the agency filter: as asked, or, asked for a kind
   * (医療機関), the name of each registered agency of that kind (北病院), as records name them.
   */
  private async agencyNames(agency: string): Promise<Set<string>> {
    const ofKind = await this.db.kysely.selectFrom('agencies').select('name').where('kind', '=', agency as AgencyKind).execute();
    return new Set([agency, ...ofKind.map((row) => row.name)]);
  }
}
