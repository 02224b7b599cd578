import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/**
 * Whether `key` (Enter, Escape) was pressed for the page, not for an IME conversion: the Enter that
 * confirms kanji, the Esc that takes them back, only end the conversion. Chrome and Firefox send
 * such a key while composing (isComposing); Safari ends the conversion first and sends it after,
 * with isComposing false, but with keyCode 229, which browsers give every key the IME took.
 */
export function pressed(event: KeyboardEvent | ReactKeyboardEvent, key: string): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.key === key && !native.isComposing && native.keyCode !== 229;
}
