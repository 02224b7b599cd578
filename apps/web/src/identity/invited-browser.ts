/**
 * Whether this browser's last session came from an invitation link. A guest (a family member, a
 * professional attending once) has no login: when its session ends, the sign-in page explains
 * instead of asking for one. Kept until someone signs in with a password here.
 */
const KEY = 'care-invited';

export function noteInvited(invited: boolean): void {
  try {
    if (invited) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // No localStorage (private mode, blocked): the sign-in page is shown as to anyone.
  }
}

export function wasInvited(): boolean {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
}

/** What may have ended an invitation: said wherever a link no longer lets its guest in. */
const INVITATION_ENDS = '（有効期限切れ、取り消し、または会議の終了・中止）';

/** The join page, for a link that no longer lets anyone in. */
export const DEAD_INVITATION_LINK = `この招待リンクは使えません${INVITATION_ENDS}。会議の主催者に連絡してください。`;

/** The sign-in page, to a guest whose session ended (the link may still work, e.g. after signing out). */
export const INVITED_SESSION_ENDED = `招待リンクでの参加は終了しています。続けるには、招待リンクをもう一度開いてください。リンクが使えない場合${INVITATION_ENDS}は、会議の主催者に連絡してください。`;
