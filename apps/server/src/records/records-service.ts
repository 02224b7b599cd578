import {
  caseDocContent,
  compareConferences,
  type Conference,
  conferenceName,
  diffActionItems,
  diffLines,
  docFromState,
  lastHeld,
  participantAgencies,
  readActionItems,
  readConferences,
  recordedConference,
  restoreSummary,
} from '@care/case-doc';
import {
  type ActionItem,
  type AuditAction,
  type ConferenceBetween,
  type ConferenceRecord,
  type ConferenceRecordList,
  type ConferenceRecordMeta,
  dateTimeInJapan,
  daysInJapan,
  type NotesCompared,
  type RecordActor,
  type RecordConference,
  type RecordDiff,
  type RecordedNotes,
  type RestoreResult,
  type TimelineEntry,
  type TimelineQuery,
} from '@care/schema';
import * as Y from 'yjs';
import type { Principal } from '../access/principal.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { CaseDigests } from '../follow-up/case-digests.ts';
import { ForbiddenError, NotFoundError } from '../http/errors.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { foldUpdates } from '../storage/fold-updates.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { type Minutes, minutesOf } from './minutes.ts';
import { conferenceDates, recordDay } from './record-day.ts';
import { conferenceNames, withCurrentLabel } from './record-label.ts';
import { keywordMatch, searchableLines, type SearchedText } from './record-search.ts';
import { SearchedTextCache } from './searched-text-cache.ts';
import type { RecordStore, StoredRecord } from './record-store.ts';

/** The case trail's rows for a version saved: which (by whoever saved it), and from where. */
export type VersionTrail = { address: string; actions: AuditAction[] };

/** How many records' searched text is kept between searches (records never change, so kept text never goes stale). */
const TEXT_KEPT = 2_000;

/** What the record API does: take versions, read them through the case-doc model, compare, search and restore them. */
export class RecordsService {
  private readonly textKept = new SearchedTextCache(TEXT_KEPT);

  constructor(
    private readonly deps: { records: RecordStore; cases: CaseStore; rooms: RoomRegistry; digests: Pick<CaseDigests, 'of'> },
  ) {}

  /**
   * A case's records in the order of its conferences (inCaseOrder), and its closed conferences
   * without one yet: their records are taken a few seconds after the close
   * (ClosedConferenceRecorder). Reading the live doc for them also builds it, which records a
   * conference left without a record by a process that stopped.
   */
  async list(caseId: string): Promise<ConferenceRecordList> {
    const { records, conferences, names } = await this.recordsAndConferences(caseId);
    const recorded = new Set(records.map((record) => record.conferenceId));
    const beingTaken = conferences.filter((c) => c.status === 'closed' && !recorded.has(c.id)).map((c) => ({ conferenceId: c.id, label: names.get(c.id)! }));
    return { records, beingTaken };
  }

  /** A case's records in case order, named as the case names their conferences now, and its conferences (from the live doc) with those names. */
  private async recordsAndConferences(caseId: string) {
    const stored = await this.deps.records.list(caseId);
    const conferences = await this.deps.rooms.withRoom(caseId, async (room) => readConferences(room.doc).value);
    const names = conferenceNames(conferences);
    return { records: inCaseOrder(stored, conferences).map((record) => withCurrentLabel(record, names)), conferences, names };
  }

  /**
   * Records across the cases given (all, for coordinators), newest first by the day each stands
   * at in its case (recordDay, as 記録一覧 orders them), by 地区, an agency that took part, and
   * days: a record is within [from, before) when its day is one the span touches (in Japan).
   * The conferences' dates are read from the cases' digests, as the lists across cases read them.
   */
  async timeline({ from, before, ...filters }: Omit<TimelineQuery, 'keyword'>, visible: 'all' | ReadonlySet<string>): Promise<TimelineEntry[]> {
    const all = await this.deps.records.timeline(filters);
    const entries = visible === 'all' ? all : all.filter((entry) => visible.has(entry.caseId));
    const caseIds = [...new Set(entries.map((entry) => entry.caseId))];
    const digests = await this.deps.digests.of(caseIds.map((id) => ({ id })));
    const digestOf = new Map(caseIds.map((caseId, i) => [caseId, digests[i]!]));
    const day = new Map(entries.map((entry) => [entry, recordDay(entry, digestOf.get(entry.caseId)!.conferenceDates)]));
    const { firstDay, lastDay } = daysInJapan({ from, before });
    return entries
      .filter((entry) => (!firstDay || day.get(entry)! >= firstDay) && (!lastDay || day.get(entry)! <= lastDay))
      .sort((a, b) => day.get(b)!.localeCompare(day.get(a)!))
      .map((entry) => ({ ...withCurrentLabel(entry, digestOf.get(entry.caseId)!.conferenceNames), day: day.get(entry)! }));
  }

  async get(caseId: string, recordId: string): Promise<ConferenceRecord> {
    return this.opened(caseId, recordId, ({ stored, meta, caseTitle, doc }) => ({
      ...meta,
      caseTitle,
      state: Buffer.from(stored.state).toString('base64'),
      content: caseDocContent(doc),
      hashVerified: stored.hashVerified,
    }));
  }

  /** What `read` makes of a record: its stored form, its meta under its current label, its case's name now, and its case doc opened (until `read` is done). */
  private async opened<T>(
    caseId: string,
    recordId: string,
    read: (record: { stored: StoredRecord; meta: ConferenceRecordMeta; caseTitle: string; doc: Y.Doc }) => T | Promise<T>,
  ): Promise<T> {
    const [stored, found, names] = await Promise.all([this.stored(caseId, recordId), this.deps.cases.getCase(caseId), this.currentNames(caseId)]);
    const doc = docFromState(stored.state);
    try {
      return await read({ stored, meta: withCurrentLabel(stored.meta, names), caseTitle: found?.title ?? caseId, doc });
    } finally {
      doc.destroy();
    }
  }

  /**
   * "Save a version": the case doc as stored now. Storage holds every update any room (in any
   * process) has applied, since updates are stored before they are applied, so it is never behind.
   * Its agencies are those of the conference it belongs to (the live one) and the saver's. Stored
   * with the trail rows that say so (`trail`: by the saver, from where), or not at all: a lasting
   * copy of what is written about the person that the trail does not show is worse than none.
   */
  async saveVersion(caseId: string, label: string, takenBy: RecordActor, trail: VersionTrail): Promise<ConferenceRecordMeta> {
    const state = foldUpdates(await this.deps.cases.loadUpdates(caseId));
    const doc = docFromState(state);
    const conference = recordedConference(null, readConferences(doc).value);
    doc.destroy();
    const agencies = [...participantAgencies(conference), takenBy.agency];
    const saved = await this.deps.records.add({ caseId, conferenceId: null, kind: 'manual', label, takenBy, agencies, state }, async (tx) => {
      for (const action of trail.actions) await new AuditLog(tx).record({ actor: takenBy, caseId, action, address: trail.address });
    });
    return saved!; // manual records have no conference, so they never collide
  }

  /** The 議事録 of a record, from the record alone (the live doc may have moved on), and that record. */
  async minutes(caseId: string, recordId: string): Promise<{ record: ConferenceRecordMeta; minutes: Minutes }> {
    return this.opened(caseId, recordId, async ({ meta, caseTitle, doc }) => ({
      record: meta,
      minutes: minutesOf(caseTitle, meta, doc, await this.itemsBeforeReview(caseId, meta, doc)),
    }));
  }

  /**
   * The action items as the conference a record is of found them to review: as the record of the
   * conference held before it holds them (its close, where the review goes on from). None when
   * none was held before, or its record is still being taken.
   */
  private async itemsBeforeReview(caseId: string, meta: ConferenceRecordMeta, doc: Y.Doc): Promise<ActionItem[]> {
    const conferences = readConferences(doc).value;
    const reviewing = recordedConference(meta.conferenceId, conferences);
    const previous = reviewing && lastHeld(conferences.filter((c) => compareConferences(c, reviewing) < 0));
    if (!previous) return [];
    const record = (await this.deps.records.list(caseId)).find((r) => r.kind === 'closed-conference' && r.conferenceId === previous.id);
    if (!record) return [];
    const previousDoc = docFromState((await this.stored(caseId, record.id)).state);
    try {
      return readActionItems(previousDoc).value;
    } finally {
      previousDoc.destroy();
    }
  }

  /**
   * The minutes of every conference the case has closed, oldest first by its date (for a
   * handover, or when someone asks to see what is recorded about them), with the case's name
   * and the records they come from.
   */
  async allMinutes(caseId: string): Promise<{ caseTitle: string; records: ConferenceRecordMeta[]; minutes: Minutes[] }> {
    const closed = (await this.list(caseId)).records.filter((meta) => meta.kind === 'closed-conference');
    if (closed.length === 0) throw new NotFoundError('このケースには終了した会議の記録がありません');
    const found = await this.deps.cases.getCase(caseId);
    const minutes: Minutes[] = [];
    // One record at a time: a long case has many, each a whole case doc.
    for (const meta of closed) minutes.push((await this.minutes(caseId, meta.id)).minutes);
    return { caseTitle: found?.title ?? caseId, records: closed, minutes };
  }

  /**
   * The records among `entries` that hold every word of `keyword`, in their content or in what
   * names them (the case's name and 地区, the record's label), each with the line found, if any,
   * in their order; the first `enough` of them (the records after those are not read).
   */
  async search<T extends ConferenceRecordMeta & { caseTitle: string; area: string | null }>(entries: readonly T[], keyword: string, enough = Infinity): Promise<(T & { excerpt?: string })[]> {
    const found: (T & { excerpt?: string })[] = [];
    // One record at a time: each not read before is a whole case doc.
    for (const entry of entries) {
      if (found.length >= enough) break;
      const match = keywordMatch(await this.searchedText(entry), [entry.caseTitle, entry.area ?? '', entry.label], keyword);
      if (match) found.push({ ...entry, ...match });
    }
    return found;
  }

  private async searchedText(meta: ConferenceRecordMeta): Promise<SearchedText> {
    const key = `${meta.caseId}/${meta.id}`;
    const kept = this.textKept.get(key);
    if (kept) return kept;
    const lines = (await this.deps.records.searchedLines(meta.id)) ?? (await this.linesFromState(meta));
    return this.textKept.keep(key, lines);
  }

  /** What a keyword search reads of a record, made from its whole case doc (the costly part of a first search), and kept in the database. */
  private async linesFromState(meta: ConferenceRecordMeta): Promise<string[]> {
    const doc = docFromState((await this.stored(meta.caseId, meta.id)).state);
    try {
      const lines = searchableLines(meta, caseDocContent(doc));
      await this.deps.records.keepSearchedLines(meta.id, lines);
      return lines;
    } finally {
      doc.destroy();
    }
  }

  async diff(caseId: string, fromId: string, toId: string): Promise<RecordDiff> {
    const [from, to, theCase] = await Promise.all([this.get(caseId, fromId), this.get(caseId, toId), this.recordsAndConferences(caseId)]);
    const [a, b] = [from, to].map((record) => recordedConference(record.conferenceId, record.content.conferences));
    const asOf = { from: a?.date ?? null, to: b?.date ?? null };
    return {
      from: metaOf(from),
      to: metaOf(to),
      summary: diffLines(from.content.summary, to.content.summary),
      notes: compareNotes([from, a], [to, b], theCase.names),
      actionItems: diffActionItems(from.content.actionItems, to.content.actionItems, asOf),
      asOf,
      between: conferencesBetween(a?.id, b?.id, theCase),
    };
  }

  /**
   * Puts a record's summary back into the live doc as a new change by `actor` (allowed only if
   * they could make that edit themselves), after saving the live doc as a version so the restore
   * can itself be undone. History is never rewritten. A summary that already equals the record's
   * is left alone, and no version is saved: each would be one more lasting copy of the content.
   */
  async restore(caseId: string, recordId: string, actor: Principal, address: string): Promise<RestoreResult> {
    const record = await this.stored(caseId, recordId);
    return this.deps.rooms.withRoom(caseId, async (room) => {
      await room.catchUp();
      const update = restoreUpdate(room.doc, record.state);
      if (!update) return { restoredFrom: recordId, changed: false };
      const decision = room.judge(actor, update);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      // Made over HTTP, so not seen by the edit audit of the sync connections: in the trail with the
      // version kept before it, before it is made (a restore that then fails shows as one tried).
      const before = await this.saveVersion(caseId, beforeRestoreLabel(record.meta), actor, { address, actions: ['save-version', 'restore'] });
      await room.applyServerChange(update);
      return { restoredFrom: recordId, changed: true, before };
    });
  }

  /** The names of the case's conferences now (see withCurrentLabel). */
  private async currentNames(caseId: string): Promise<ReadonlyMap<string, string>> {
    const [digest] = await this.deps.digests.of([{ id: caseId }]);
    return digest!.conferenceNames;
  }

  private async stored(caseId: string, recordId: string): Promise<StoredRecord> {
    const stored = await this.deps.records.get(caseId, recordId);
    if (!stored) throw new NotFoundError('このケースにその記録はありません');
    return stored;
  }
}

/** Records in the order the case went through them, by recordDay; within a day as taken (the store lists them so; the sort is stable). */
function inCaseOrder(records: ConferenceRecordMeta[], conferences: readonly Conference[]): ConferenceRecordMeta[] {
  const dates = conferenceDates(conferences);
  return records.toSorted((a, b) => recordDay(a, dates).localeCompare(recordDay(b, dates)));
}

/** A record and the conference it is of (recordedConference), if any. */
type OfConference = [ConferenceRecord, RecordConference | undefined];

/**
 * The conferences held (closed) between the two a comparison's records are of, in the case's
 * order, with their records. No conference (a version saved before any was held) stands before
 * the first; a conference the live doc does not know is compared without any between.
 */
function conferencesBetween(
  a: string | undefined,
  b: string | undefined,
  { conferences, records, names }: { conferences: readonly Conference[]; records: readonly ConferenceRecordMeta[]; names: ReadonlyMap<string, string> },
): ConferenceBetween[] {
  const place = (id: string | undefined) => (id === undefined ? -1 : conferences.findIndex((c) => c.id === id));
  const [i, j] = [place(a), place(b)];
  if ((a !== undefined && i === -1) || (b !== undefined && j === -1)) return [];
  return conferences
    .slice(Math.min(i, j) + 1, Math.max(i, j))
    .filter((c) => c.status === 'closed')
    .map((c) => ({
      conference: names.get(c.id)!,
      recordId: records.find((record) => record.kind === 'closed-conference' && record.conferenceId === c.id)?.id ?? null,
    }));
}

/**
 * The 検討内容 of the conferences two records are of: changes within one conference, or each of two
 * as it was (see NotesCompared), named as the case names them now (`names`), else as the record did.
 */
function compareNotes([from, a]: OfConference, [to, b]: OfConference, names: ReadonlyMap<string, string>): NotesCompared {
  if (a?.id === b?.id) return { kind: 'one-conference', lines: diffLines(a?.notes ?? [], b?.notes ?? []) };
  const notes = (conference: typeof a, { content }: ConferenceRecord): RecordedNotes | null =>
    conference ? { conference: names.get(conference.id) ?? conferenceName(conference, content.conferences), lines: conference.notes } : null;
  return { kind: 'two-conferences', from: notes(a, from), to: notes(b, to) };
}

function metaOf(record: ConferenceRecord): ConferenceRecordMeta {
  const { caseTitle: _title, state: _state, content: _content, hashVerified: _verified, ...meta } = record;
  return meta;
}

/** The update that turns `live`'s summary into the record's, computed on a copy so the live doc changes only once stored. */
const BEFORE_RESTORE = '復元前の版';

/**
 * The name of the version saved before a restore: 復元前の版（「第1版」を復元）. A version itself saved
 * before a restore is named by when it was saved, so undoing restores never nests names.
 */
function beforeRestoreLabel(restored: ConferenceRecordMeta): string {
  const what = restored.label.startsWith(BEFORE_RESTORE) ? `${dateTimeInJapan(restored.takenAt)}に保存した版` : `「${restored.label}」`;
  return `${BEFORE_RESTORE}（${what}を復元）`;
}

function restoreUpdate(live: Y.Doc, recordState: Uint8Array): Uint8Array | undefined {
  const copy = docFromState(Y.encodeStateAsUpdate(live));
  const record = docFromState(recordState);
  let update: Uint8Array | undefined;
  copy.on('update', (change: Uint8Array) => (update = change));
  try {
    restoreSummary(copy, record);
    return update;
  } finally {
    copy.destroy();
    record.destroy();
  }
}
