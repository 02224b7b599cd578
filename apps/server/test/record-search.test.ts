import { expect, it } from 'vitest';
import { searchable } from '@care/schema';
import { keywordMatch, searchedText } from '../src/records/record-search.ts';

const keywordExcerpt = (lines: string[], keyword: string) => keywordMatch(searchedText(lines), [], keyword)?.excerpt;

it('shows a long line around the word found, marked where it was cut', () => {
  const line = `${'あ'.repeat(50)}成年後見${'い'.repeat(100)}`;
  expect(keywordExcerpt([line], '成年後見')).toBe(`…${'あ'.repeat(20)}成年後見${'い'.repeat(56)}…`);
  expect(keywordExcerpt([`成年後見${'い'.repeat(100)}`], '成年後見')).toBe(`成年後見${'い'.repeat(76)}…`);
  expect(keywordExcerpt([`${'あ'.repeat(100)}成年後見`], '成年後見')).toBe(`…${'あ'.repeat(76)}成年後見`);
});

it('finds a record only when it holds every word, and shows the line with the first', () => {
  const lines = ['本人：独居', '服薬カレンダーを導入する 山本'];
  expect(keywordExcerpt(lines, '山本　独居')).toBe('服薬カレンダーを導入する 山本');
  expect(keywordExcerpt(lines, '独居 転居')).toBeUndefined();
  expect(keywordExcerpt(lines, '   ')).toBeUndefined();
});

it('matches full-width and half-width letters, and half-width kana, alike, and shows the line as written', () => {
  expect(keywordExcerpt(['主治医より：ＡＤＬは自立'], 'adl')).toBe('主治医より：ＡＤＬは自立');
  expect(keywordExcerpt(['ｹｱﾌﾟﾗﾝを見直す'], 'ケア')).toBe('ｹｱﾌﾟﾗﾝを見直す');
});

it('finds a record by the name of its case, its 地区 or its label too, showing a line only when its content holds a word', () => {
  const lines = ['本人：独居', '服薬カレンダーを導入する'];
  const names = ['北地区 80代女性', '北地区', '2026-11-23 個別ケース検討'];
  expect(keywordMatch(searchedText(lines), names, '80代女性')).toEqual({});
  expect(keywordMatch(searchedText(lines), names, '80代女性 服薬')).toEqual({ excerpt: '服薬カレンダーを導入する' });
  expect(keywordMatch(searchedText(lines), names, '南地区')).toBeUndefined();
});

it('finds words written with variation selectors or old kanji, and cuts the excerpt only between whole characters', () => {
  const kuzu = '葛\u{E0100}';
  expect(keywordExcerpt([`${kuzu}飾区在住 髙橋様`], '葛飾 高橋')).toBe(`${kuzu}飾区在住 髙橋様`);
  // The cut before falls inside 𠮷 (two UTF-16 units), the cut after between 葛 and its selector.
  const line = `${'あ'.repeat(30)}𠮷${'あ'.repeat(19)}成年後見${'い'.repeat(55)}${kuzu}${'う'.repeat(10)}`;
  expect(keywordExcerpt([line], '成年後見')).toBe(`…${'あ'.repeat(19)}成年後見${'い'.repeat(55)}${kuzu}…`);
});

it('folds a record’s lines for searching once, however many searches read it: each search only looks words up', () => {
  // A search of every record a coordinator sees folded each one's whole text again (a two-year
  // case's 30 records: 0.2 s of the server's time per search, while every other request waited).
  let folded = 0;
  const text = searchedText(['本人：独居', 'ＡＤＬは自立'], (line) => {
    folded++;
    return searchable(line);
  });
  for (const keyword of ['独居', 'adl', '転居', '自立 独居']) keywordMatch(text, [], keyword);
  expect(folded).toBe(2);
  // What is matched is the text as folded then, not folded anew.
  expect(keywordMatch(searchedText(['記載'], () => 'folded'), [], 'folded')).toEqual({ excerpt: '記載' });
});
