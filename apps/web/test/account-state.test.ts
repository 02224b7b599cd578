import type { Account } from '@care/schema';
import { expect, it } from 'vitest';
import { accountState } from '../src/admin/account-state.ts';

const account = (of: Partial<Account> = {}) => ({ disabled: false, temporaryPasswordSince: null, ...of }) as Account;
const state = (of: Partial<Account>, lockedUntil?: string, agencyDisabled = false) => accountState(account(of), { agencyDisabled, temporaryDays: 14, lockedUntil });

it('says a login locked by failed sign-ins is locked, until when (in Japan’s time), before what its password is', () => {
  expect(state({}, '2026-12-07T06:42:00.000Z')).toBe('ロック中（2026/12/07 15:42まで）');
  expect(state({ temporaryPasswordSince: new Date().toISOString() }, '2026-12-07T06:42:00.000Z')).toBe('ロック中（2026/12/07 15:42まで）');
  expect(state({ temporaryPasswordSince: new Date().toISOString() })).toBe('仮パスワード（本人が未変更）');
  expect(state({})).toBe('利用中');
  // Let in by nothing anyway: that is what it is.
  expect(state({ disabled: true }, '2026-12-07T06:42:00.000Z')).toBe('無効');
  expect(state({}, '2026-12-07T06:42:00.000Z', true)).toBe('所属機関が無効');
});
