import { expect, it } from 'vitest';
import { searchable } from '@care/schema';
import { keywordMatch, type SearchedText } from '../src/records/record-search.ts';
import { SearchedTextCache } from '../src/records/searched-text-cache.ts';

const searchedText = (lines: string[]): SearchedText => ({ lines, folded: lines.map(searchable) });

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
  const cache = new SearchedTextCache(10, (line) => {
    folded++;
    return searchable(line);
  });
  const text = cache.keep('a', ['本人：独居', 'ＡＤＬは自立']);
  for (const keyword of ['独居', 'adl', '転居', '自立 独居']) keywordMatch(cache.get('a') ?? text, [], keyword);
  expect(folded).toBe(2);
  // What is matched is the text as folded then, not folded anew.
  expect(keywordMatch({ lines: ['記載'], folded: ['folded'] }, [], 'folded')).toEqual({ excerpt: '記載' });
});

it('keeps each line the records share once, folded once, and lets go of it with the last record holding it', () => {
  // The records of one case each hold its whole summary as it then was: 30 records of 100 lines
  // of 300 characters, one line new in each.
  const summary = Array.from({ length: 100 }, (_, i) => `${i}：${'本人の様子に変わりはない。'.repeat(23)}`);
  let folded = 0;
  const cache = new SearchedTextCache(10, (line) => {
    folded++;
    return searchable(line);
  });
  const lineLength = summary[0]!.length;
  for (let record = 0; record < 30; record++) cache.keep(`r${record}`, [...summary, `第${record}回の検討内容`]);
  expect(folded).toBe(100 + 30);
  // 10 records kept: the shared lines once, and each one's own, written and folded.
  const own = (record: number) => `第${record}回の検討内容`.length;
  const ownKept = Array.from({ length: 10 }, (_, i) => own(20 + i)).reduce((a, b) => a + b);
  expect(cache.keptCharacters()).toBe(2 * (summary.reduce((sum, line) => sum + line.length, 0) + ownKept));
  expect(cache.keptCharacters()).toBeLessThan(2 * 1.1 * 100 * lineLength);
  expect(cache.get('r0')).toBeUndefined();
  expect(cache.get('r29')?.lines.at(-1)).toBe('第29回の検討内容');
  // Records of other cases, sharing nothing, take the place of these: none of their lines stays.
  for (let record = 0; record < 10; record++) cache.keep(`other${record}`, [`別のケース${record}`]);
  expect(cache.keptCharacters()).toBe(2 * Array.from({ length: 10 }, (_, i) => `別のケース${i}`.length).reduce((a, b) => a + b));
});
