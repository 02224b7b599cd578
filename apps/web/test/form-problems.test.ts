import { CreateUserBody } from '@care/schema';
import { expect, it } from 'vitest';
import { formProblems } from '../src/ui/form-problems.ts';

const NAMES = { name: '氏名', login: 'ログインID', agencyId: '所属機関', role: '権限', password: '初期パスワード' };

it('names the empty fields together, then each other problem in the schema’s words, in the form’s order', () => {
  const draft = { name: '', login: 'a b', agencyId: '', role: 'staff', password: 'short' };
  const problems = formProblems(CreateUserBody.safeParse(draft).error!.issues, NAMES, (field) => !draft[field].trim());
  expect(problems).toEqual({
    fields: ['name', 'login', 'agencyId', 'password'],
    message: '氏名・所属機関を入力してください。ログインIDは半角英数字と . _ @ - で3〜64文字にしてください。初期パスワードは12文字以上にしてください。',
  });
});
