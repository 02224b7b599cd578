import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendSummaryParagraphs, summaryFragment, summaryPlainText } from '../src/index.ts';

function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('case summary model', () => {
  it('reads back paragraphs as plain text lines', () => {
    const doc = new Y.Doc();
    appendSummaryParagraphs(doc, ['本人：80代女性、独居。', '課題：服薬管理が難しい。']);
    expect(summaryPlainText(doc)).toBe('本人：80代女性、独居。\n課題：服薬管理が難しい。');
  });

  it('reads formatted and nested blocks (bold runs, list items)', () => {
    const doc = new Y.Doc();
    const fragment = summaryFragment(doc);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const itemParagraph = new Y.XmlElement('paragraph');
    itemParagraph.insert(0, [new Y.XmlText('デイサービス週2回')]);
    item.insert(0, [itemParagraph]);
    list.insert(0, [item]);
    fragment.insert(0, [paragraph, list]);
    text.insert(0, '重要');
    text.insert(2, '：転倒リスク', { bold: true });
    expect(summaryPlainText(doc)).toBe('重要：転倒リスク\nデイサービス週2回');
  });

  it('converges when two replicas edit concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    appendSummaryParagraphs(a, ['包括：訪問予定']);
    appendSummaryParagraphs(b, ['社協：見守り']);
    sync(a, b);
    sync(b, a);
    expect(summaryPlainText(a)).toBe(summaryPlainText(b));
    expect(summaryPlainText(a).split('\n').sort()).toEqual(['包括：訪問予定', '社協：見守り'].sort());
  });

  it('is empty for a new case', () => {
    expect(summaryPlainText(new Y.Doc())).toBe('');
  });
});
