import { TEMPORARY_PASSWORD_EXPIRED } from '@care/schema';
import { ApiCallError } from '../api.ts';

/** What to tell someone whose sign-in or password change was refused; `wrongPassword` for a 401. */
export function attemptFailure(error: unknown, wrongPassword: string): string {
  const status = error instanceof ApiCallError ? error.status : 0;
  if (status === 401) return wrongPassword;
  if (error instanceof ApiCallError && error.body?.error === TEMPORARY_PASSWORD_EXPIRED) {
    return '管理者が設定した仮パスワードの有効期限が切れています。管理者にパスワードの再設定を依頼してください。';
  }
  if (status === 429) {
    const seconds = error instanceof ApiCallError ? error.body?.retryAfterSeconds : undefined;
    const wait = seconds ? `${Math.ceil(seconds / 60)}分ほど` : 'しばらく';
    return `失敗が続いたため、このログインIDまたはこの接続元からのサインインを一時的に止めています。${wait}待ってから再度お試しください。`;
  }
  if (status === 400) return '入力されていない欄があります。';
  return 'うまくいきませんでした。時間をおいて再度お試しください。';
}
