// @vitest-environment happy-dom
import { beforeEach, expect, it } from 'vitest';
import { keepUnsentText, unsentTextKept } from '../src/collab/unsent-text.ts';
import { markSignOut, sessionBegins } from '../src/identity/device-sign-outs.ts';

const typed = [{ where: 'ケース概要', lines: ['長女が週末に来訪'] }];

beforeEach(() => {
  localStorage.clear();
  sessionBegins();
});

it('keeps the text of a case’s unsent edits for its person, to show once they cannot send it', () => {
  keepUnsentText('sato', 'case-1', typed);
  expect(unsentTextKept('sato')).toEqual(typed);
  expect(unsentTextKept('suzuki')).toEqual([]);
});

it('keeps nothing once this device was signed out in another tab: what a tab that has not heard of it writes would stay after the deletion', () => {
  markSignOut('sato'); // another tab
  keepUnsentText('sato', 'case-1', typed); // this one, hidden, not knowing
  expect(Object.keys(localStorage).filter((key) => key.startsWith('care-unsent-text:'))).toEqual([]);
});
