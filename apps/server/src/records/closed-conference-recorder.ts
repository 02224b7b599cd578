import { conferenceIdsWith, conferenceName, onConferencesClosed, participantAgencies, readConferences, writesOfConferences } from '@care/case-doc';
import type { ConferenceRecordMeta, RecordActor } from '@care/schema';
import * as Y from 'yjs';
import type { CaseRoom } from '../sync/case-room.ts';
import type { RecordStore } from './record-store.ts';

/** Who took the record of a conference found closed without one (its closer's process stopped first). */
export const SERVER_TAKER: RecordActor = { userId: 'server', name: 'サーバー', agency: '終了後の再開時に記録' };

/**
 * Who took the record of a conference closed through another process that did not store it in
 * time (it stopped, or its database writes kept failing): a process that saw the close stands in.
 */
export const SERVER_STAND_IN: RecordActor = { userId: 'server', name: 'サーバー', agency: '終了した人の接続先に代わって記録' };

const takenByServer = (actor: RecordActor) => actor.userId === SERVER_TAKER.userId;

/** How long a record that the database refused waits before it is stored again: 1 s, 2 s, 4 s … then every 30 s. */
const retryDelayMs = (failures: number) => Math.min(1000 * 2 ** (failures - 1), 30_000);

export type RecorderOptions = {
  records: RecordStore;
  /**
   * How long a record waits for the last words of its 検討内容: twice the closing grace, so that
   * what another process took at the end of its own grace (which began when it saw the close, a
   * moment later) has arrived here too.
   */
  waitMs: number;
  /** Keeps the case loaded while its record waits (RoomRegistry.withRoom). */
  withRoom: (caseId: string, task: (room: CaseRoom) => Promise<void>) => Promise<void>;
  onRecorded: (record: ConferenceRecordMeta) => void;
  onError: (error: unknown, context: string) => void;
};

/**
 * Stores a record of a case when one of this process's peers closes a conference, taken by
 * whoever closed it: the doc exactly as the closing update left it, plus the 検討内容 written
 * during the closing grace (words typed before the close reached their writer; see ClosingGrace)
 * and what else of the conference arrives meanwhile, the action items agreed or reviewed there,
 * added or edited (writesOfConferences), and nothing else written since. Another process's peer closing it is that process's to record,
 * but every process that sees the close takes the same record too and stores it, taken by the
 * server, after twice the wait, in case that process stopped first: the store keeps one record
 * per conference, the first, so this adds none when the closer's is there. A conference that a
 * case shows closed without a record when its doc is next built in a process (every process that
 * saw it close stopped before recording it; a browser that was there reconnecting builds it) is
 * recorded then, as it is, taken by the server. A record the database
 * refuses (a full disk, a lost connection) is stored again, as it was taken, until it is stored or
 * the server shuts down.
 */
export class ClosedConferenceRecorder {
  /** Records waiting for their grace to pass or to be stored again: each ends its wait when called. */
  private readonly waiting = new Set<() => void>();
  /** Records waiting or being stored, for a shutdown to wait for. */
  private readonly taking = new Set<Promise<void>>();
  private shuttingDown = false;

  constructor(private readonly options: RecorderOptions) {}

  follow(room: CaseRoom): void {
    this.recordMissing(room).catch((error) => this.options.onError(error, `recording the closed conferences of case ${room.caseId} without a record`));
    onConferencesClosed(room.doc, (closed, transaction) => {
      const closer = room.peerBehind(transaction.origin)?.principal;
      if (closer) this.record(room, closed, { userId: closer.userId, name: closer.name, agency: closer.agency }, this.options.waitMs);
      else this.record(room, closed, SERVER_STAND_IN, 2 * this.options.waitMs);
    });
  }

  /**
   * On shutdown: takes every waiting record now, with the 検討内容 written so far, and tries a
   * refused one once more. What still fails is recorded when its case is next loaded (recordMissing).
   */
  async takeWaitingNow(): Promise<void> {
    this.shuttingDown = true;
    for (const endWait of [...this.waiting]) endWait();
    await Promise.all(this.taking);
  }

  private async recordMissing(room: CaseRoom): Promise<void> {
    const closed = conferenceIdsWith(room.doc, 'closed');
    if (closed.size === 0) return;
    const recorded = new Set((await this.options.records.list(room.caseId)).map((record) => record.conferenceId));
    const missing = [...closed].filter((conferenceId) => !recorded.has(conferenceId));
    if (missing.length > 0) this.record(room, missing, SERVER_TAKER, this.options.waitMs);
  }

  /** Takes the record of these conferences now, with the 検討内容 and items agreed or reviewed there still to come within `waitMs`, and stores it then. */
  private record(room: CaseRoom, conferenceIds: string[], takenBy: RecordActor, waitMs: number): void {
    const takenAt = new Date();
    const conferences = readConferences(room.doc).value;
    const stateWithLateWords = followLateWords(room.doc, conferenceIds);
    const context = `recording closed conferences ${conferenceIds.join(', ')} of case ${room.caseId}`;
    this.afterWait(room.caseId, waitMs, async () => {
      const state = stateWithLateWords();
      // A conference keeps its first record, so storing again adds only the records still missing.
      await this.untilStored(context, async () => {
        for (const conferenceId of conferenceIds) {
          const conference = conferences.find((c) => c.id === conferenceId);
          const record = await this.options.records.add({
            caseId: room.caseId,
            conferenceId,
            kind: 'closed-conference',
            label: conference ? conferenceName(conference, conferences) : '会議',
            takenAt,
            takenBy,
            agencies: [...participantAgencies(conference), ...(takenByServer(takenBy) ? [] : [takenBy.agency])],
            state,
          });
          if (record) this.options.onRecorded(record);
        }
      });
    }, context);
  }

  /** Runs `store` until it succeeds, waiting longer after each failure; once shutting down, a failure is final. */
  private async untilStored(context: string, store: () => Promise<void>): Promise<void> {
    for (let failures = 1; ; failures++) {
      try {
        return await store();
      } catch (error) {
        if (this.shuttingDown) throw error;
        this.options.onError(error, `${context} (trying again in ${retryDelayMs(failures) / 1000} s)`);
        await this.wait(retryDelayMs(failures));
      }
    }
  }

  /** Runs `task` once `waitMs` has passed (or at once on shutdown), keeping the case loaded meanwhile. */
  private afterWait(caseId: string, waitMs: number, task: () => Promise<void>, context: string): void {
    const taking = this.options
      .withRoom(caseId, async () => {
        await this.wait(waitMs);
        await task();
      })
      .catch((error) => this.options.onError(error, context))
      .finally(() => this.taking.delete(taking));
    this.taking.add(taking);
  }

  /** Resolves after `ms`, or at once when the server shuts down. */
  private wait(ms: number): Promise<void> {
    if (this.shuttingDown) return Promise.resolve();
    return new Promise((resolve) => {
      const endWait = () => {
        clearTimeout(timer);
        this.waiting.delete(endWait);
        resolve();
      };
      const timer = setTimeout(endWait, ms);
      this.waiting.add(endWait);
    });
  }
}

/**
 * The doc as it is now, then every update that follows writing what belongs to these conferences
 * (writesOfConferences: their 検討内容, the items agreed or reviewed there; the 記録's last words,
 * item, edit of an item or 完了 at the review, sent as the 司会 closed from a page that had not yet
 * seen the close; items are taken after it): the returned function stops following and gives them
 * merged. (While it follows, Yjs encodes each transaction of the doc once more, for these few
 * seconds only.)
 */
function followLateWords(doc: Y.Doc, conferenceIds: string[]): () => Uint8Array {
  const now = Y.encodeStateAsUpdate(doc);
  const writesHere = writesOfConferences(doc, conferenceIds);
  const late: Uint8Array[] = [];
  const taken = Y.decodeStateVector(Y.encodeStateVector(doc));
  const keep = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (writesHere(transaction) && followsOn(taken, update)) late.push(update);
  };
  doc.on('update', keep);
  return () => {
    doc.off('update', keep);
    return Y.mergeUpdates([now, ...late]);
  };
}

/**
 * Whether `update` follows on from what is `taken` (a state vector, advanced past it if so): each
 * writer's changes are numbered in turn, and one whose earlier change was left out (the 司会 planned
 * the next conference, then edited an item agreed at this one) would be read without its insertions,
 * but with its deletions, taking a field's old value and leaving the item unreadable, out of the record.
 * Left out too, it leaves the record as it was at the close.
 */
function followsOn(taken: Map<number, number>, update: Uint8Array): boolean {
  const { from, to } = Y.parseUpdateMeta(update);
  if ([...from].some(([client, clock]) => clock > (taken.get(client) ?? 0))) return false;
  for (const [client, clock] of to) taken.set(client, Math.max(clock, taken.get(client) ?? 0));
  return true;
}
