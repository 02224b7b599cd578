/**
 * A new password is typed twice, so that a typo locks no one out: its holder's, or (one an
 * administrator sets) the person they hand it to, whose first sign-in would fail. What to say
 * when the two differ (`name`: the field's name, 仮パスワード), else undefined.
 */
export function repeatedPasswordProblem(password: string, repeated: string, name = 'パスワード'): string | undefined {
  return password === repeated ? undefined : `確認のために入力した${name}が一致しません。`;
}

/** The label of the field a password is typed in again. */
export const repeatedLabel = (name: string) => `${name}（確認）`;
