import { describe, expect, it } from 'vitest';
import { OncePerWindow } from '../src/audit/once-per-window.ts';

const MINUTE = 60_000;

describe('OncePerWindow (which audit rows are due)', () => {
  it('lets a key through once per window from the row it last got, each key on its own', () => {
    const rows = new OncePerWindow(10 * MINUTE);
    expect([0, 1, 9].map((minute) => rows.due('a', minute * MINUTE))).toEqual([true, false, false]);
    expect(rows.due('b', 9 * MINUTE)).toBe(true);
    expect([10, 11, 19, 20].map((minute) => rows.due('a', minute * MINUTE))).toEqual([true, false, false, true]);
  });

  it('lets a key through again at once when its row could not be written', () => {
    const rows = new OncePerWindow(10 * MINUTE);
    expect(rows.due('a', 0)).toBe(true);
    rows.forget('a');
    expect(rows.due('a', MINUTE)).toBe(true);
    expect(rows.due('a', 2 * MINUTE)).toBe(false);
  });

  it('keeps at most so many keys, forgetting the oldest first: at worst a row too many, never one missing', () => {
    const rows = new OncePerWindow(10 * MINUTE, 3);
    for (const key of ['a', 'b', 'c', 'd']) expect(rows.due(key, 0)).toBe(true);
    // 'a' made room for 'd': due again within its window; 'b', 'c' and 'd' are not.
    expect(['b', 'c', 'd', 'a'].map((key) => rows.due(key, MINUTE))).toEqual([false, false, false, true]);
  });
});
