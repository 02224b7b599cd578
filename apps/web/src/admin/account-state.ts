import { type Account, dateTimeInJapan, temporaryPasswordExpired } from '@care/schema';

/**
 * What the account list's 状態 says: 無効, 所属機関が無効 (it lets no one in either, though the
 * account itself is enabled), locked by failed sign-ins (until when), 利用中, or a temporary password
 * not yet replaced by its holder (and whether it still lets them in).
 */
export function accountState(
  account: Account,
  { agencyDisabled, temporaryDays, lockedUntil }: { agencyDisabled: boolean; temporaryDays: number | undefined; lockedUntil: string | undefined },
): string {
  if (account.disabled) return '無効';
  if (agencyDisabled) return '所属機関が無効';
  // Before the password's state: it is why its holder calls now.
  if (lockedUntil) return `ロック中（${dateTimeInJapan(lockedUntil)}まで）`;
  const since = account.temporaryPasswordSince;
  if (!since) return '利用中';
  const expired = temporaryDays !== undefined && temporaryPasswordExpired(since, temporaryDays);
  return expired ? '仮パスワード（期限切れ・再設定が必要）' : '仮パスワード（本人が未変更）';
}

/** Said under a locked account's state: what the lock still lets through, and what ends it. */
export const LOCK_HINT = 'ログインの失敗が続いたため、ご本人が最近ログインした場所以外からは受け付けていません。パスワード再設定で解除されます。';
