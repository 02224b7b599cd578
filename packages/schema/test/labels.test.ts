import { describe, expect, it } from 'vitest';
import { describeAddress, describeChange } from '../src/labels.ts';

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
  it('names the client, or the server for its own command', () => {
    expect(describeAddress('192.0.2.10')).toBe('192.0.2.10');
    expect(describeAddress(null)).toBe('サーバー上のコマンド');
  });
});
