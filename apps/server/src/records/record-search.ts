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
 * Whether a record holds every word of `keyword`, in its lines or in what names it (`names`: its
 * case's name and 地区, its label), and then the excerpt to show: the first line holding one of
 * the words (the first word first), shortened around it; none when only the names hold them.
 */
export function keywordMatch(lines: readonly string[], names: readonly string[], keyword: string): { excerpt?: string } | undefined {
  const words = searchable(keyword).text.split(/\s+/).filter(Boolean);
  const searched = lines.map(searchable);
  const named = names.map((name) => searchable(name).text);
  const holds = (word: string) => searched.some(({ text }) => text.includes(word)) || named.some((text) => text.includes(word));
  if (words.length === 0 || !words.every(holds)) return undefined;
  for (const word of words) {
    const index = searched.findIndex(({ text }) => text.includes(word));
    if (index >= 0) return { excerpt: excerptAround(lines[index]!, searched[index]!, word) };
  }
  return {};
}

/** A line, or the part of it around the first place that holds `word`, marked where it was cut. */
function excerptAround(line: string, { text, from }: { text: string; from: number[] }, word: string): string {
  if (line.length <= EXCERPT_LENGTH) return line;
  const at = from[text.indexOf(word)]!;
  const start = Math.max(0, Math.min(at - EXCERPT_BEFORE, line.length - EXCERPT_LENGTH));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + EXCERPT_LENGTH)}${start + EXCERPT_LENGTH < line.length ? '…' : ''}`;
}
