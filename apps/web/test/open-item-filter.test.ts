import type { OpenActionItem } from '@care/schema';
import { describe, expect, it } from 'vitest';
import { addressOfFilter, describeFilter, filterFromAddress, filterOpenItems, NO_FILTER } from '../src/follow-up/open-item-filter.ts';

const open = (caseTitle: string, area: string | null, due: string, agency: '社会福祉協議会' | '居宅介護支援事業所', ownerName = '鈴木', what = '見守り'): OpenActionItem => ({
  caseId: caseTitle,
  caseTitle,
  area,
  agreedAt: '2026-11-23 個別ケース検討',
  item: { id: `${caseTitle}-item`, conferenceId: 'c1', what, ownerName, ownerAgency: { kind: agency }, due, status: '未着手' },
});

describe('filterOpenItems', () => {
  const items = [
    open('山田様', '北地区', '2026-12-01', '社会福祉協議会'),
    open('佐藤様', '南地区', '2026-12-20', '居宅介護支援事業所', '伊藤', '通所介護の利用調整'),
    open('田中様', null, '2026-12-05', '社会福祉協議会'),
  ];
  const titles = (filter: Partial<typeof NO_FILTER>, asOf = '2026-12-05') => filterOpenItems(items, { ...NO_FILTER, ...filter }, asOf).map((o) => o.caseTitle);

  it('keeps everything without a filter', () => {
    expect(titles({})).toEqual(['山田様', '佐藤様', '田中様']);
  });

  it('narrows by the words of the case name or 地区 (full- and half-width alike), the owner’s agency, and what is overdue as of the day', () => {
    expect(titles({ query: '北地区' })).toEqual(['山田様']);
    expect(titles({ query: '様　南' })).toEqual(['佐藤様']);
    expect(titles({ agency: '社会福祉協議会' })).toEqual(['山田様', '田中様']);
    expect(titles({ overdueOnly: true })).toEqual(['山田様']); // due 12/05 is not overdue on 12/05
    expect(titles({ overdueOnly: true }, '2026-12-06')).toEqual(['山田様', '田中様']);
    expect(titles({ overdueOnly: true, agency: '居宅介護支援事業所' }, '2026-12-21')).toEqual(['佐藤様']);
  });

  it('finds an item by its owner, their agency or what is to be done, so one finds what one owes by one’s own name', () => {
    expect(titles({ query: '伊藤' })).toEqual(['佐藤様']);
    expect(titles({ query: '鈴木 北' })).toEqual(['山田様']); // owner and 地区 together
    expect(titles({ query: '通所介護' })).toEqual(['佐藤様']);
    expect(titles({ query: '居宅介護支援' })).toEqual(['佐藤様']);
  });

  it('finds an item by what has been done about it (経過)', () => {
    const reviewed = { ...items[2]!, item: { ...items[2]!.item, progress: '12/3 初回訪問済み' } };
    expect(filterOpenItems([...items.slice(0, 2), reviewed], { ...NO_FILTER, query: '訪問済み' }, '2026-12-05').map((o) => o.caseTitle)).toEqual(['田中様']);
  });

  it('finds an item by any version of a field written two ways (one of its writers offline), the owner too', () => {
    const conflicts = { what: ['見守り', '安否確認の電話'], owner: [{ name: '鈴木', agency: { kind: '社会福祉協議会' as const } }, { name: '高橋', agency: { kind: '民生委員' as const } }] };
    const twoWays = { ...items[2]!, item: { ...items[2]!.item, conflicts } };
    const found = (query: string) => filterOpenItems([...items.slice(0, 2), twoWays], { ...NO_FILTER, query }, '2026-12-05').map((o) => o.caseTitle);
    expect(found('安否確認')).toEqual(['田中様']);
    expect(found('高橋 民生委員')).toEqual(['田中様']);
    // Listed under either agency until settled, so each finds what it may owe.
    const underAgency = (agency: '社会福祉協議会' | '民生委員') => filterOpenItems([twoWays], { ...NO_FILTER, agency }, '2026-12-05').map((o) => o.caseTitle);
    expect(underAgency('民生委員')).toEqual(['田中様']);
    expect(underAgency('社会福祉協議会')).toEqual(['田中様']);
  });
});

describe('the filter in the address (so a reload, Back and a shared link keep it)', () => {
  it('reads back what it wrote, and writes nothing for no filter', () => {
    const filter = { query: '鈴木 北地区', agency: '医療機関' as const, overdueOnly: true };
    expect(filterFromAddress(new URLSearchParams(addressOfFilter(filter).toString()))).toEqual(filter);
    expect(addressOfFilter(NO_FILTER).toString()).toBe('');
    expect(filterFromAddress(new URLSearchParams())).toEqual(NO_FILTER);
  });

  it('filters nothing by what it does not understand', () => {
    expect(filterFromAddress(new URLSearchParams('agency=警察&overdue=yes'))).toEqual(NO_FILTER);
  });
});

describe('describeFilter', () => {
  it('names each filter in use, so a printed list says it is not the whole list; none, nothing', () => {
    expect(describeFilter(NO_FILTER)).toBeUndefined();
    expect(describeFilter({ ...NO_FILTER, query: ' ' })).toBeUndefined();
    expect(describeFilter({ query: '木村 ', agency: '居宅介護支援事業所', overdueOnly: true })).toBe('キーワード「木村」・担当機関「居宅介護支援事業所」・期限超過のみで絞り込み');
    expect(describeFilter({ ...NO_FILTER, agency: '医療機関' })).toBe('担当機関「医療機関」で絞り込み');
  });
});
