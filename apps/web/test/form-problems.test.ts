import { ChangePasswordBody, CreateUserBody } from '@care/schema';
import { expect, it } from 'vitest';
import { checkForm, formProblems } from '../src/ui/form-problems.ts';

const NAMES = { name: '氏名', login: 'ログインID', agencyId: '所属機関', role: '権限', password: '初期パスワード' };

it('names the empty fields together, then each other problem in the schema’s words, in the form’s order', () => {
  const draft = { name: '', login: 'a b', agencyId: '', role: 'staff', password: 'short' };
  const problems = formProblems(CreateUserBody.safeParse(draft).error!.issues, NAMES, (field) => !draft[field].trim());
  expect(problems).toEqual({
    fields: ['name', 'login', 'agencyId', 'password'],
    message: '氏名・所属機関を入力してください。ログインIDは半角英数字と . _ @ - で3〜64文字にしてください。初期パスワードは12文字以上にしてください。',
  });
});

it('checks a form before sending (checkForm): nothing when it passes, a schema’s own rule in the form’s words', () => {
  const names = { login: 'ログインID', currentPassword: '現在のパスワード', newPassword: '新しいパスワード' };
  const change = (currentPassword: string, newPassword: string) => checkForm(ChangePasswordBody, { login: 'sato', currentPassword, newPassword }, names)?.message;
  expect(change('temporary password', 'my own passphrase')).toBeUndefined();
  expect(change('', 'my own passphrase')).toBe('現在のパスワードを入力してください。');
  expect(change('temporary password', 'ｔｅｍｐｏｒａｒｙ ｐａｓｓｗｏｒｄ')).toBe('新しいパスワードは現在のパスワードとは別のパスワードにしてください。');
});
