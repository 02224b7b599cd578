// @vitest-environment happy-dom
import type { Account, AgencyAccount, SessionUser } from '@care/schema';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  listAgencies: vi.fn(),
  listUsers: vi.fn(),
  signInLocks: vi.fn(),
  createUser: vi.fn(),
  updateUser: vi.fn(),
}));
vi.mock('../src/api.ts', () => ({ api }));
vi.mock('../src/identity/session.tsx', () => ({ useSession: () => ({ refresh: async () => {} }) }));
vi.mock('../src/identity/AccountBar.tsx', () => ({ AccountBar: () => null }));
const { AdminPage } = await import('../src/admin/AdminPage.tsx');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const kita: AgencyAccount = { id: 'agency-kita', name: '北地区社会福祉協議会', kind: '社会福祉協議会', disabled: false, createdAt: '2026-12-01T00:00:00.000Z' };
const suzuki: Account = {
  id: 'user-suzuki',
  login: 'suzuki.kita',
  name: '鈴木',
  agencyId: kita.id,
  agency: kita.name,
  agencyKind: kita.kind,
  role: 'staff',
  disabled: false,
  temporaryPasswordSince: null,
  createdAt: '2026-12-01T00:00:00.000Z',
};
const admin = { userId: 'user-admin', name: '管理者', agency: kita.name, agencyKind: kita.kind, role: 'admin', login: 'admin' } as SessionUser;

let container: HTMLElement;
let root: ReturnType<typeof createRoot>;
beforeEach(async () => {
  vi.clearAllMocks();
  api.listAgencies.mockResolvedValue([kita]);
  api.listUsers.mockResolvedValue({ users: [suzuki], temporaryPasswordDays: 14 });
  api.signInLocks.mockResolvedValue([]);
  api.createUser.mockResolvedValue(suzuki);
  api.updateUser.mockResolvedValue(suzuki);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<MemoryRouter><AdminPage user={admin} /></MemoryRouter>));
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

const field = (label: string) => container.querySelector<HTMLInputElement | HTMLSelectElement>(`[aria-label="${label}"]`)!;
/** Types into a field as React hears it (its value set natively, then an input event). */
async function fill(label: string, value: string) {
  const element = field(label);
  const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
const button = (text: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === text)!;
const click = (text: string) => act(async () => button(text).click());
const alertText = () => container.querySelector('[role="alert"]')?.textContent;

it('a new account’s initial password, typed twice differently, is not sent: the form says so', async () => {
  await fill('氏名', '田中');
  await fill('ログインID', 'tanaka.kita');
  await fill('所属機関', kita.id);
  await fill('初期パスワード', 'kita shakyo password');
  await fill('初期パスワード（確認）', 'kita shakyo pasword');
  await click('アカウントを作成');
  expect(alertText()).toBe('確認のために入力した初期パスワードが一致しません。');
  expect(field('初期パスワード（確認）').getAttribute('aria-invalid')).toBe('true');
  expect(api.createUser).not.toHaveBeenCalled();

  await fill('初期パスワード（確認）', 'kita shakyo password');
  await click('アカウントを作成');
  // The repeat stays in the browser: the server's API is as it was.
  expect(api.createUser).toHaveBeenCalledWith({ name: '田中', login: 'tanaka.kita', agencyId: kita.id, role: 'staff', password: 'kita shakyo password' });
});

it('a temporary password an administrator resets to, typed twice differently, is not sent: the page says so', async () => {
  await click('パスワード再設定');
  await fill('鈴木 さんの仮パスワード', 'temporary once more');
  await fill('鈴木 さんの仮パスワード（確認）', 'temporary once mroe');
  await click('設定');
  expect(alertText()).toBe('確認のために入力した仮パスワードが一致しません。');
  expect(api.updateUser).not.toHaveBeenCalled();

  await fill('鈴木 さんの仮パスワード（確認）', 'temporary once more');
  await click('設定');
  expect(api.updateUser).toHaveBeenCalledWith(suzuki.id, { password: 'temporary once more' });
});
