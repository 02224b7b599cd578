import type { Account, AgencyAccount } from '@care/schema';
import { expect, it } from 'vitest';
import { agenciesInOrder, searchAccounts } from '../src/admin/account-search.ts';

const account = (login: string, name: string, agency: string) => ({ login, name, agency }) as Account;

it('finds accounts by name, login or agency, however the words are written (width, case, katakana)', () => {
  const accounts = [account('tanaka', '田中 花子', '居宅介護支援事業所1号'), account('SATO-2', '佐藤 一郎', '地域包括支援センター'), account('suzuki', 'スズキ 次郎', '居宅介護支援事業所10号')];
  const logins = (query: string) => searchAccounts(accounts, query).map((a) => a.login);
  expect(logins('')).toEqual(['tanaka', 'SATO-2', 'suzuki']);
  expect(logins('ｓａｔｏ')).toEqual(['SATO-2']);
  expect(logins('すずき')).toEqual(['suzuki']);
  expect(logins('事業所 花子')).toEqual(['tanaka']);
  expect(logins('包括')).toEqual(['SATO-2']);
});

it('orders agencies as they read: 事業所2号 before 事業所10号', () => {
  const agency = (name: string) => ({ id: name, name }) as AgencyAccount;
  expect(agenciesInOrder([agency('事業所10号'), agency('事業所2号'), agency('事業所1号')]).map((a) => a.name)).toEqual(['事業所1号', '事業所2号', '事業所10号']);
});
