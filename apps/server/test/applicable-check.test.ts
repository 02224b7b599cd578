import { appendSummaryParagraphs, summaryFragment } from '@care/case-doc';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applicationProblem, buildsOnWhatIsThere } from '../src/sync/applicable-check.ts';
import { seededRandom, sized, withSeed } from './seeded.ts';

/** The server's doc and a browser's, in sync; `edit` returns the browser's change as the update it sends. */
function pair() {
  const server = new Y.Doc();
  const browser = new Y.Doc();
  const sync = () => Y.applyUpdate(server, Y.encodeStateAsUpdate(browser, Y.encodeStateVector(server)));
  const edit = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(browser);
    change(browser);
    return Y.encodeStateAsUpdate(browser, before);
  };
  appendSummaryParagraphs(browser, ['本人は一人暮らし。', '長女が月に一度訪問。']);
  sync();
  return { server, browser, sync, edit };
}

const firstText = (doc: Y.Doc) => (summaryFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const clean = (doc: Y.Doc, update: Uint8Array) => buildsOnWhatIsThere(doc, Y.decodeUpdate(update));

describe('the applicability check', () => {
  it('shows what browsers send while connected clean from the structs alone (no copy of the doc)', () => {
    const { server, edit } = pair();
    const updates = [
      edit((doc) => firstText(doc).insert(3, '（八十二歳）')),
      edit((doc) => firstText(doc).delete(0, 2)),
      edit((doc) => appendSummaryParagraphs(doc, ['新しい段落'])),
      edit((doc) => firstText(doc).format(0, 2, { bold: true })),
      edit((doc) => {
        const item = new Y.Map<unknown>();
        doc.getMap('actionItems').set('a1', item);
        item.set('what', '訪問診療の調整');
        item.set('status', '未着手');
      }),
    ];
    for (const update of updates) {
      expect(clean(server, update)).toBe(true);
      Y.applyUpdate(server, update);
    }
  });

  it('shows clean what a browser sends after working offline: several edits and its whole delete set at once', () => {
    const { server, browser, edit } = pair();
    const before = Y.encodeStateVector(server);
    edit((doc) => firstText(doc).insert(0, 'オフライン中の追記。'));
    edit((doc) => firstText(doc).delete(0, 3));
    edit((doc) => appendSummaryParagraphs(doc, ['再接続前の段落']));
    const reconnect = Y.encodeStateAsUpdate(browser, before);
    expect(clean(server, reconnect)).toBe(true);
    expect(applicationProblem(server, reconnect, Y.decodeUpdate(reconnect))).toBeUndefined();
  });

  it('refuses an update that builds on content the case does not have', () => {
    const { server, browser, edit } = pair();
    const unseen = new Y.Doc();
    Y.applyUpdate(unseen, Y.encodeStateAsUpdate(browser));
    const missing = (() => {
      const before = Y.encodeStateVector(unseen);
      firstText(unseen).insert(0, '届いていない編集');
      return Y.encodeStateAsUpdate(unseen, before);
    })();
    Y.applyUpdate(browser, missing);
    const dependent = edit((doc) => firstText(doc).insert(2, '続き'));
    expect(clean(server, dependent)).toBe(false);
    expect(applicationProblem(server, dependent, Y.decodeUpdate(dependent))).toBe('update refers to content this case does not have');
  });

  it('refuses an update that skips some of its own client’s clocks', () => {
    const { server, edit } = pair();
    edit((doc) => firstText(doc).insert(0, '一つ目'));
    const second = edit((doc) => firstText(doc).insert(0, '二つ目'));
    expect(applicationProblem(server, second, Y.decodeUpdate(second))).toBe('update refers to content this case does not have');
  });

  it('whatever it shows clean from the structs alone applies without throwing or leaving parts pending: mutated updates applied to a copy', () => {
    const random = seededRandom();
    return withSeed(random, async () => {
      let shownClean = 0;
      let decoded = 0;
      for (let round = 0; round < sized(1000, 5000); round++) {
        const { server, sync, edit } = pair();
        const updates = [
          edit((doc) => firstText(doc).insert(random.int(0, 5), '追記'.repeat(random.int(1, 3)))),
          edit((doc) => firstText(doc).delete(random.int(0, 3), random.int(1, 3))),
          edit((doc) => appendSummaryParagraphs(doc, ['段落'])),
          edit((doc) => firstText(doc).format(random.int(0, 3), 2, { bold: true })),
          edit((doc) => {
            const item = new Y.Map<unknown>();
            doc.getMap('actionItems').set(`a${round}`, item);
            item.set('due', { date: '2026-12-01', note: '次回会議まで' });
          }),
          edit((doc) => {
            // Made and removed again before sending: the update carries it as deleted content (GC).
            appendSummaryParagraphs(doc, ['消される段落']);
            summaryFragment(doc).delete(summaryFragment(doc).length - 1, 1);
          }),
        ];
        if (random.next() < 0.5) sync();
        const update = mutate(random.pick(updates), random);
        let parts;
        try {
          parts = Y.decodeUpdate(update);
        } catch {
          continue; // the protocol refuses what does not decode, before any check
        }
        decoded++;
        if (!buildsOnWhatIsThere(server, parts)) continue;
        shownClean++;
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
        Y.applyUpdate(copy, update); // must not throw
        expect(copy.store.pendingStructs).toBeNull();
        expect(copy.store.pendingDs).toBeNull();
      }
      // The check is exercised, not vacuous: many mutants decode, and some of them pass.
      expect(decoded).toBeGreaterThan(sized(300, 1500));
      expect(shownClean).toBeGreaterThan(sized(30, 200));
    });
  });
});

/** A real update with a few bytes changed, cut short or a stretch repeated. */
function mutate(update: Uint8Array, random: ReturnType<typeof seededRandom>): Uint8Array {
  const bytes = Uint8Array.from(update);
  switch (random.int(0, 3)) {
    case 0:
      return bytes; // as sent
    case 1:
      for (let i = random.int(1, 3); i > 0; i--) bytes[random.int(0, bytes.length - 1)] = random.int(0, 255);
      return bytes;
    case 2:
      bytes[random.int(0, bytes.length - 1)]! ^= 1 << random.int(0, 7);
      return bytes;
    default: {
      const at = random.int(0, bytes.length - 1);
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(random.int(0, bytes.length - 1))]);
    }
  }
}
