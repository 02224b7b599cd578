// @vitest-environment happy-dom
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { expect, it } from 'vitest';
import { pressed } from '../src/ui/ime-keys.ts';

const key = (key: string, init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key, keyCode: key === 'Enter' ? 13 : 27, ...init });

it('takes Enter and Esc pressed in a field as the page’s', () => {
  expect(pressed(key('Enter'), 'Enter')).toBe(true);
  expect(pressed(key('Escape'), 'Escape')).toBe(true);
  expect(pressed(key('Escape'), 'Enter')).toBe(false);
});

it('leaves to the IME the Enter or Esc that ends a conversion, in Chrome’s order (while composing) and in Safari’s (just after, keyCode 229)', () => {
  for (const name of ['Enter', 'Escape']) {
    expect(pressed(key(name, { isComposing: true, keyCode: 229 }), name)).toBe(false); // Chrome, Edge
    expect(pressed(key(name, { isComposing: true }), name)).toBe(false); // Firefox
    expect(pressed(key(name, { isComposing: false, keyCode: 229 }), name)).toBe(false); // Safari
  }
});

it('reads a React keyboard event by its native event', () => {
  const react = (nativeEvent: KeyboardEvent) => ({ nativeEvent, key: nativeEvent.key }) as unknown as ReactKeyboardEvent;
  expect(pressed(react(key('Enter')), 'Enter')).toBe(true);
  expect(pressed(react(key('Enter', { keyCode: 229 })), 'Enter')).toBe(false);
});
