import type { CaseSummary } from '@care/schema';
import { expect, it } from 'vitest';
import { searchCases } from '../src/pages/case-search.ts';

const cases: CaseSummary[] = [
  { id: 'a', title: 'A地区 80代女性 独居', area: '北地区', createdAt: '2026-11-01T00:00:00.000Z', closedAt: null },
  { id: 'b', title: '70代男性 認知症 ｾﾙﾌﾈｸﾞﾚｸﾄ', area: '南地区', createdAt: '2026-11-02T00:00:00.000Z', closedAt: null },
  { id: 'c', title: '高齢夫婦世帯 老老介護', area: null, createdAt: '2026-11-03T00:00:00.000Z', closedAt: '2026-11-20T00:00:00.000Z' },
];
const ids = (query: string) => searchCases(cases, query).map((c) => c.id);

it('finds cases by any part of their name or 地区, every word of the query', () => {
  expect(ids('独居')).toEqual(['a']);
  expect(ids('南地区')).toEqual(['b']);
  expect(ids('地区')).toEqual(['a', 'b']);
  expect(ids('女性　北')).toEqual(['a']); // a full-width space separates words too
  expect(ids('女性 南')).toEqual([]);
});

it('matches full-width and half-width alike, and ignores case', () => {
  expect(ids('８０代')).toEqual(['a']);
  expect(ids('セルフネグレクト')).toEqual(['b']);
  expect(ids('ａ地区')).toEqual(['a']);
});

it('an empty query (or only spaces) lists every case', () => {
  expect(ids('')).toEqual(['a', 'b', 'c']);
  expect(ids(' 　')).toEqual(['a', 'b', 'c']);
});
