import {
  agendaItemTimeMs,
  byDueThenWhat,
  caseDocContent,
  conferenceNotesFragment,
  itemsAgreedAt,
  itemsForReview,
  recordedConference,
  roleShownFor,
  spentMinutesLabel,
  statusAsOf,
  summaryFragment,
  type TextBlock,
  textBlocks,
} from '@care/case-doc';
import {
  ACTION_ITEM_LABELS,
  type ActionItem,
  actionItemTexts,
  agencyLabel,
  CONFERENCE_ROLES,
  type ConferenceRecordMeta,
  dayInJapan,
  JAPAN_TIME_ZONE,
  NO_MINUTES_WITHOUT_CONFERENCE,
  professionBeside,
  type RecordConference,
  timeInJapan,
  timeOnDay,
  type RoleAssignment,
} from '@care/schema';
import type * as Y from 'yjs';
import { NotFoundError } from '../http/errors.ts';
import { escapeHtml, htmlBlocks } from './html-blocks.ts';
import { markdownBlocks, markdownText } from './markdown-blocks.ts';
import { reviewChanges } from './review-changes.ts';

/** 議事録 in the layout Japanese agencies use, filled from one record. */
export type Minutes = {
  会議名: string;
  日時: string;
  場所: string;
  出席者: { name: string; agency: string; profession?: string; confidentiality: string }[];
  役割: { role: string; name: string; profession?: string }[];
  /** The agenda with each item's time box and the time it took (the shared timer's). */
  議題: { title: string; planned: string; actual: string }[];
  /** The case summary as it stood (the 事例 the conference worked on), its headings, lists and marks kept. */
  事例の概要: TextBlock[];
  /** What was discussed: the conference's own 検討内容, as the summary. */
  検討内容: TextBlock[];
  決定事項: string[];
  /** 地域課題 the conference saw in the case (for the 地域ケア推進会議). */
  地域課題: string[];
  今後の対応: { what: string; owner: string; agency: string; due: string; status: string; progress: string }[];
  次回予定: string;
  /** Where the minutes come from, so a printed copy can be checked against the record. */
  出典: string;
};

const ATTENDEE_COLUMNS = ['氏名', '所属', '職種', '守秘義務'];
const attendeeRow = (p: Minutes['出席者'][number]) => [p.name, p.agency, p.profession ?? '', p.confidentiality];
const AGENDA_COLUMNS = ['議題', '予定', '実際'];
const agendaRow = (a: Minutes['議題'][number]) => [a.title, a.planned, a.actual];
const FOLLOW_UP_COLUMNS = (['what', 'ownerName', 'ownerAgency', 'due', 'status', 'progress'] as const).map((field) => ACTION_ITEM_LABELS[field]);
const followUpRow = (f: Minutes['今後の対応'][number]) => [f.what, f.owner, f.agency, f.due, f.status, f.progress];

const WEEKDAYS = '日月火水木金土';
const tokyoDateTime = new Intl.DateTimeFormat('ja-JP', { timeZone: JAPAN_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });

/** 2026-11-23 → 2026年11月23日（月） */
export function japaneseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${year}年${month}月${day}日（${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}）`;
}

/**
 * The roles as minutes list them: every participant's, as the screen showed it (参加者 unless
 * handed another), and any handed to someone who did not join; 司会 first, in CONFERENCE_ROLES
 * order, then in the order the participants are listed. (The doc's own order is the order each
 * role was first handed out, seen from wherever the record was taken.)
 */
function rolesInOrder({ roles, participants }: RecordConference): [string, RoleAssignment][] {
  const rank = (userId: string) => {
    const at = participants.findIndex((p) => p.userId === userId);
    return at === -1 ? participants.length : at;
  };
  const everyone = new Set([...participants.map((p) => p.userId), ...Object.keys(roles)]);
  return [...everyone]
    .map((userId): [string, RoleAssignment] => [userId, { ...roles[userId], role: roleShownFor(roles, userId) }])
    .sort(([a, x], [b, y]) => CONFERENCE_ROLES.indexOf(x.role) - CONFERENCE_ROLES.indexOf(y.role) || rank(a) - rank(b));
}

/**
 * The 議事録 of the conference a record is of (recordedConference), from the record's case doc
 * (`doc`); a record of none held has none (NotFoundError). `before`: the action items as the record
 * of the conference held before it holds them, for 決定事項 to say what the review changed in
 * them (担当, 期限, 内容); without it (none held before, or its record still being taken) only 状況.
 */
export function minutesOf(caseTitle: string, meta: ConferenceRecordMeta, doc: Y.Doc, before: readonly ActionItem[] = []): Minutes {
  const content = caseDocContent(doc);
  const conference = recordedConference(meta.conferenceId, content.conferences);
  const source = `${meta.label}（${tokyoDateTime.format(new Date(meta.takenAt))} 記録者：${meta.takenBy.name}（${meta.takenBy.agency}）、SHA-256 ${meta.contentHash}）`;
  if (!conference) throw new NotFoundError(NO_MINUTES_WITHOUT_CONFERENCE);
  const people = new Map(conference.participants.map((p) => [p.userId, p]));
  const items = content.actionItems;
  const agreed = itemsAgreedAt(items, conference.id);
  const reviewed = itemsForReview(content.conferences, items, conference.id);
  const changedAtReview = reviewChanges(before, reviewed, japaneseDate);
  const next = content.conferences.find((c) => c.status === 'scheduled' && c.date >= conference.date && c.id !== conference.id);
  return {
    会議名: `${conference.kind}（${caseTitle}）`,
    日時: heldAt(conference),
    場所: conference.place ?? '記載なし',
    出席者: [
      ...conference.participants.map((p) => ({
        name: p.name,
        agency: agencyLabel(p.agency),
        profession: professionBeside(p),
        confidentiality: p.confidentialityConfirmedAt === undefined ? '未確認' : `確認済み（${timeOnDay(p.confidentialityConfirmedAt, conference.date)}）`,
      })),
      // Present without an account, listed by the 司会: 本人 and 家族 confirm nothing; a professional did with the 司会.
      ...conference.attendees.map((a) => ({
        name: a.name,
        agency: a.affiliation,
        confidentiality: a.confidentialityConfirmedAt === undefined ? '—' : `確認済み（${timeOnDay(a.confidentialityConfirmedAt, conference.date)}・司会が確認）`,
      })),
    ],
    役割: rolesInOrder(conference).map(([userId, assignment]) => ({
      role: assignment.role,
      name: people.get(userId)?.name ?? '（不明な参加者）',
      profession: assignment.profession,
    })),
    議題: conference.agenda.map((item) => ({
      title: item.title,
      planned: `${item.minutes}分`,
      actual: spentMinutesLabel(agendaItemTimeMs(conference.timer, item.id, Date.parse(meta.takenAt))),
    })),
    事例の概要: textBlocks(summaryFragment(doc)),
    検討内容: textBlocks(conferenceNotesFragment(doc, conference.id)),
    決定事項: [
      ...agreed.map((item) => {
        const { what, ownerName, ownerAgency, due } = actionItemTexts(item, japaneseDate);
        return `${what}（担当：${ownerName}・${ownerAgency}、期限：${due}）`;
      }),
      // Each item reviewed: what was changed in it, then its 状況 if settled here.
      ...reviewed.flatMap((item) => {
        const { what, status } = actionItemTexts(item);
        const changed = changedAtReview.get(item.id);
        return [...(changed ? [changed] : []), ...(item.statusConferenceId === conference.id ? [`前回までの対応事項「${what}」を${status}とする`] : [])];
      }),
    ],
    地域課題: conference.issues.map((issue) => issue.text),
    // One list, soonest 期限 first, whichever conference agreed each (those agreed here are also in 決定事項).
    今後の対応: [...reviewed, ...agreed].sort(byDueThenWhat).map((item) => followUp(item, conference.date)),
    次回予定: next ? `${japaneseDate(next.date)} ${next.kind}${next.place ? `（${next.place}）` : ''}` : '未定',
    出典: source,
  };
}

/**
 * 日時: the conference's date, then the clock times it was started and closed. A time on another
 * day than the one before it in the line carries its own date, so a conference closed the next
 * morning, or started on another day than its date, reads as what happened.
 */
function heldAt({ date, startedAt, closedAt }: RecordConference): string {
  const held = japaneseDate(date);
  if (startedAt === undefined) return held;
  const start = inTokyo(startedAt);
  const close = closedAt === undefined ? undefined : inTokyo(closedAt);
  const until = !close ? '' : close.day === start.day ? close.time : `${japaneseDate(close.day)} ${close.time}`;
  return start.day === date ? `${held} ${start.time}〜${until}` : `${held}（実施：${japaneseDate(start.day)} ${start.time}〜${until}）`;
}

/** An instant's day (ISO date) and clock time in Japan. */
const inTokyo = (at: number) => ({ day: dayInJapan(at), time: timeInJapan(at) });

/** An item as the minutes of a conference held on `date` list it (overdue as of that date; a field written two ways, both ways). */
function followUp(item: ActionItem, date: string): Minutes['今後の対応'][number] {
  const text = actionItemTexts(item, japaneseDate);
  return { what: text.what, owner: text.ownerName, agency: text.ownerAgency, due: text.due, status: statusAsOf(text.status, item, date), progress: text.progress };
}

/**
 * An empty text section: not written, which is not the same as nothing discussed (a conference
 * recorded before 検討内容 had its own section has none, its discussion is in 事例の概要).
 */
const NOT_WRITTEN = '記載なし';

const withProfession = (name: string, profession?: string) => (profession ? `${name}（${profession}）` : name);

/** Markdown: headings in the agencies' order, tables for people and follow-ups. */
export function minutesMarkdown(m: Minutes): string {
  const t = markdownText;
  const cell = (text: string) => t(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const table = (head: string[], rows: string[][]) =>
    [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
  const list = (lines: string[]) => (lines.length ? lines.map((line) => `- ${t(line)}`).join('\n') : 'なし');
  const written = (blocks: TextBlock[]) => markdownBlocks(blocks) || NOT_WRITTEN;
  return [
    `# 議事録：${t(m.会議名)}`,
    `- 会議名：${t(m.会議名)}\n- 日時：${t(m.日時)}\n- 場所：${t(m.場所)}`,
    `## 出席者と所属\n\n${m.出席者.length ? table(ATTENDEE_COLUMNS, m.出席者.map(attendeeRow)) : 'なし'}`,
    `## 役割\n\n${m.役割.length ? table(['役割', '氏名'], m.役割.map((r) => [r.role, withProfession(r.name, r.profession)])) : 'なし'}`,
    `## 議題\n\n${m.議題.length ? table(AGENDA_COLUMNS, m.議題.map(agendaRow)) : 'なし'}`,
    `## 事例の概要\n\n${written(m.事例の概要)}`,
    `## 検討内容\n\n${written(m.検討内容)}`,
    `## 決定事項\n\n${list(m.決定事項)}`,
    `## 地域課題\n\n${list(m.地域課題)}`,
    `## 役割分担／今後の対応\n\n${m.今後の対応.length ? table(FOLLOW_UP_COLUMNS, m.今後の対応.map(followUpRow)) : 'なし'}`,
    `## 次回予定\n\n${t(m.次回予定)}`,
    `---\n\n出典：${t(m.出典)}`,
  ].join('\n\n') + '\n';
}

/**
 * A self-contained, printable HTML page (A4, no scripts, nothing loaded from elsewhere) of one
 * conference's minutes, or of several, each starting on a new page.
 */
export function minutesHtml(title: string, all: readonly Minutes[]): string {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", sans-serif; font-size: 10.5pt; line-height: 1.6; color: #000; max-width: 180mm; margin: 0 auto; }
article + article { break-before: page; margin-top: 24pt; }
h1 { font-size: 16pt; text-align: center; border-bottom: 2px solid #000; padding-bottom: 4pt; }
h2 { font-size: 11.5pt; border-left: 4pt solid #000; padding-left: 6pt; margin-top: 14pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; white-space: nowrap; }
tr { page-break-inside: avoid; }
dl.meta { display: grid; grid-template-columns: 5em 1fr; border: 1px solid #000; }
dl.meta dt, dl.meta dd { margin: 0; padding: 3pt 5pt; border-bottom: 1px solid #000; }
dl.meta dt { background: #eee; font-weight: bold; }
.summary p { margin: 0 0 3pt; }
.summary h3, .summary h4 { font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; }
.summary h4 { font-size: 10.5pt; }
.summary ul, .summary ol { margin: 0 0 3pt; padding-left: 1.6em; }
.summary li > p { margin: 0; }
footer { margin-top: 18pt; font-size: 8pt; color: #333; word-break: break-all; }
</style></head>
<body>
${all.map(minutesArticle).join('\n')}
</body></html>
`;
}

/** One conference's minutes as a part of the page. */
function minutesArticle(m: Minutes): string {
  const e = escapeHtml;
  const table = (head: string[], rows: string[][]) =>
    rows.length
      ? `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((row) => `<tr>${row.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      : '<p>なし</p>';
  const list = (lines: string[]) => (lines.length ? `<ul>${lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>` : '<p>なし</p>');
  const written = (blocks: TextBlock[]) => `<div class="summary">${htmlBlocks(blocks) || `<p>${NOT_WRITTEN}</p>`}</div>`;
  return `<article>
<h1>議事録</h1>
<dl class="meta"><dt>会議名</dt><dd>${e(m.会議名)}</dd><dt>日時</dt><dd>${e(m.日時)}</dd><dt>場所</dt><dd>${e(m.場所)}</dd></dl>
<h2>出席者と所属</h2>
${table(ATTENDEE_COLUMNS, m.出席者.map(attendeeRow))}
<h2>役割</h2>
${table(['役割', '氏名'], m.役割.map((r) => [r.role, withProfession(r.name, r.profession)]))}
<h2>議題</h2>
${table(AGENDA_COLUMNS, m.議題.map(agendaRow))}
<h2>事例の概要</h2>
${written(m.事例の概要)}
<h2>検討内容</h2>
${written(m.検討内容)}
<h2>決定事項</h2>
${list(m.決定事項)}
<h2>地域課題</h2>
${list(m.地域課題)}
<h2>役割分担／今後の対応</h2>
${table(FOLLOW_UP_COLUMNS, m.今後の対応.map(followUpRow))}
<h2>次回予定</h2>
<p>${e(m.次回予定)}</p>
<footer>出典：${e(m.出典)}</footer>
</article>`;
}
