// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { expect, it } from 'vitest';
import { PastedContent } from '../src/editor/pasted-content.ts';
import WORD_LISTS from './fixtures/word-lists-ja.html?raw';

// Chrome's old name for a style sheet's rules, which ProseMirror reads to take in a paste's <style> (happy-dom has only cssRules).
if (!('rules' in CSSStyleSheet.prototype)) Object.defineProperty(CSSStyleSheet.prototype, 'rules', { get: function (this: CSSStyleSheet) { return this.cssRules; } });

/** The editor's content after `html` is pasted into it (empty before), as the summary's editor takes a paste. */
function pasted(html: string): string {
  const editor = new Editor({ element: document.createElement('div'), extensions: [StarterKit, PastedContent] });
  editor.view.pasteHTML(html);
  const content = editor.getHTML().replace(/<p><\/p>$/, ''); // the empty line the caret was on, after what came
  editor.destroy();
  return content;
}

/** One list item as Word writes it: its place in the style, its marker drawn in a span Word ignores. */
const wordItem = (marker: string, text: string, place = 'l0 level1 lfo1') =>
  `<p class=MsoListParagraphCxSpMiddle style='margin-left:18.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:${place}'><![if !supportLists]>` +
  `<span lang=EN-US><span style='mso-list:Ignore'>${marker}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>${text}<o:p></o:p></p>`;

it('pastes a Japanese Word document’s bulleted and numbered lists as lists, levels nested, without the drawn bullets and numbers', () => {
  const expected =
    '<p>本人の状況</p>' +
    '<ul><li><p>独居（長男は県外）</p></li><li><p>要介護2（令和8年10月認定）</p>' +
    '<ul><li><p>デイサービス週2回</p></li><li><p>訪問介護週3回</p></li></ul></li></ul>' +
    '<p>課題</p>' +
    '<ul><li><p>服薬管理が難しい</p><ul><li><p>飲み忘れが週に数回ある</p></li></ul></li><li><p>ごみ出しの日が分からない</p></li></ul>' +
    '<p>今後の対応</p>' +
    '<ol><li><p>地域包括支援センターが月1回訪問する</p></li><li><p>民生委員が週2回見守る</p></li></ol>' +
    '<p>次回までに</p>' +
    '<ol><li><p>主治医に服薬状況を伝える</p></li><li><p>長男に電話で状況を伝える</p></li></ol>';
  expect(pasted(WORD_LISTS)).toBe(expected);
  // Windows' own line ends, as the clipboard holds them.
  expect(pasted(WORD_LISTS.replace(/\n/g, '\r\n'))).toBe(expected);
});

it('numbers a list whose marker counts (from its first number), and bullets one whose marker points', () => {
  for (const marker of ['1.', '１．', '(1)', '（１）', '①', '1)', 'a)', 'ア．', 'iv.']) {
    expect(pasted(wordItem(marker, '訪問') + wordItem(marker, '電話')), marker).toBe('<ol><li><p>訪問</p></li><li><p>電話</p></li></ol>');
  }
  expect(pasted(wordItem('３．', '訪問'))).toBe('<ol start="3"><li><p>訪問</p></li></ol>');
  // Word's own bullets (・ ● ■ ◆, Symbol's ·, Courier New's o, Wingdings' § Ø ü), and one without any marker.
  for (const marker of ['・', '●', '■', '◆', '·', 'o', '§', 'Ø', 'ü', '']) {
    expect(pasted(wordItem(marker, '訪問')), marker).toBe('<ul><li><p>訪問</p></li></ul>');
  }
});

it('nests a skipped level one deeper, and keeps apart two Word lists that touch', () => {
  const skipped = wordItem('・', '独居') + wordItem('■', '週2回', 'l0 level3 lfo1') + wordItem('・', '要介護2');
  expect(pasted(skipped)).toBe('<ul><li><p>独居</p><ul><li><p>週2回</p></li></ul></li><li><p>要介護2</p></li></ul>');
  const touching = wordItem('・', '独居') + wordItem('1.', '訪問する', 'l1 level1 lfo2');
  expect(pasted(touching)).toBe('<ul><li><p>独居</p></li></ul><ol><li><p>訪問する</p></li></ol>');
  const startingDeeper = wordItem('●', 'デイサービス', 'l0 level2 lfo1') + wordItem('・', '要介護2');
  expect(pasted(startingDeeper)).toBe('<ul><li><p>デイサービス</p></li></ul><ul><li><p>要介護2</p></li></ul>');
});

it('leaves a numbered Word heading a heading with its number, and a list paragraph that is not an item a paragraph', () => {
  const heading = `<h2 style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l2 level1 lfo3'><![if !supportLists]><span lang=EN-US><span style='mso-list:Ignore'>1.<span>&nbsp; </span></span></span><![endif]>本人の状況</h2>`;
  expect(pasted(heading + `<p class=MsoListParagraph>（長男は県外）</p>`)).toBe('<h2>1.&nbsp; 本人の状況</h2><p>（長男は県外）</p>');
});

it('keeps the lists Google Docs writes (already lists), nested ones too', () => {
  const googleDocs =
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c4d-7fff-1234-5678-9abcdef01234">' +
    '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-weight:400;">独居</span></p></li>' +
    '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:circle;" aria-level="2"><p dir="ltr" role="presentation"><span style="font-weight:400;">デイサービス</span></p></li></ul>' +
    '<li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-weight:400;">要介護2</span></p></li></ul></b>';
  expect(pasted(googleDocs)).toBe('<ul><li><p>独居</p><ul><li><p>デイサービス</p></li></ul></li><li><p>要介護2</p></li></ul>');
});
