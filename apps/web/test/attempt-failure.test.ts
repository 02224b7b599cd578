import { TEMPORARY_PASSWORD_EXPIRED } from '@care/schema';
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../src/api.ts';
import { attemptFailure } from '../src/identity/attempt-failure.ts';

describe('attemptFailure', () => {
  const failure = (status: number, error = 'x') => attemptFailure(new ApiCallError(status, { error, message: '' }), '違います。');

  it('tells a wrong password, an expired temporary one, too many attempts and an empty field apart', () => {
    expect(failure(401)).toBe('違います。');
    expect(failure(403, TEMPORARY_PASSWORD_EXPIRED)).toContain('仮パスワードの有効期限が切れています');
    expect(failure(429)).toContain('サインインを一時的に止めています。しばらく待って');
    expect(attemptFailure(new ApiCallError(429, { error: 'too_many_requests', message: '', retryAfterSeconds: 600 }), '違います。')).toContain('10分ほど待って');
    expect(failure(400)).toBe('入力されていない欄があります。');
  });

  it('blames no one when the server or the network failed', () => {
    expect(failure(500)).toContain('時間をおいて再度お試しください');
    expect(attemptFailure(new TypeError('Failed to fetch'), '違います。')).toContain('時間をおいて再度お試しください');
  });
});
