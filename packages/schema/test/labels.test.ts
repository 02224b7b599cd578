import { describe, expect, it } from 'vitest';
import { describeAccountEntry, describeAddress, describeChange } from '../src/labels.ts';

describe('describeChange', () => {
  it('says what a field was and became, with roles in words', () => {
    expect(describeChange({ field: 'role', from: 'staff', to: 'coordinator' })).toBe('役割: 職員 → コーディネーター');
    expect(describeChange({ field: 'agency', from: '福祉課', to: '健康課' })).toBe('所属: 福祉課 → 健康課');
  });

  it('gives only the value a field was created with', () => {
    expect(describeChange({ field: 'role', from: '', to: 'admin' })).toBe('役割: 管理者');
  });
});

describe('describeAddress', () => {
  it('names the client, the server for its own command, or nothing for a session that ran out', () => {
    expect(describeAddress({ address: '192.0.2.10', action: 'sign-in' })).toBe('192.0.2.10');
    expect(describeAddress({ address: null, action: 'create-account' })).toBe('サーバー上のコマンド');
    expect(describeAddress({ address: null, action: 'session-expired' })).toBe('なし（時間切れ）');
    expect(describeAddress({ address: null, action: 'session-ended-with-conference' })).toBe('なし（会議の終了・中止）');
  });
});

describe('describeAccountEntry', () => {
  it('says why a sign-in was refused, and what changed', () => {
    expect(describeAccountEntry({ refusal: 'agency-disabled', changes: [] })).toBe('所属機関が無効');
    expect(describeAccountEntry({ refusal: 'wrong-password', changes: [] })).toBe('パスワード違い');
    expect(describeAccountEntry({ refusal: null, changes: [{ field: 'role', from: 'staff', to: 'coordinator' }, { field: 'name', from: '田中', to: '山本' }] })).toBe(
      '役割: 職員 → コーディネーター、名前: 田中 → 山本',
    );
    expect(describeAccountEntry({ refusal: null, changes: [] })).toBe(''); // a refusal recorded before its cause was kept
  });
});
