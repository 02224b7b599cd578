import * as Y from 'yjs';
import { summaryFragment } from '@care/case-doc';

/** Japanese sentences of the kind a case summary is made of; cycled to build text of any length. */
const sentences = [
  '本人は八十代の独居女性で、長女は県外に在住している。',
  '近隣住民から、夜間に大声を出しているとの相談が地域包括支援センターに寄せられた。',
  '民生委員の訪問時、室内にごみが溜まっており、服薬管理ができていない様子であった。',
  'ケアマネジャーは週二回の訪問介護と配食サービスの利用を提案した。',
  '主治医によると、軽度の認知機能低下があり、専門医の受診が望ましいとのことである。',
  '社会福祉協議会の日常生活自立支援事業による金銭管理の支援を検討する。',
  '本人は自宅での生活の継続を強く希望しており、施設入所には拒否的である。',
  '市の高齢福祉課は、成年後見制度の利用について長女と相談を進める。',
];

export function japaneseText(chars: number, offset = 0): string {
  let text = '';
  for (let i = offset; text.length < chars; i++) text += sentences[i % sentences.length];
  return text.slice(0, chars);
}

/**
 * One typist with a private replica: every call to `type` is one keystroke-sized Yjs update at
 * the end of the typist's own paragraph, exactly as Tiptap would produce it. It never integrates
 * other people's updates, so its cost stays flat however long the benchmark runs.
 */
export class Typist {
  readonly doc = new Y.Doc();
  private readonly text: Y.XmlText;
  private typed = 0;
  private lastUpdate: Uint8Array = new Uint8Array();

  constructor() {
    this.doc.on('update', (update: Uint8Array) => {
      this.lastUpdate = update;
    });
    const paragraph = new Y.XmlElement('paragraph');
    this.text = new Y.XmlText();
    paragraph.insert(0, [this.text]);
    summaryFragment(this.doc).insert(0, [paragraph]);
  }

  /** The update that creates the typist's paragraph (send it first). */
  initialUpdate(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Types `chars` characters; returns the update and the (clientID, clock) that identify it. */
  type(chars = 1): { update: Uint8Array; client: number; clock: number } {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.text.insert(this.text.length, japaneseText(chars, this.typed++));
    return { update: this.lastUpdate, client: this.doc.clientID, clock };
  }
}

/**
 * A realistic case doc: a ~20-page Japanese summary typed by three people in small bursts
 * (so it has the item structure of a real edit history, not one big insert), plus 50 action
 * items as a Y.Array of Y.Maps. Returns the doc's state as one update.
 */
export function realisticCaseState({ pages = 20, charsPerPage = 1200, actionItems = 50 } = {}): Uint8Array {
  const authors = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const sync = (from: Y.Doc) => {
    for (const to of authors) if (to !== from) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  };
  const paragraphs = Math.ceil((pages * charsPerPage) / 60);
  for (let p = 0; p < paragraphs; p++) {
    const author = authors[p % authors.length]!;
    const fragment = summaryFragment(author);
    const paragraph = new Y.XmlElement(p % 12 === 0 ? 'heading' : 'paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
    const content = japaneseText(60, p);
    for (let i = 0; i < content.length; i += 4) text.insert(i, content.slice(i, i + 4));
    sync(author);
  }
  const items = authors[0]!.getArray<Y.Map<unknown>>('actionItems');
  for (let i = 0; i < actionItems; i++) {
    const item = new Y.Map<unknown>();
    item.set('title', `${japaneseText(24, i)}（担当：機関${(i % 6) + 1}）`);
    item.set('due', `2026-12-${String((i % 28) + 1).padStart(2, '0')}`);
    item.set('done', i % 3 === 0);
    items.push([item]);
  }
  sync(authors[0]!);
  return Y.encodeStateAsUpdate(authors[0]!);
}

/**
 * A long edit history: `count` keystroke updates by five typists taking turns, about one in ten a
 * backspace, the text kept near 20k characters by cutting old text as it grows. Yields the updates one at a time so a million of them never sit in memory twice.
 */
export function* editHistory(count: number): Generator<Uint8Array> {
  const typists = Array.from({ length: 5 }, () => new Y.Doc());
  const shared = typists[0]!;
  let pending: Uint8Array[] = [];
  for (const doc of typists) doc.on('update', (update: Uint8Array) => pending.push(update));
  // Everyone starts from the same paragraph, then types into it in turns.
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText()]);
  summaryFragment(shared).insert(0, [paragraph]);
  const start = pending.splice(0);
  for (const doc of typists.slice(1)) for (const update of start) Y.applyUpdate(doc, update);
  pending = [];
  yield* start;
  let produced = start.length;
  let turn = 0;
  while (produced < count) {
    const author = typists[turn % typists.length]!;
    const text = (summaryFragment(author).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const burst = Math.min(20, count - produced);
    for (let i = 0; i < burst; i++) {
      // A backspace now and then; a long-lived document also loses old paragraphs' worth of text.
      if (text.length > 20_000 && i === 0) text.delete(0, 200);
      else if (i % 10 === 9 && text.length > 0) text.delete(text.length - 1, 1);
      else text.insert(text.length, japaneseText(1, produced + i));
    }
    const updates = pending.splice(0);
    // Hand the burst to the next typist, as the server would relay it.
    const next = typists[(turn + 1) % typists.length]!;
    for (const update of updates) Y.applyUpdate(next, update);
    produced += updates.length;
    turn++;
    yield* updates;
  }
}
