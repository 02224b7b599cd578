import { describe, expect, it } from 'vitest';
import { ChangePasswordBody, lookAlikeKey, temporaryPasswordExpired } from '../src/index.ts';

describe('temporary passwords', () => {
  it('expire the given number of days after they were set, to the millisecond', () => {
    const since = '2026-12-01T09:00:00.000Z';
    expect(temporaryPasswordExpired(since, 14, Date.parse('2026-12-15T08:59:59.999Z'))).toBe(false);
    expect(temporaryPasswordExpired(since, 14, Date.parse('2026-12-15T09:00:00.000Z'))).toBe(true);
  });

  it('are replaced by a password of at least 12 characters that differs from them, also in the other width', () => {
    const change = (currentPassword: string, newPassword: string) => ChangePasswordBody.safeParse({ login: 'sato', currentPassword, newPassword }).success;
    expect(change('temporary password', 'my own passphrase')).toBe(true);
    expect(change('temporary password', 'too short')).toBe(false);
    expect(change('temporary password', 'ｔｅｍｐｏｒａｒｙ ｐａｓｓｗｏｒｄ')).toBe(false); // NFKC: the same password
  });
});

describe('look-alike names', () => {
  it('are one key whatever the width, case or spaces around, and kana stay as written', () => {
    expect(lookAlikeKey('ｼｬｷｮｳ')).toBe(lookAlikeKey('シャキョウ'));
    expect(lookAlikeKey('Tanaka')).toBe(lookAlikeKey('ｔａｎａｋａ'));
    expect(lookAlikeKey('第１包括　センター ')).toBe(lookAlikeKey('第1包括  センター'));
    expect(lookAlikeKey('しゃきょう')).not.toBe(lookAlikeKey('シャキョウ'));
    expect(lookAlikeKey('tanaka2')).not.toBe(lookAlikeKey('tanaka'));
  });
});
