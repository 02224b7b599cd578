import type { KeyboardEvent } from 'react';
import { pressed } from './ime-keys.ts';

/**
 * Enter in a single-line field that writes when left (onBlur) writes it now, by leaving it; not the
 * Enter that confirms a conversion (IME), which only ends the conversion.
 */
export function leaveOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
  if (pressed(event, 'Enter')) event.currentTarget.blur();
}
