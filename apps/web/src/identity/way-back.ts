import type { SessionUser } from '@care/schema';

/**
 * Where a page's way back leads: the case list, or for a guest, who came by an invitation to one
 * conference and has no case list (it would show them that one case, under a heading for staff),
 * the case they were invited to.
 */
export function wayBack(user: SessionUser | undefined): { to: string; label: string } {
  if (user?.role === 'guest' && user.caseId) return { to: `/cases/${encodeURIComponent(user.caseId)}`, label: '← 招待された会議' };
  return { to: '/', label: '← ケース一覧' };
}
