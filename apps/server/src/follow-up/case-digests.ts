import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  caseConferenceGlances,
  type ConferenceGlances,
  docFromState,
  type IssueSeen,
  issuesSeen,
  type OpenItem,
  openItems,
  readActionItems,
  readConferences,
} from '@care/case-doc';
import type { CaseSummary } from '@care/schema';
import type { CaseStore } from '../storage/case-store.ts';
import { conferenceDates } from '../records/record-day.ts';
import { conferenceNames } from '../records/record-label.ts';
import { foldUpdates } from '../storage/fold-updates.ts';

/**
 * What lists across cases show of one case: its open action items, its 地域課題, its last, live
 * and next conference, and its conferences' dates and names (the timeline's days and labels of its records).
 */
export type CaseDigest = {
  open: OpenItem[];
  issues: IssueSeen[];
  conferenceDates: ReadonlyMap<string, string>;
  conferenceNames: ReadonlyMap<string, string>;
} & ConferenceGlances;

/** How many cases' digests are kept between requests (the least recently listed are read again). */
const KEPT_CASES = 10_000;

/**
 * Digests of cases for the lists across them (対応事項の一覧, the case list). Each case is read as
 * stored now — storage is never behind a live room, whose updates are stored before they are
 * applied — but its document is folded again only when what is stored of it has changed since
 * it was last listed (CaseStore.storedVersions), so a list across hundreds of cases costs one
 * query plus the cases that changed. Between cases read it lets the event loop run, so the live
 * conferences on this process are not held up while it reads.
 */
export class CaseDigests {
  /** Each case's digest as of a stored version; a read under way is shared by every request that wants it. */
  private readonly kept = new Map<string, { version: string; digest: Promise<CaseDigest> }>();

  constructor(private readonly store: CaseStore) {}

  /** Each case's digest, in the order given. */
  async of(cases: readonly Pick<CaseSummary, 'id'>[]): Promise<CaseDigest[]> {
    const versions = await this.store.storedVersions(cases.map((c) => c.id));
    const digests: CaseDigest[] = [];
    for (const { id: caseId } of cases) {
      const version = versions.get(caseId) ?? '';
      let known = this.kept.get(caseId);
      if (known?.version !== version) {
        await nextTurn();
        known = this.kept.get(caseId); // another list may have started reading it meanwhile
        if (known?.version !== version) known = this.startReading(caseId, version);
      }
      this.keep(caseId, known);
      digests.push(await known.digest);
    }
    return digests;
  }

  private startReading(caseId: string, version: string): { version: string; digest: Promise<CaseDigest> } {
    const reading = { version, digest: this.read(caseId) };
    // A failed read is not kept: the next list tries again.
    reading.digest.catch(() => this.kept.get(caseId) === reading && this.kept.delete(caseId));
    return reading;
  }

  private async read(caseId: string): Promise<CaseDigest> {
    const doc = docFromState(foldUpdates(await this.store.loadUpdates(caseId)));
    try {
      const conferences = readConferences(doc).value;
      return {
        open: openItems(conferences, readActionItems(doc).value),
        issues: issuesSeen(conferences),
        conferenceDates: conferenceDates(conferences),
        conferenceNames: conferenceNames(conferences),
        ...caseConferenceGlances(conferences),
      };
    } finally {
      doc.destroy();
    }
  }

  /** Most recently listed last; beyond KEPT_CASES the least recently listed is forgotten. */
  private keep(caseId: string, known: { version: string; digest: Promise<CaseDigest> }): void {
    this.kept.delete(caseId);
    this.kept.set(caseId, known);
    if (this.kept.size > KEPT_CASES) this.kept.delete(this.kept.keys().next().value!);
  }
}
