import { toCommonKanji } from './kanji-variants.ts';

/**
 * How staff's search words are matched, on every page and on the server: full-width and half-width
 * letters and digits alike (ＡＢ１ = ab1), katakana in either width and hiragana alike (ﾀﾛｳ = タロウ
 * = たろう), case ignored, variation selectors ignored (葛󠄀飾 = 葛飾) and old or variant kanji of
 * names as their common form (髙橋 = 高橋, see kanji-variants.ts). How someone types a word is
 * not always how it was written. Not length-preserving: where a match is in the text as written
 * is found by folding it character by character (record-search.ts).
 */
export const searchable = (text: string) => toHiragana(toCommonKanji(withoutVariationSelectors(widthAndCaseFolded(text))));

/** Full-width and half-width as one (NFKC: ＡＢ１ = AB1, ｼｬ = シャ, 　 = a space), upper and lower case as one. */
export const widthAndCaseFolded = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Variation selectors (U+FE00–FE0F, and the ideographic ones U+E0100–E01EF that 外字-aware
 * IMEs and 住民基本台帳 systems write after a kanji) only choose how a character is drawn; they
 * are invisible, and no one types them into a search.
 */
export const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const withoutVariationSelectors = (text: string) => text.replace(new RegExp(VARIATION_SELECTOR, 'gu'), '');

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
