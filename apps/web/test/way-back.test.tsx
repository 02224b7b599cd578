// @vitest-environment happy-dom
import type { SessionUser } from '@care/schema';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { expect, it, vi } from 'vitest';

const signedIn = vi.hoisted(() => ({ user: undefined as unknown }));
vi.mock('../src/identity/session.tsx', () => ({ useSession: () => ({ status: 'signed-in', info: { user: signedIn.user, csrfToken: 'token' } }) }));
const { PageFromCaseList } = await import('../src/ui/PageFromCaseList.tsx');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const staff = { userId: 'user-sato', name: '佐藤', agency: '北地域包括支援センター', agencyKind: '地域包括支援センター', role: 'staff', login: 'sato' } as SessionUser;
const guest = { userId: 'guest_inv1', name: '山田', agency: '民生委員', agencyKind: '民生委員', role: 'guest', caseId: 'case-1', conferenceId: 'conf-1' } as SessionUser;

/** The links of a page a guest may not use (記録一覧, say), as `user` sees it. */
async function linksSeenBy(user: SessionUser) {
  signedIn.user = user;
  const container = document.createElement('div');
  const root = createRoot(container);
  await act(async () => root.render(<MemoryRouter><PageFromCaseList heading="記録一覧">…</PageFromCaseList></MemoryRouter>));
  const links = [...container.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
  await act(async () => root.unmount());
  return links;
}

it('leads an account back to the case list, and a guest, who has none, back to the case they were invited to', async () => {
  expect(await linksSeenBy(staff)).toEqual([['← ケース一覧', '/']]);
  expect(await linksSeenBy(guest)).toEqual([['← 招待された会議', '/cases/case-1']]);
});
