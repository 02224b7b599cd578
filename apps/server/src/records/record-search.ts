import { recordedConference } from '@care/case-doc';
import type { ConferenceRecordMeta, RecordContent } from '@care/schema';

/**
 * What a keyword search of the records reads of one record: the 検討内容 and 地域課題 of the
 * conference it records, the case summary, and the action items (what, who, 経過), one line each.
 */
export function searchableLines(meta: Pick<ConferenceRecordMeta, 'conferenceId'>, content: RecordContent): string[] {
  const conference = recordedConference(meta.conferenceId, content.conferences);
  return [
    ...(conference?.notes ?? []),
    ...content.summary,
    ...content.actionItems.map((item) => [item.what, item.ownerName, item.progress].filter(Boolean).join(' ')),
    ...(conference?.issues.map((issue) => issue.text) ?? []),
  ].filter((line) => line.trim() !== '');
}

/**
 * A line as searched, character by character: full-width letters and digits as half-width,
 * half-width kana as full-width, case ignored (what people type varies), with where in the line
 * each searched character comes from, so what is shown is the line as written.
 */
function searchable(line: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  let at = 0;
  for (const char of line) {
    const folded = char.normalize('NFKC').toLowerCase();
    text += folded;
    for (let i = 0; i < folded.length; i++) from.push(at);
    at += char.length;
  }
  return { text, from };
}

const EXCERPT_BEFORE = 20;
const EXCERPT_LENGTH = 80;

/**
 * The excerpt to show for a record whose lines hold every word of `keyword` (anywhere among
 * them): the first line holding the first word, shortened around it; undefined if some word is
 * missing.
 */
export function keywordExcerpt(lines: readonly string[], keyword: string): string | undefined {
  const words = searchable(keyword).text.split(/\s+/).filter(Boolean);
  const searched = lines.map(searchable);
  if (words.length === 0 || !words.every((word) => searched.some(({ text }) => text.includes(word)))) return undefined;
  const index = searched.findIndex(({ text }) => text.includes(words[0]!));
  const { text, from } = searched[index]!;
  const line = lines[index]!;
  if (line.length <= EXCERPT_LENGTH) return line;
  const at = from[text.indexOf(words[0]!)]!;
  const start = Math.max(0, Math.min(at - EXCERPT_BEFORE, line.length - EXCERPT_LENGTH));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + EXCERPT_LENGTH)}${start + EXCERPT_LENGTH < line.length ? '…' : ''}`;
}
