import { caseDocContent, conferenceName } from '@care/case-doc';
import { type ActionItem, actionItemTexts, agencyLabel, sideBySide, versionsOf } from '@care/schema';
import type * as Y from 'yjs';

/** The written text of a case in one place: the summary, one conference's 検討内容, the action items, or one item's 経過. */
export type TextSection = { where: string; lines: string[] };

/** An action item as one line: 見守り訪問（鈴木・社会福祉協議会、2026-12-20まで）, every version side by side. */
function itemLine(item: ActionItem): string {
  const { what, due } = actionItemTexts(item);
  const owner = sideBySide(versionsOf(item, 'owner').map(({ name, agency }) => `${name}・${agencyLabel(agency)}`));
  return `${what}（${owner}、${due}まで）`;
}

/**
 * The case's text, section by section, as lines: what people write at length (the summary, each
 * conference's 検討内容), each action item agreed (a line each) and each item's 経過 (a line a version).
 */
export function writtenText(doc: Y.Doc): TextSection[] {
  const content = caseDocContent(doc);
  const items = content.actionItems;
  return [
    { where: 'ケース概要', lines: content.summary },
    ...content.conferences.map((conference) => ({ where: `検討内容（${conferenceName(conference, content.conferences)}）`, lines: conference.notes })),
    ...(items.length > 0 ? [{ where: '対応事項', lines: items.map(itemLine) }] : []),
    ...items.flatMap((item) => {
      const progress = versionsOf(item, 'progress');
      return progress.length > 0 ? [{ where: `経過：${actionItemTexts(item).what}`, lines: progress }] : [];
    }),
  ];
}

/**
 * The lines of `before` that `after` no longer has, section by section (each line counted as often
 * as it occurs): what discarding this browser's copy took away, so that it can be shown and copied.
 * Blank lines are left out; sections that lost nothing are too.
 */
export function textOnlyIn(before: readonly TextSection[], after: readonly TextSection[]): TextSection[] {
  return before.flatMap(({ where, lines }) => {
    const left = new Map<string, number>();
    for (const line of after.find((section) => section.where === where)?.lines ?? []) left.set(line, (left.get(line) ?? 0) + 1);
    const lost = lines.filter((line) => {
      const count = left.get(line) ?? 0;
      if (count > 0) left.set(line, count - 1);
      return count === 0 && line.trim() !== '';
    });
    return lost.length > 0 ? [{ where, lines: lost }] : [];
  });
}
