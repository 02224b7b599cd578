// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { flattenPastedHTML, imageFilesInPaste } from '../src/editor/pasted-content.ts';

const lines = (html: string) => [...new DOMParser().parseFromString(html, 'text/html').body.querySelectorAll('p')].map((p) => p.textContent);

it('reads table rows copied without their table as a table, also inside the wrapper Windows puts around copied HTML', () => {
  const rows = '<tr><td>11/1</td><td>訪問</td></tr><tr><td>11/8</td><td>電話</td></tr>';
  for (const html of [rows, `<meta charset="utf-8">${rows}`, `<html>\r\n<body>\r\n<!--StartFragment-->${rows}<!--EndFragment-->\r\n</body>\r\n</html>`]) {
    const flat = flattenPastedHTML(html);
    expect(lines(flat.html)).toEqual(['11/1 ｜ 訪問', '11/8 ｜ 電話']);
    expect([...flat.changes]).toEqual(['table']);
  }
});

it('leaves no separator after a row’s last filled cell, and keeps the place of an empty cell between filled ones', () => {
  const flat = flattenPastedHTML('<table><tr><td>A1</td><td></td><td>A3</td><td></td><td> </td></tr></table>');
  expect(lines(flat.html)).toEqual(['A1 ｜  ｜ A3']);
});

it('says an image file pasted beside plain text is left out, and refuses one that comes alone; HTML speaks for its own images', () => {
  const data = (types: string[], files: string[]) => ({ types, items: files.map((type) => ({ kind: 'file', type })) }) as unknown as DataTransfer;
  expect(imageFilesInPaste(data(['text/plain', 'Files'], ['image/png']), true)).toBe('left out');
  expect(imageFilesInPaste(data(['Files'], ['image/png']), false)).toBe('refused');
  expect(imageFilesInPaste(data(['text/html', 'text/plain', 'Files'], ['image/png']), true)).toBeUndefined();
  expect(imageFilesInPaste(data(['text/plain'], []), true)).toBeUndefined();
  expect(imageFilesInPaste(data(['text/plain', 'Files'], ['application/pdf']), true)).toBeUndefined();
});
