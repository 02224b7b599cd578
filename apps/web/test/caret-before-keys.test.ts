// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { actsAtShownCaret } from '../src/editor/caret-before-keys.ts';

/** A keydown as the browser sends it for a key pressed (isTrusted), `init` saying what the IME made of it. */
const pressedKey = (init: { keyCode: number; isComposing?: boolean }) => ({ isTrusted: true, isComposing: false, ...init });

it('takes the shown caret before a key pressed outside a conversion, also one the IME took (keyCode 229)', () => {
  expect(actsAtShownCaret(pressedKey({ keyCode: 13 }))).toBe(true); // Enter, on a desktop
  expect(actsAtShownCaret(pressedKey({ keyCode: 8 }))).toBe(true); // Backspace
  // Android's keyboards send every key so (Backspace, a letter); and the first kana of a conversion, before compositionstart.
  expect(actsAtShownCaret(pressedKey({ keyCode: 229 }))).toBe(true);
});

it('leaves alone the keys of a conversion (Chrome, Edge, Firefox, Safari while composing)', () => {
  expect(actsAtShownCaret(pressedKey({ keyCode: 229, isComposing: true }))).toBe(false);
  expect(actsAtShownCaret(pressedKey({ keyCode: 13, isComposing: true }))).toBe(false);
});

it('leaves alone the Enter and Backspace ProseMirror makes up after the browser has acted (Android, iOS): the caret shown is past them', () => {
  // ProseMirror's stand-in: a plain Event (untrusted, no isComposing) given keyCode 13 or 8.
  for (const keyCode of [13, 8]) expect(actsAtShownCaret({ isTrusted: false, keyCode } as unknown as KeyboardEvent)).toBe(false);
});
