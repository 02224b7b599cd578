import { ChangePasswordBody } from '@care/schema';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { checkForm } from '../ui/form-problems.ts';
import { useOneAtATime } from '../ui/one-at-a-time.ts';
import { repeatedPasswordProblem } from '../ui/repeated-password.ts';
import { useHoldWhileTyped } from '../ui/unwritten-typing.ts';
import { attemptFailure } from './attempt-failure.ts';
import { useSession } from './session.tsx';

/**
 * Choosing a new password, typed twice so a typo does not lock its holder out. Asks for the
 * current one unless it is given (the temporary one just used to sign in). Success signs this
 * browser in anew; the server signs the account out everywhere else.
 */
export function ChangePasswordForm(props: { login: string; currentPassword?: string; onChanged?: () => void; children?: ReactNode }) {
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  useHoldWhileTyped(Boolean(current || next || repeated));
  const [error, setError] = useState<string>();
  const { pending, run } = useOneAtATime();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { login: props.login, currentPassword: props.currentPassword ?? current, newPassword: next };
    const problem = repeatedPasswordProblem(next, repeated) ?? checkForm(ChangePasswordBody, body, FIELDS)?.message;
    setError(problem);
    if (problem) return;
    try {
      const changed = await run(async () => {
        await changePassword(body);
        return true;
      });
      if (changed) props.onChanged?.();
    } catch (e) {
      setError(attemptFailure(e, '現在のパスワードが違います。'));
    }
  }

  return (
    <form className="card identity" onSubmit={submit} aria-label="パスワードの変更">
      {props.children}
      {props.currentPassword === undefined && (
        <label>
          現在のパスワード
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
      )}
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={props.login} readOnly hidden />
      <label>
        新しいパスワード（12文字以上）
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label>
        新しいパスワード（確認）
        <input type="password" autoComplete="new-password" value={repeated} onChange={(e) => setRepeated(e.target.value)} />
      </label>
      <button type="submit" disabled={pending}>
        パスワードを変更
      </button>
      <ErrorMessage text={error} />
    </form>
  );
}

/** The change's fields by the names the form gives them (the server checks the same schema). */
const FIELDS = { login: 'ログインID', currentPassword: '現在のパスワード', newPassword: '新しいパスワード' };
