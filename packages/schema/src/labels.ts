import { type AccessLevel, isGuestId, type PrincipalRole } from './accounts.ts';
import {
  AccountAuditAction,
  type AccountAuditEntry,
  type AccountChange,
  type AuditAction,
  type AuditEntry,
  type AuditSubject,
  type ListSubject,
  type RecordsSubject,
  type SearchSubject,
  type SignInRefusal,
} from './audit.ts';
import type { ActionItem } from './conference.ts';
import { daysInJapan } from './japan-time.ts';
import type { FieldChange } from './records.ts';

/**
 * Words for the codes that users see: in the web app, and in what the server writes for people
 * (a trail exported as CSV). One place, so a screen and a file never name the same thing twice.
 */

export const ROLE_LABELS: Record<PrincipalRole, string> = {
  admin: '管理者',
  coordinator: 'コーディネーター',
  staff: '職員',
  guest: '招待参加',
};

/** What an audit entry says happened, in words for coordinators. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'ケース登録',
  open: '閲覧',
  edit: '編集',
  export: '出力',
  'view-record': '記録の閲覧',
  'view-action-items': '対応事項一覧での閲覧',
  'view-regional-issues': '地域課題一覧での閲覧',
  'search-records': '記録の検索での閲覧',
  grant: '権限付与',
  revoke: '権限取消',
  close: 'ケース終結',
  reopen: '終結の取消',
  restore: '版の復元',
  'save-version': '版の保存',
  backup: 'バックアップ',
  'start-conference': '会議の開始',
  'close-conference': '会議の終了',
  'cancel-conference': '会議の中止',
  'access-refused': 'アクセス拒否',
};

/** An action item's columns, named alike on every screen, in a diff (every field it compares) and in the minutes. */
export const ACTION_ITEM_LABELS = {
  what: '内容',
  ownerName: '担当者',
  ownerAgency: '担当機関',
  due: '期限',
  status: '状況',
  progress: '経過',
  conferenceId: '決定した会議',
} as const satisfies Record<FieldChange['field'], string> & Partial<Record<keyof ActionItem, string>>;

/** A field of an action item changed between two records, as a comparison shows it: 担当機関 北病院（医療機関） → 高齢福祉課（行政）. */
export const describeFieldChange = ({ field, from, to }: FieldChange) => `${ACTION_ITEM_LABELS[field]} ${from} → ${to}`;

/** Why a version has no 議事録: no conference had met when it was saved (one planned, or called off, never met). */
export const NO_MINUTES_WITHOUT_CONFERENCE = 'この版を保存した時点では開催した会議がないため、議事録はありません（予定の会議・中止した会議の議事録は作られません）';

export const ACCESS_LABELS: Record<AccessLevel, string> = { edit: '編集', read: '閲覧のみ' };

const FILE_FORMAT_LABELS: Record<NonNullable<RecordsSubject['format'] | ListSubject['format']>, string> = { html: '印刷用HTML', md: 'Markdown', csv: 'CSV', print: '印刷' };
const RECORDS_READ_LABELS: Record<RecordsSubject['kind'], string> = { record: '記録', 'records-compared': '記録の比較', minutes: '議事録', 'all-minutes': '議事録一式' };

/**
 * What an entry was about. Whom a grant or revoke was for: 北地区社会福祉協議会（機関・編集）,
 * 鈴木（個人・閲覧のみ）, 山田（招待・民生委員・編集）; a change of access held before, from what to
 * what: 鈴木（個人・閲覧のみ → 編集）. What was read or exported: 記録「第1版」,
 * 記録の比較「第1版」→「第2版」, 議事録「サービス担当者会議（田中）」（Markdown）, 対応事項の一覧 2件,
 * 対応事項の一覧 2件（CSV）, 記録「第1版」（キーワード「後見」、地区「北地区」、2026-11-01〜2026-11-30）.
 */
export function describeAuditSubject(subject: AuditSubject): string {
  const format = 'format' in subject && subject.format ? `（${FILE_FORMAT_LABELS[subject.format]}）` : '';
  switch (subject.kind) {
    case 'list':
      return `${subject.name}${subject.entries === undefined ? '' : ` ${subject.entries}件`}${format}`;
    case 'conference':
      return subject.name;
    case 'search':
      return `${RECORDS_READ_LABELS.record}${quoted(subject.records)}（${describeRecordSearch(subject.search).join('、')}）`;
    case 'record':
    case 'records-compared':
    case 'minutes':
    case 'all-minutes':
      return `${RECORDS_READ_LABELS[subject.kind]}${quoted(subject.records, subject.kind === 'records-compared' ? '→' : '')}${format}`;
    default: {
      const { kind, name, agency, access, was } = subject;
      const as = kind === 'agency' ? '機関' : kind === 'account' ? '個人' : `招待${agency ? `・${agency}` : ''}`;
      return `${name}（${as}・${was ? `${ACCESS_LABELS[was]} → ` : ''}${ACCESS_LABELS[access]}）`;
    }
  }
}

/**
 * Who did it, as the trails show them: 佐藤（地域包括支援センター）; a guest as invited, marked so as
 * its invitation is (山田（招待・長女）), never to be read as a staff member of that name and agency.
 */
export const describeActor = ({ actorId, actorName, actorAgency }: { actorId: string; actorName: string; actorAgency: string }) =>
  `${actorName}（${isGuestId(actorId) ? '招待・' : ''}${actorAgency}）`;

const quoted = (records: RecordsSubject['records'], between = '') => records.map((r) => `「${r.label}」`).join(between);

/** A search of the records as its filters read on 記録のタイムライン: its words, 地区, 機関 and the days it covered. */
function describeRecordSearch({ keyword, area, agency, ...span }: SearchSubject['search']): string[] {
  const { firstDay, lastDay } = daysInJapan(span);
  const days = firstDay && lastDay ? `${firstDay}〜${lastDay}` : firstDay ? `${firstDay}から` : lastDay ? `${lastDay}まで` : undefined;
  return [keyword && `キーワード「${keyword}」`, area && `地区「${area}」`, agency && `機関「${agency}」`, days].filter((part): part is string => !!part);
}

/** What was done to an account or agency, in words for coordinators. */
export const ACCOUNT_AUDIT_ACTION_LABELS: Record<AccountAuditAction, string> = {
  'create-agency': '組織の追加',
  'rename-agency': '組織名の変更',
  'change-agency-kind': '組織の種別の変更',
  'disable-agency': '組織の無効化',
  'enable-agency': '組織の有効化',
  'create-account': 'アカウントの作成',
  'change-account': 'アカウントの変更',
  'reset-password': 'パスワード再設定',
  'disable-account': '無効化',
  'enable-account': '有効化',
  'change-password': 'パスワード変更（本人）',
  'sign-in': 'ログイン',
  'accept-invitation': '招待リンクで参加',
  'sign-out': 'ログアウト',
  'signed-out-with-agency': 'ログアウト（所属機関の無効化）',
  'signed-out-by-sign-in': 'ログアウト（同じブラウザでのログイン）',
  'session-expired': 'ログアウト（時間切れ）',
  'session-ended-with-conference': 'ログアウト（会議の終了・中止）',
  'sign-in-failed': 'ログイン失敗',
  'export-trail': '監査記録の出力',
  'copy-store': 'データベースの移行',
};

const CHANGE_FIELD_LABELS: Record<AccountChange['field'], string> = { name: '名前', agency: '所属', role: '役割', kind: '種別' };

/**
 * Where a trail entry came from (接続元): the client's address, the server's own command
 * (admin:create, a backup), nowhere (a session running out, or a guest's ending with its conference), or not known (記録なし: a case trail
 * entry from before addresses were kept; the account trail kept them from its start).
 */
export function describeAddress({ address, action }: Pick<AccountAuditEntry | AuditEntry, 'address' | 'action'>): string {
  if (address !== null) return address;
  if (action === 'session-expired') return 'なし（時間切れ）';
  if (action === 'session-ended-with-conference') return 'なし（会議の終了・中止）';
  return action === 'backup' || isAccountAuditAction(action) ? 'サーバー上のコマンド' : '記録なし';
}

const isAccountAuditAction = (action: string): action is AccountAuditAction => (AccountAuditAction.options as readonly string[]).includes(action);

const SIGN_IN_REFUSAL_LABELS: Record<SignInRefusal, string> = {
  'wrong-password': 'パスワード違い',
  'account-disabled': 'アカウントが無効',
  'agency-disabled': '所属機関が無効',
  'invitation-revoked': '招待リンクが取消済み',
  'invitation-expired': '招待リンクが期限切れ',
  'conference-ended': '会議が終了・中止済み',
  'too-many-failures': '失敗が続いたため受付停止中',
};

/** What an account trail entry did (内容): why a sign-in was refused, what changed. */
export function describeAccountEntry({ refusal, changes }: Pick<AccountAuditEntry, 'refusal' | 'changes'>): string {
  return [...(refusal ? [SIGN_IN_REFUSAL_LABELS[refusal]] : []), ...changes.map(describeChange)].join('、');
}

/** 「役割: 職員 → コーディネーター」; a field set on creation has no "before". */
export function describeChange({ field, from, to }: AccountChange): string {
  const shown = (value: string) => (field === 'role' ? (ROLE_LABELS[value as PrincipalRole] ?? value) : value);
  return `${CHANGE_FIELD_LABELS[field]}: ${from ? `${shown(from)} → ` : ''}${shown(to)}`;
}
