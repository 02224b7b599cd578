import type { Account } from '@care/schema';
import { expect, it } from 'vitest';
import { accountLabel } from '../src/access/account-label.ts';

const suzuki = (login: string) => ({ name: '鈴木一郎', agency: '北地域包括支援センター', login }) as Account;

it('tells apart two accounts of one name in one agency by their logins', () => {
  expect(accountLabel(suzuki('suzuki-ichiro'))).toBe('鈴木一郎（北地域包括支援センター・suzuki-ichiro）');
  expect(accountLabel(suzuki('suzuki-ichiro2'))).not.toBe(accountLabel(suzuki('suzuki-ichiro')));
});
