import { docFromState, openItems, readActionItems, readConferences } from '@care/case-doc';
import type { CaseSummary, OpenActionItem } from '@care/schema';
import type { CaseStore } from '../storage/case-store.ts';
import { foldUpdates } from '../storage/fold-updates.ts';

/**
 * The action items still open in these cases, soonest due first (then by case), each case read as
 * stored now: storage is never behind a live room, whose updates are stored before they are applied.
 */
export async function openActionItemsOf(cases: readonly CaseSummary[], store: CaseStore): Promise<OpenActionItem[]> {
  const found: OpenActionItem[] = [];
  for (const { id: caseId, title: caseTitle, area } of cases) {
    const doc = docFromState(foldUpdates(await store.loadUpdates(caseId)));
    for (const open of openItems(readConferences(doc).value, readActionItems(doc).value)) found.push({ caseId, caseTitle, area, ...open });
    doc.destroy();
  }
  return found.sort((a, b) => a.item.due.localeCompare(b.item.due) || a.caseTitle.localeCompare(b.caseTitle, 'ja'));
}
