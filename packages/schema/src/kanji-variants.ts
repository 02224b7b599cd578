/**
 * Old and variant forms of kanji common in names and places, each with the form staff type for
 * it (髙橋 is found by 高橋, 齋藤 by 斎藤, 渡邊 by 渡辺). Records copy names as the family or
 * 住民基本台帳 writes them; a search must not depend on knowing which form that was. Both the text
 * and the query are folded, so a pair also finds each other typed the other way round. Kept small
 * on purpose: only forms that read the same and name the same; distinct names stay distinct
 * (斉藤 and 斎藤 are not folded together). NFKC already folds the compatibility ideographs
 * (塚 U+FA10, 神 U+FA19); the twelve it keeps (﨑 U+FA11) are here.
 */
const COMMON_FORM: Record<string, string> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  齋: '斎',
  齊: '斉',
  邊: '辺',
  邉: '辺',
  澤: '沢',
  '𠮷': '吉',
  濱: '浜',
  廣: '広',
  櫻: '桜',
  德: '徳',
  嶋: '島',
  嶌: '島',
  冨: '富',
  眞: '真',
  惠: '恵',
  靜: '静',
  實: '実',
  條: '条',
  關: '関',
  圓: '円',
  曾: '曽',
  槇: '槙',
  槗: '橋',
  舘: '館',
  國: '国',
  榮: '栄',
  壽: '寿',
  峯: '峰',
  淺: '浅',
  增: '増',
  黑: '黒',
  瀨: '瀬',
  藏: '蔵',
  龜: '亀',
  彌: '弥',
  禮: '礼',
  豐: '豊',
  團: '団',
  傳: '伝',
  縣: '県',
  戶: '戸',
  鐵: '鉄',
  淵: '渕',
  檜: '桧',
  邨: '村',
};

const VARIANT = new RegExp(`[${Object.keys(COMMON_FORM).join('')}]`, 'gu');

/** The text with each variant form in COMMON_FORM written in its common form. */
export const toCommonKanji = (text: string) => text.replace(VARIANT, (char) => COMMON_FORM[char]!);
