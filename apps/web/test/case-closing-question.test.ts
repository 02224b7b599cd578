import type { Conference } from '@care/case-doc';
import type { ActionItem } from '@care/schema';
import { expect, it } from 'vitest';
import { caseClosingQuestion } from '../src/pages/case-closing-question.ts';

const conference = (id: string, date: string, status: Conference['status']) => ({ id, date, kind: '個別ケース検討' as const, status });
const item = (status: ActionItem['status']) => ({ status });

it('closing a case names what is left open: how many action items (they leave 対応事項の一覧) and the conferences still planned', () => {
  const conferences = [conference('conference-3', '2026-12-21', 'scheduled'), conference('conference-1', '2026-11-23', 'closed'), conference('conference-2', '2026-12-14', 'scheduled')];
  const items = [item('未着手'), item('対応中'), item('完了')];
  expect(caseClosingQuestion('90代女性', conferences, items)).toBe(
    [
      '「90代女性」を終結しますか？ 終結すると、全員が閲覧のみになります（記録と議事録は引き続き閲覧できます）。',
      '',
      '確認してください：',
      '・済んでいない対応事項（未着手・対応中）が2件あります。終結すると、対応事項の一覧に載らなくなります。',
      '・予定のままの会議があります（2026-12-14 個別ケース検討、2026-12-21 個別ケース検討）。終結すると開催できません。',
    ].join('\n'),
  );
});

it('closing a case with nothing left open asks only whether to close it', () => {
  expect(caseClosingQuestion('90代女性', [conference('conference-1', '2026-11-23', 'closed')], [item('完了')]).split('\n')).toHaveLength(1);
});
