import { describe, expect, it } from 'vitest';
import { holdsEveryWord } from '../src/search.ts';

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
