import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeFieldChange } from '@care/schema';
import {
  addActionItem,
  appendSummaryParagraphs,
  diffActionItems,
  diffLines,
  diffSequences,
  docFromState,
  editActionItem,
  readActionItems,
  restoreSummary,
  scheduleConference,
  setActionItemProgress,
  setActionItemStatus,
  startConference,
  summaryFragment,
  summaryLines,
  conferenceName,
  recordedConference,
} from '../src/index.ts';

describe('diffLines', () => {
  it('reports exactly the lines removed and added, in reading order', () => {
    const before = ['本人：80代女性、独居。', '課題：服薬管理。', '方針：訪問介護を週2回。', '次回：1か月後。'];
    const after = ['本人：80代女性、独居。', '課題：服薬管理と買い物。', '方針：訪問介護を週2回。', '配食サービスを追加。', '次回：1か月後。'];
    expect(diffLines(before, after)).toEqual([
      { op: 'equal', text: '本人：80代女性、独居。' },
      { op: 'removed', text: '課題：服薬管理。', spans: [{ text: '課題：服薬管理。', changed: false }] },
      { op: 'added', text: '課題：服薬管理と買い物。', spans: [{ text: '課題：服薬管理', changed: false }, { text: 'と買い物', changed: true }, { text: '。', changed: false }] },
      { op: 'equal', text: '方針：訪問介護を週2回。' },
      { op: 'added', text: '配食サービスを追加。' },
      { op: 'equal', text: '次回：1か月後。' },
    ]);
  });

  it('says what changed within an edited paragraph of a long summary, not only that the paragraph was removed and added again', () => {
    const paragraph = '長女は県外在住で、月に一度電話で様子を確認しているが、来訪は年に数回にとどまる。';
    const edited = '長女は県外在住で、月に二度電話で様子を確認しているが、来訪は年に数回にとどまる。𠮷田さんが見守る。';
    const lines = diffLines(['【家族】', paragraph, '服薬は自己管理。'], ['【家族】', edited, '服薬は訪問看護が管理。', '配食サービスを追加。']);
    // Each edited line right before what it became.
    expect(lines.map(({ op, spans }) => [op, spans?.filter((span) => span.changed).map((span) => span.text)])).toEqual([
      ['equal', undefined],
      ['removed', ['一']],
      ['added', ['二', '𠮷田さんが見守る。']],
      ['removed', ['自己']],
      ['added', ['訪問看護が']],
      ['added', undefined], // nothing removed to pair it with
    ]);
    // The spans are the line, in order.
    for (const line of lines) if (line.spans) expect(line.spans.map((span) => span.text).join('')).toBe(line.text);
  });

  it('leaves a paragraph rewritten (sharing less than half) whole, removed and added', () => {
    const lines = diffLines(['本人は日中ほぼ自宅で過ごしている。'], ['要介護認定の更新を申請した。']);
    expect(lines).toEqual([
      { op: 'removed', text: '本人は日中ほぼ自宅で過ごしている。' },
      { op: 'added', text: '要介護認定の更新を申請した。' },
    ]);
  });

  it('builds character tables for at most four million cells in one comparison: paragraphs past that show whole', () => {
    // Ten paragraphs of 1,000 characters, each edited throughout (no character of either side is
    // unique, so no piece can be split off): a million cells each.
    const a = Array.from({ length: 10 }, (_, i) => [`段落${i}`, 'あい'.repeat(500)]).flat();
    const b = Array.from({ length: 10 }, (_, i) => [`段落${i}`, 'いあ'.repeat(500)]).flat();
    const marked = diffLines(a, b)
      .filter((line) => line.op === 'added')
      .map((line) => line.spans !== undefined);
    expect(marked).toEqual([true, true, true, true, false, false, false, false, false, false]);
  });

  it('handles empty sides and identical input', () => {
    expect(diffLines([], ['a'])).toEqual([{ op: 'added', text: 'a' }]);
    expect(diffLines(['a'], [])).toEqual([{ op: 'removed', text: 'a' }]);
    expect(diffLines(['a', 'b'], ['a', 'b']).every((line) => line.op === 'equal')).toBe(true);
  });

  it('is a minimal edit script: every line of both sides appears once, and equal lines are a longest common subsequence', () => {
    const a = 'ABCABBA'.split('');
    const b = 'CBABAC'.split('');
    const steps = diffSequences(a, b);
    expect(steps.filter((s) => s.op !== 'added').map((s) => a[(s as { a: number }).a]).join('')).toBe(a.join(''));
    expect(steps.filter((s) => s.op !== 'removed').map((s) => b[(s as { b: number }).b]).join('')).toBe(b.join(''));
    expect(steps.filter((s) => s.op === 'equal')).toHaveLength(4); // LCS of the textbook example
  });

  /** Whether `steps` lists every line of `a` and of `b` once, in order, and equal steps pair equal lines. */
  const isScriptFor = (steps: ReturnType<typeof diffSequences>, a: string[], b: string[]) =>
    steps.every((s) => s.op !== 'equal' || a[s.a] === b[s.b]) &&
    steps.flatMap((s) => (s.op === 'added' ? [] : [s.a])).join() === a.map((_, i) => i).join() &&
    steps.flatMap((s) => (s.op === 'removed' ? [] : [s.b])).join() === b.map((_, i) => i).join();

  it('stays minimal on a very long summary changed throughout, without a table of every pair of lines', () => {
    // 20,000 lines (a table would be 400 million cells): blank lines and headings repeat, the rest
    // is unique; the later version changes the first and last lines and some in between.
    const a = Array.from({ length: 20_000 }, (_, i) => (i % 10 === 0 ? '' : i % 10 === 5 ? '【経過】' : `記載${i}`));
    const b = a.flatMap((line, i) => (i === 0 ? ['冒頭を追加'] : i % 997 === 0 ? [`記載${i}（訂正）`] : i % 1999 === 0 ? [] : [line]));
    b.push('末尾に追記');
    const steps = diffSequences(a, b);
    expect(isScriptFor(steps, a, b)).toBe(true);
    const removed = a.length - steps.filter((s) => s.op === 'equal').length;
    // Each line of a that b changed or dropped (its first line too), and nothing else.
    const changedOrDropped = a.filter((_, i) => i !== 0 && (i % 997 === 0 || i % 1999 === 0)).length;
    expect(removed).toBe(changedOrDropped + 1);
  });

  it('shows a very long stretch that shares no line as replaced whole, at once', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `前${i}`);
    const b = ['同じ冒頭', ...Array.from({ length: 20_000 }, (_, i) => `後${i}`), '同じ末尾'];
    a.unshift('同じ冒頭');
    a.push('同じ末尾');
    const steps = diffSequences(a, b);
    expect(isScriptFor(steps, a, b)).toBe(true);
    expect(steps.map((s) => s.op).join(',')).toBe(['equal', ...a.slice(1, -1).map(() => 'removed'), ...b.slice(1, -1).map(() => 'added'), 'equal'].join(','));
  });

  it('builds tables for at most a million line pairs in all: pieces split apart past that show as replaced whole', () => {
    // 40 pieces of 300 differing lines (blank lines and bullets repeat in them), each followed by
    // a line both sides share: 3.6 million pairs if every piece had its table.
    const [a, b] = [[] as string[], [] as string[]];
    for (let piece = 0; piece < 40; piece++) {
      for (let i = 0; i < 300; i++) {
        a.push(['', '・', `前${piece}-${i}`][i % 3]!);
        b.push(['・', '', `後${piece}-${i}`][i % 3]!);
      }
      a.push(`共通${piece}`);
      b.push(`共通${piece}`);
    }
    const steps = diffSequences(a, b);
    expect(isScriptFor(steps, a, b)).toBe(true);
    const keptIn = (piece: number) => steps.filter((s) => s.op === 'equal' && s.a >= piece * 301 && s.a < piece * 301 + 300).length;
    expect(keptIn(0)).toBeGreaterThan(0); // the first pieces are compared line by line
    expect(keptIn(39)).toBe(0); // the last, past the budget, are replaced whole
  });

  it('gives an edit script, if not the shortest, when every line of a very long stretch repeats', () => {
    const a = Array.from({ length: 30_000 }, (_, i) => ['', '・', '【課題】'][i % 3]!);
    const b = Array.from({ length: 30_000 }, (_, i) => ['・', '', '【方針】', ''][i % 4]!);
    expect(isScriptFor(diffSequences(a, b), a, b)).toBe(true);
  });
});

describe('restoreSummary', () => {
  function docWith(lines: string[]) {
    const doc = new Y.Doc();
    appendSummaryParagraphs(doc, lines);
    return doc;
  }

  it('makes the live summary equal the old one as a new change, keeping unchanged blocks and all history', () => {
    const live = docWith(['一', '二', '三']);
    const old = docFromState(Y.encodeStateAsUpdate(live));
    const kept = summaryFragment(live).get(0);
    summaryFragment(live).delete(1, 1);
    appendSummaryParagraphs(live, ['四']);
    const stateBefore = Y.encodeStateVector(live);

    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    restoreSummary(live, old, 'restore');

    expect(summaryLines(live)).toEqual(['一', '二', '三']);
    expect(updates).toHaveLength(1); // one transaction
    expect(summaryFragment(live).get(0)).toBe(kept); // the unchanged block is the same Yjs item
    // The restore only adds to the doc: a peer at the pre-restore state converges by applying it.
    const peer = docFromState(Y.encodeStateAsUpdate(live, Y.encodeStateVector(old)));
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(old));
    expect(summaryLines(peer)).toEqual(['一', '二', '三']);
    expect(Y.encodeStateVector(live)).not.toEqual(stateBefore);
  });

  it('does nothing when the summaries are already equal', () => {
    const live = docWith(['同じ']);
    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    restoreSummary(live, docWith(['同じ']));
    expect(updates).toHaveLength(0);
  });

  it('restores formatting and nested blocks, not only text', () => {
    const old = new Y.Doc();
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, '服薬', { bold: true });
    paragraph.insert(0, [text]);
    item.insert(0, [paragraph]);
    list.insert(0, [item]);
    summaryFragment(old).insert(0, [list]);
    const live = docWith(['別の内容']);
    restoreSummary(live, old);
    expect(summaryFragment(live).toString()).toBe(summaryFragment(old).toString());
  });
});

describe('diffActionItems', () => {
  const participant = { userId: 'user-sato-0001', name: '佐藤', agency: { kind: '地域包括支援センター' as const } };
  const item = { what: '服薬カレンダーを導入する', ownerName: '佐藤', ownerAgency: { kind: '居宅介護支援事業所' as const }, due: '2026-12-01' };

  it('reports items added, closed (完了/中止), changed field by field, and removed', () => {
    const doc = new Y.Doc();
    const first = scheduleConference(doc, { date: '2026-11-01', kind: '個別ケース検討' });
    startConference(doc, first, participant, Date.now());
    const done = addActionItem(doc, first, item);
    const edited = addActionItem(doc, first, { ...item, what: '配食サービスを調整する' });
    const stopped = addActionItem(doc, first, { ...item, what: '通所を検討する' });
    const before = readActionItems(doc).value;

    setActionItemStatus(doc, done, '完了');
    setActionItemStatus(doc, stopped, '中止');
    editActionItem(doc, edited, { ...item, what: '配食サービスを調整する' }, { ...item, what: '配食サービスを調整する', due: '2026-12-15', ownerName: '鈴木' });
    setActionItemStatus(doc, edited, '対応中');
    setActionItemProgress(doc, edited, '  12/3 事業所と調整済み ');
    const added = addActionItem(doc, first, { ...item, what: '見守りを依頼する' });

    const diff = diffActionItems(before, readActionItems(doc).value);
    expect(diff.added.map((i) => i.id)).toEqual([added]);
    expect(diff.closed.map((i) => [i.id, i.status]).sort()).toEqual([[done, '完了'], [stopped, '中止']].sort());
    expect(diff.changed).toEqual([
      {
        item: expect.objectContaining({ id: edited }),
        changes: [
          { field: 'ownerName', from: '佐藤', to: '鈴木' },
          { field: 'due', from: '2026-12-01', to: '2026-12-15' },
          { field: 'status', from: '未着手', to: '対応中' },
          { field: 'progress', from: '', to: '12/3 事業所と調整済み' },
        ],
      },
    ]);
    expect(diff.removed).toEqual([]);
    expect(diffActionItems(readActionItems(doc).value, before).removed.map((i) => i.id)).toEqual([added]);
    // An empty 経過 clears it.
    setActionItemProgress(doc, edited, ' ');
    expect(readActionItems(doc).value.find((i) => i.id === edited)!.progress).toBeUndefined();
  });

  it('names a change of 担当機関 once, in words: the agency with its kind, also when only its kind changed', () => {
    const doc = new Y.Doc();
    const conference = scheduleConference(doc, { date: '2026-12-07', kind: '個別ケース検討' });
    startConference(doc, conference, participant, Date.now());
    const hospital = { what: '受診同行', ownerName: '佐藤', ownerAgency: { kind: '医療機関' as const, other: '北病院' }, due: '2026-12-20' };
    const escort = addActionItem(doc, conference, hospital);
    const before = readActionItems(doc).value;
    const cityHall = { ...hospital, ownerName: '田中', ownerAgency: { kind: '行政' as const, other: '高齢福祉課' } };
    editActionItem(doc, escort, hospital, cityHall);
    setActionItemStatus(doc, escort, '完了');
    const shown = (diff: ReturnType<typeof diffActionItems>) => diff.changed.flatMap(({ changes }) => changes.map(describeFieldChange));
    const diff = diffActionItems(before, readActionItems(doc).value);
    expect(diff.closed.map((i) => i.id)).toEqual([escort]);
    expect(shown(diff)).toEqual(['担当者 佐藤 → 田中', '担当機関 北病院（医療機関） → 高齢福祉課（行政）']);

    const registered = readActionItems(doc).value;
    editActionItem(doc, escort, cityHall, { ...cityHall, ownerAgency: { kind: 'その他', other: '高齢福祉課' } });
    expect(shown(diffActionItems(registered, readActionItems(doc).value))).toEqual(['担当機関 高齢福祉課（行政） → 高齢福祉課（その他）']);
  });
});

describe('conferenceName', () => {
  const at = (time: string) => Date.parse(`2026-12-07T${time}:00+09:00`);
  const conference = (id: string, more: { kind?: '個別ケース検討' | '支援会議'; startedAt?: number } = {}) => ({ id, date: '2026-12-07', kind: '個別ケース検討' as const, ...more });

  it('names a conference by its day and kind, and tells apart two of one kind on one day by the time each started (in Japan)', () => {
    const morning = conference('c-morning', { startedAt: at('10:00') });
    const afternoon = conference('c-afternoon', { startedAt: at('15:10') });
    const otherKind = conference('c-other', { kind: '支援会議', startedAt: at('13:00') });
    expect(conferenceName(morning)).toBe('2026-12-07 個別ケース検討');
    expect(conferenceName(morning, [morning, otherKind])).toBe('2026-12-07 個別ケース検討');
    const all = [morning, afternoon, otherKind];
    expect(all.map((c) => conferenceName(c, all))).toEqual(['2026-12-07 個別ケース検討 10:00開始', '2026-12-07 個別ケース検討 15:10開始', '2026-12-07 支援会議']);
    // One never started (planned, or called off) is the one without a time.
    const calledOff = conference('c-called-off');
    expect([calledOff, afternoon].map((c) => conferenceName(c, [calledOff, afternoon]))).toEqual(['2026-12-07 個別ケース検討', '2026-12-07 個別ケース検討 15:10開始']);
  });

  it('tells apart two started in the same minute by the second each started', () => {
    const first = conference('c-first', { startedAt: at('01:41') + 5_000 });
    const second = conference('c-second', { startedAt: at('01:41') + 50_000 });
    const later = conference('c-later', { startedAt: at('02:30') });
    const all = [first, second, later];
    expect(all.map((c) => conferenceName(c, all))).toEqual(['2026-12-07 個別ケース検討 01:41:05開始', '2026-12-07 個別ケース検討 01:41:50開始', '2026-12-07 個別ケース検討 02:30開始']);
  });
});

describe('recordedConference', () => {
  const conference = (id: string, date: string, status: 'scheduled' | 'live' | 'closed' | 'cancelled') => ({ id, date, status, startedAt: status === 'scheduled' || status === 'cancelled' ? undefined : Date.parse(`${date}T10:00:00+09:00`) });

  it('is a record’s own conference, else the live one, else the last one held by date: never one planned or called off', () => {
    const december = conference('c-december', '2026-12-07', 'closed');
    const calledOff = conference('c-called-off', '2027-01-11', 'cancelled');
    const planned = conference('c-planned', '2027-02-08', 'scheduled');
    expect(recordedConference(null, [december, calledOff, planned])).toBe(december);
    // Entered after a later one was: the order they were held in counts, not the order they were entered in.
    const november = conference('c-november', '2026-11-09', 'closed');
    expect(recordedConference(null, [december, november, calledOff])).toBe(december);
    const live = conference('c-live', '2027-03-01', 'live');
    expect(recordedConference(null, [live, december, calledOff])).toBe(live);
    expect(recordedConference(november.id, [december, november])).toBe(november);
    expect(recordedConference(null, [calledOff, planned])).toBeUndefined();
  });
});
