import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendSummaryParagraphs, summaryFragment, summaryLines, summaryPlainText, textBlocks } from '../src/index.ts';

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
    expect(summaryPlainText(doc)).toBe('重要：転倒リスク\n・デイサービス週2回');
  });

  it('writes headings and lists as a Japanese plain-text document does', () => {
    const doc = new Y.Doc();
    // As Tiptap's editor stores them (y-prosemirror: one element per node, attributes as they are).
    const node = (name: string, children: (Y.XmlElement | string)[], attributes: Record<string, unknown> = {}) => {
      const element = new Y.XmlElement(name);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
      element.insert(0, children.map((child) => (typeof child === 'string' ? new Y.XmlText(child) : child)));
      return element;
    };
    const paragraph = (...children: (Y.XmlElement | string)[]) => node('paragraph', children);
    const item = (...children: Y.XmlElement[]) => node('listItem', children);
    summaryFragment(doc).insert(0, [
      node('heading', ['本人の状況'], { level: 2 }),
      node('bulletList', [
        item(paragraph('独居、要介護2')),
        item(paragraph('家族'), node('bulletList', [item(paragraph('長女：県外在住'), paragraph('月1回来訪'))])),
      ]),
      node('heading', ['支援方針'], { level: 3 }),
      node('orderedList', [item(paragraph('訪問を週2回')), item(paragraph('配食サービス'))], { start: 1 }),
      paragraph('電話：', node('hardBreak', []), '日中は不在'),
      paragraph(),
    ]);
    expect(summaryLines(doc)).toEqual([
      '【本人の状況】',
      '・独居、要介護2',
      '・家族',
      '　・長女：県外在住',
      '　　月1回来訪',
      '■支援方針',
      '1. 訪問を週2回',
      '2. 配食サービス',
      '電話：',
      '日中は不在',
      '',
    ]);
  });

  it('reads the structure every format shows: a mark over several runs is one span, a link outermost, lines apart at a hard break', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text, new Y.XmlElement('hardBreak'), new Y.XmlText('次の行')]);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 3 as unknown as string);
    heading.insert(0, [new Y.XmlText('経過')]);
    summaryFragment(doc).insert(0, [heading, paragraph]);
    // As y-prosemirror stores marks: each as an attribute of its text, a link's with its href.
    text.insert(0, '転倒', { bold: {} });
    text.insert(2, 'あり', { bold: {}, italic: {} });
    text.insert(4, '、', {}); // without attributes, Yjs would carry the last ones on
    text.insert(5, '資料', { link: { href: 'https://example.com/', target: '_blank' }, code: {} });
    expect(textBlocks(summaryFragment(doc))).toEqual([
      { kind: 'heading', rank: 2, lines: [['経過']] },
      {
        kind: 'paragraph',
        lines: [[{ mark: 'bold', content: ['転倒', { mark: 'italic', content: ['あり'] }] }, '、', { href: 'https://example.com/', content: ['資料'] }], ['次の行']],
      },
    ]);
    expect(summaryLines(doc)).toEqual(['■経過', '転倒あり、資料', '次の行']);
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
