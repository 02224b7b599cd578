import { caseDocContent, conferenceName } from '@care/case-doc';
import type * as Y from 'yjs';

/** The written text of a case in one place: the summary, or one conference's 検討内容. */
export type TextSection = { where: string; lines: string[] };

/** The case's rich text, section by section, as lines (what people write at length). */
export function writtenText(doc: Y.Doc): TextSection[] {
  const content = caseDocContent(doc);
  return [
    { where: 'ケース概要', lines: content.summary },
    ...content.conferences.map((conference) => ({ where: `検討内容（${conferenceName(conference, content.conferences)}）`, lines: conference.notes })),
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
