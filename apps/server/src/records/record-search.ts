import { recordedConference } from '@care/case-doc';
import { actionItemTexts, type ConferenceRecordMeta, type RecordContent, searchable, searchWords, VARIATION_SELECTOR } from '@care/schema';

/**
 * What a keyword search of the records reads of one record: the 検討内容 and 地域課題 of the
 * conference it records, the case summary, and the action items (what, who, 経過), one line each.
 * Kept in the database once made (record_search_text): a change here needs a migration emptying it.
 */
export function searchableLines(meta: Pick<ConferenceRecordMeta, 'conferenceId'>, content: RecordContent): string[] {
  const conference = recordedConference(meta.conferenceId, content.conferences);
  return [
    ...(conference?.notes ?? []),
    ...content.summary,
    ...content.actionItems.map((item) => {
      const { what, ownerName, progress } = actionItemTexts(item);
      return [what, ownerName, progress].filter(Boolean).join(' ');
    }),
    ...(conference?.issues.map((issue) => issue.text) ?? []),
  ].filter((line) => line.trim() !== '');
}

const EXCERPT_BEFORE = 20;
const EXCERPT_LENGTH = 80;

/**
 * A record's lines as searches read them: as written, for the excerpt, and as matched (searchable:
 * width, case, old kanji and kana folded). Folding is most of a search's work, a record's text being
 * a whole case summary: done once (SearchedTextCache), not again at every search of every record.
 */
export type SearchedText = { lines: readonly string[]; folded: readonly string[] };

/**
 * Whether a record holds every word of `keyword`, in its lines or in what names it (`names`: its
 * case's name and 地区, its label), matched as every page matches words (holdsEveryWord), and
 * then the excerpt to show: the first line holding one of the words (the first word first),
 * shortened around it; none when only the names hold them.
 */
export function keywordMatch({ lines, folded }: SearchedText, names: readonly string[], keyword: string): { excerpt?: string } | undefined {
  const words = searchWords(keyword);
  // A word holds no space, so it is found in the text as a whole exactly when in one of its lines.
  const named = searchable(names.join('\n'));
  if (words.length === 0 || !words.every((word) => named.includes(word) || folded.some((line) => line.includes(word)))) return undefined;
  for (const word of words) {
    const index = folded.findIndex((line) => line.includes(word));
    if (index >= 0) return { excerpt: excerptAround(lines[index]!, word) };
  }
  return {};
}

/** A line, or the part of it around the first place that holds `word`, marked where it was cut. */
function excerptAround(line: string, word: string): string {
  if (line.length <= EXCERPT_LENGTH) return line;
  const at = positionIn(line, word);
  let start = Math.max(0, Math.min(at - EXCERPT_BEFORE, line.length - EXCERPT_LENGTH));
  let end = start + EXCERPT_LENGTH;
  while (splitsCharacter(line, start)) start++;
  while (splitsCharacter(line, end)) end++;
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

/**
 * Whether cutting the line before `index` would split a character: the second half of a
 * surrogate pair (𠮷), or a variation selector, which belongs to the kanji before it (葛󠄀).
 */
function splitsCharacter(line: string, index: number): boolean {
  const code = line.codePointAt(index);
  if (code === undefined) return false;
  return (code >= 0xdc00 && code <= 0xdfff) || VARIATION_SELECTOR.test(String.fromCodePoint(code));
}

/**
 * Where in the line as written `word` (as searched) starts: the line is searched character by
 * character, each remembering where it came from. 0 where only the whole line's normalization
 * finds it (half-width kana with a separate voicing mark).
 */
function positionIn(line: string, word: string): number {
  let text = '';
  const from: number[] = [];
  let at = 0;
  for (const char of line) {
    const folded = searchable(char);
    text += folded;
    for (let i = 0; i < folded.length; i++) from.push(at);
    at += char.length;
  }
  return from[text.indexOf(word)] ?? 0;
}
