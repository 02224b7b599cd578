import type { FastifyInstance } from 'fastify';
import { isOverdue } from '@care/case-doc';
import { ACTION_ITEM_LABELS as column, actionItemTexts, dayInJapan, type OpenActionItemList } from '@care/schema';
import { type AcrossCasesDeps, serveListAcrossCases } from './across-cases.ts';

/** What is owed across cases (モニタリング between conferences): the open action items of every open case the caller may see, soonest due first. */
export function registerActionItemRoutes(app: FastifyInstance, deps: AcrossCasesDeps) {
  serveListAcrossCases(app, deps, {
    path: '/api/action-items',
    cases: 'open',
    pick: (digest) => digest.open,
    order: (a, b) => a.item.due.localeCompare(b.item.due) || a.caseTitle.localeCompare(b.caseTitle, 'ja'),
    viewAction: 'view-action-items',
    body: (items): OpenActionItemList => ({ items }),
    csv: {
      name: '対応事項',
      // 担当機関 the kind, to sort and count by; 機関名 the agency's own name (北病院), when known.
      // 期限超過 as of the day it is exported (in Japan), as the list on screen marks it.
      header: [column.due, column.what, column.ownerName, column.ownerAgency, '機関名', column.status, '期限超過', column.progress, 'ケースID', 'ケース', '地区', column.conferenceId],
      row: ({ item, caseId, caseTitle, area, agreedAt }) => {
        const text = actionItemTexts(item); // a field written two ways reads both ways
        const overdue = isOverdue(item, dayInJapan()) ? '期限超過' : '';
        return [text.due, text.what, text.ownerName, text.ownerAgencyKind, text.ownerAgencyName, text.status, overdue, text.progress, caseId, caseTitle, area ?? '', agreedAt ?? ''];
      },
    },
  });
}
