import { describe, expect, it } from 'vitest';
import { describeChange } from '../src/labels.ts';

describe('describeChange', () => {
  it('says what a field was and became, with roles in words', () => {
    expect(describeChange({ field: 'role', from: 'staff', to: 'coordinator' })).toBe('役割: 職員 → コーディネーター');
    expect(describeChange({ field: 'agency', from: '福祉課', to: '健康課' })).toBe('所属: 福祉課 → 健康課');
  });

  it('gives only the value a field was created with', () => {
    expect(describeChange({ field: 'role', from: '', to: 'admin' })).toBe('役割: 管理者');
  });
});
