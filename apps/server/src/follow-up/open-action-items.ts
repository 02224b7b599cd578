import { setImmediate as nextTurn } from 'node:timers/promises';
import { docFromState, type OpenItem, openItems, readActionItems, readConferences } from '@care/case-doc';
import type { CaseSummary, OpenActionItem } from '@care/schema';
import type { CaseStore } from '../storage/case-store.ts';
import { foldUpdates } from '../storage/fold-updates.ts';

/** How many cases' open items are kept between requests (the least recently listed are read again). */
const KEPT_CASES = 10_000;

/**
 * The action items still open across cases, soonest due first (then by case). Each case is read
 * as stored now — storage is never behind a live room, whose updates are stored before they are
 * applied — but its document is folded again only when what is stored of it has changed since
 * it was last listed (CaseStore.storedVersions), so a list across hundreds of cases costs one
 * query plus the cases that changed. Between cases read it lets the event loop run, so the live
 * conferences on this process are not held up while it reads.
 */
export class OpenActionItems {
  private readonly kept = new Map<string, { version: string; open: OpenItem[] }>();

  constructor(private readonly store: CaseStore) {}

  async of(cases: readonly CaseSummary[]): Promise<OpenActionItem[]> {
    const versions = await this.store.storedVersions(cases.map((c) => c.id));
    const found: OpenActionItem[] = [];
    for (const { id: caseId, title: caseTitle, area } of cases) {
      const version = versions.get(caseId);
      let known = this.kept.get(caseId);
      if (!known || known.version !== version) {
        await nextTurn();
        known = { version: version ?? '', open: await this.read(caseId) };
      }
      this.keep(caseId, known);
      for (const open of known.open) found.push({ caseId, caseTitle, area, ...open });
    }
    return found.sort((a, b) => a.item.due.localeCompare(b.item.due) || a.caseTitle.localeCompare(b.caseTitle, 'ja'));
  }

  private async read(caseId: string): Promise<OpenItem[]> {
    const doc = docFromState(foldUpdates(await this.store.loadUpdates(caseId)));
    try {
      return openItems(readConferences(doc).value, readActionItems(doc).value);
    } finally {
      doc.destroy();
    }
  }

  /** Most recently listed last; beyond KEPT_CASES the least recently listed is forgotten. */
  private keep(caseId: string, known: { version: string; open: OpenItem[] }): void {
    this.kept.delete(caseId);
    this.kept.set(caseId, known);
    if (this.kept.size > KEPT_CASES) this.kept.delete(this.kept.keys().next().value!);
  }
}
