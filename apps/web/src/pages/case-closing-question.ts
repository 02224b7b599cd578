import { compareConferences, type Conference, conferenceName, isOpenActionItem } from '@care/case-doc';
import type { ActionItem } from '@care/schema';

/**
 * What closing a case (終結) asks first: what is still open in it, which closing leaves behind —
 * its open action items drop out of 対応事項の一覧 (a list of open cases only), and a conference
 * still planned can no longer be held.
 */
export function caseClosingQuestion(
  title: string,
  conferences: readonly Pick<Conference, 'id' | 'date' | 'kind' | 'startedAt' | 'status'>[],
  actionItems: readonly Pick<ActionItem, 'status'>[],
): string {
  const open = actionItems.filter(isOpenActionItem).length;
  const planned = conferences.filter((c) => c.status === 'scheduled').sort(compareConferences);
  const left = [
    ...(open ? [`済んでいない対応事項（未着手・対応中）が${open}件あります。終結すると、対応事項の一覧に載らなくなります。`] : []),
    ...(planned.length ? [`予定のままの会議があります（${planned.map((c) => conferenceName(c, conferences)).join('、')}）。終結すると開催できません。`] : []),
  ];
  return [
    `「${title}」を終結しますか？ 終結すると、全員が閲覧のみになります（記録と議事録は引き続き閲覧できます）。`,
    ...(left.length ? ['', '確認してください：', ...left.map((line) => `・${line}`)] : []),
  ].join('\n');
}
