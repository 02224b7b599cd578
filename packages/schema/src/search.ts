/**
 * How staff's search words are matched, on every page and on the server: full-width and half-width
 * letters and digits alike (ＡＢ１ = ab1), katakana in either width and hiragana alike (ﾀﾛｳ = タロウ
 * = たろう), case ignored. How someone types a word is not always how it was written.
 */
export const searchable = (text: string) => toHiragana(widthAndCaseFolded(text));

/** Full-width and half-width as one (NFKC: ＡＢ１ = AB1, ｼｬ = シャ, 　 = a space), upper and lower case as one. */
export const widthAndCaseFolded = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Katakana as hiragana, small ones as small ones (ァ → ぁ, ヶ → ゖ), one character for one. The
 * long-vowel mark ー is written in both scripts and stays; ヷ–ヺ have no hiragana and stay.
 */
const toHiragana = (text: string) =>
  text.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));

/** The words of a query, split by spaces of either width, as they are matched. */
export function searchWords(query: string): string[] {
  return searchable(query).split(/\s+/).filter(Boolean);
}

/** Whether the text holds every word of the query; an empty query matches all. */
export function holdsEveryWord(text: string, query: string): boolean {
  const haystack = searchable(text);
  return searchWords(query).every((word) => haystack.includes(word));
}
