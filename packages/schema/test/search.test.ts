import { describe, expect, it } from 'vitest';
import { holdsEveryWord, searchable } from '../src/search.ts';

describe('holdsEveryWord', () => {
  it('matches hiragana and katakana of either width alike', () => {
    for (const query of ['たろう', 'タロウ', 'ﾀﾛｳ', '山田　たろう']) expect(holdsEveryWord('山田タロウ', query)).toBe(true);
    expect(holdsEveryWord('やまだ 太郎', 'ヤマダ')).toBe(true);
  });

  it('keeps the long-vowel mark and small kana as written', () => {
    expect(holdsEveryWord('ケアマネージャー', 'けあまねーじゃー')).toBe(true);
    expect(holdsEveryWord('ｹｱﾏﾈｰｼﾞｬｰ', 'けあまねーじゃー')).toBe(true);
    expect(holdsEveryWord('ケアマネージャー', 'けあまねえじやあ')).toBe(false);
    expect(holdsEveryWord('ヶ月', 'ゖ月')).toBe(true);
  });
});

describe('searchable', () => {
  it('ignores ideographic variation selectors, which only choose a glyph (葛󠄀 = 葛)', () => {
    const kuzu = '葛\u{E0100}飾区';
    expect(holdsEveryWord(kuzu, '葛飾')).toBe(true);
    expect(holdsEveryWord('葛飾区', '葛\u{E0100}飾')).toBe(true);
    expect(holdsEveryWord('辻\uFE00本', '辻本')).toBe(true);
    expect(searchable(kuzu)).toBe('葛飾区');
  });

  it('folds the old and variant forms common in names to the form staff type (髙橋 = 高橋)', () => {
    const pairs = [
      ['髙橋', '高橋'],
      ['齋藤', '斎藤'],
      ['齊藤', '斉藤'],
      ['渡邊', '渡辺'],
      ['渡邉', '渡辺'],
      ['𠮷田', '吉田'],
      ['山﨑', '山崎'],
      ['長澤', '長沢'],
      ['濱田', '浜田'],
      ['廣瀬', '広瀬'],
      ['櫻井', '桜井'],
      ['德永', '徳永'],
    ];
    for (const [written, typed] of pairs) {
      expect(holdsEveryWord(`${written}さん宅`, typed!)).toBe(true);
      expect(holdsEveryWord(`${typed}さん宅`, written!)).toBe(true);
    }
    expect(holdsEveryWord('斎藤', '斉藤')).toBe(false);
  });
});
