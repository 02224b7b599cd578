import { type Conference, conferenceName } from '@care/case-doc';
import type { PresenceUser } from '@care/schema';

/**
 * What closing a conference asks first: closing cannot be undone (its record and minutes are made
 * from it, and what belongs to it is fixed), so the 司会 is told what is still missing.
 * `notesWritten`: whether its 検討内容 holds any text; `connected`: who is connected to the case now.
 * Named as everywhere else, told apart from another of the case's `conferences` of its kind and
 * day by its start time (conferenceName).
 */
export function closingQuestion(
  conference: Conference,
  conferences: readonly Conference[],
  notesWritten: boolean,
  connected: readonly Pick<PresenceUser, 'userId' | 'name'>[] = [],
): string {
  const missing = [
    ...(notesWritten ? [] : ['検討内容がまだ書かれていません。']),
    ...unconfirmed(conference),
    ...notJoined(conference, connected),
  ];
  return [
    `${conferenceName(conference, conferences)}を終了しますか？`,
    '終了すると記録と議事録が作られ、検討内容・議題・出席者・地域課題は変更できなくなります（対応事項は終了後も更新でき、会議の間の変更は次に開催する会議で確認します）。',
    ...(missing.length ? ['', '確認してください：', ...missing.map((line) => `・${line}`)] : []),
  ].join('\n');
}

/** Those connected who never pressed この会議に参加 (a family member who only watched the link's page): not in the attendance list. */
function notJoined({ participants }: Conference, connected: readonly Pick<PresenceUser, 'userId' | 'name'>[]): string[] {
  const joined = new Set(participants.map((p) => p.userId));
  const names = [...new Map(connected.filter((p) => !joined.has(p.userId)).map((p) => [p.userId, p.name])).values()];
  return names.length ? [`接続中で、この会議に参加していない人がいます（${names.join('、')}）。出席者として記録と議事録に載りません。`] : [];
}

function unconfirmed({ participants }: Conference): string[] {
  const names = participants.filter((p) => p.confidentialityConfirmedAt === undefined).map((p) => p.name);
  return names.length ? [`守秘義務を確認していない参加者がいます（${names.join('、')}）。`] : [];
}
