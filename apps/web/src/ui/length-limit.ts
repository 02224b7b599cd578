/** How text came into a field all at once, as the note about its cut end names it. */
export type Arrival = 'paste' | 'drop' | 'conversion';

const ARRIVED: Record<Arrival, string> = { paste: '貼り付けた', drop: 'ドロップした', conversion: '変換した' };

/** Beyond this many characters, the note quotes only the beginning of what was left out. */
const QUOTED = 20;

/**
 * Text as a single-line field takes it in: Chrome and Safari drop the line breaks at its end and
 * make the others spaces (before cutting it to the field's maxLength).
 */
export function asOneLine(text: string): string {
  return text.replace(/[\r\n]+$/, '').replace(/\r\n|\r|\n/g, ' ');
}

/**
 * The end of `arriving` that did not go into the field, which grew by `grewBy` characters with it:
 * the browser cuts what would go past the field's maxLength, without a word. Empty when it all went in.
 */
export function leftOut(arriving: string, grewBy: number): string {
  return arriving.slice(Math.max(grewBy, 0));
}

/** What the field says beside it, in the words of the app's other limits (「経過は200文字までです」). */
export function leftOutNote(maxLength: number, how: Arrival, cut: string): string {
  const chars = [...cut];
  const quoted = chars.length > QUOTED ? `${chars.slice(0, QUOTED).join('')}…` : cut;
  return `${maxLength}文字までです。${ARRIVED[how]}文の後ろ${chars.length}文字（「${quoted}」）は入りませんでした。`;
}
