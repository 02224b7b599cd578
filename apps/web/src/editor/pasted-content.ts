import { Extension } from '@tiptap/core';
import type { Slice } from '@tiptap/pm/model';
import { Plugin } from '@tiptap/pm/state';
import { wordListsAsLists } from './word-lists.ts';

/**
 * What a paste brought that the summary and the 検討内容 do not hold as such: a table (kept as
 * one line a row, its cells separated by CELL_SEPARATOR) or an image (left out, its alt text kept
 * as a marker). Every reader of the case doc (the minutes, the diff, the search, the plain-text
 * summary) reads lines, so rows become lines that all of them show as pasted.
 */
export type PasteChange = 'table' | 'image';

/** Between a row's cells: a date and what happened stay apart (「11/1 ｜ 訪問」, not 「11/1訪問」). */
const CELL_SEPARATOR = ' ｜ ';

/** Where an image was, named by its alt text (「［画像：写真］」); one without any leaves nothing. */
const imageMarker = (alt: string) => (alt ? `［画像：${alt}］` : '');

/** HTML's own white space (not the full-width space, which is text). */
const HTML_SPACE = /[ \t\n\r\f]+/g;

/** The text of a table cell on one line: its paragraphs and line breaks become spaces. */
function cellText(cell: HTMLElement): string {
  const copy = cell.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
  copy.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6').forEach((block) => block.append(' '));
  return (copy.textContent ?? '').replace(HTML_SPACE, ' ').trim();
}

/** A row's cells up to its last filled one (an empty cell between keeps its place), separated. */
function rowText(row: HTMLTableRowElement): string {
  const cells = [...row.cells].map(cellText);
  while (cells.length > 0 && !cells.at(-1)) cells.pop();
  return cells.join(CELL_SEPARATOR);
}

/** The table as paragraphs: its caption, then each row that holds anything. */
function tableAsParagraphs(table: HTMLTableElement): HTMLParagraphElement[] {
  const lines = [...(table.caption ? [cellText(table.caption)] : []), ...[...table.rows].map(rowText)];
  return lines.filter(Boolean).map((line) => {
    const paragraph = table.ownerDocument.createElement('p');
    paragraph.textContent = line;
    return paragraph;
  });
}

/** What was copied, inside the wrapper Windows puts around copied HTML (<html><body><!--StartFragment-->…). */
const WINDOWS_FRAGMENT = /<!--StartFragment-->([\s\S]*?)<!--EndFragment-->/;

/** Table parts without their table, first thing in the HTML (a few cells of a page's table). */
const LONE_TABLE_PARTS = /^(\s*<meta[^>]*>)*\s*<(tr|td|th|thead|tbody|tfoot)[\s>]/i;

/**
 * Pasted HTML with its tables as lines and its images as markers, and which of the two it held.
 * HTML with neither is returned as it came, for the editor to read as always. Table parts copied
 * without their table (a few cells of a page's table) are read as one.
 */
export function flattenPastedHTML(html: string): { html: string; changes: Set<PasteChange> } {
  const changes = new Set<PasteChange>();
  if (!/<(img|table|tr|td|th)[\s>]/i.test(html)) return { html, changes };
  const fragment = WINDOWS_FRAGMENT.exec(html)?.[1] ?? html;
  const doc = new DOMParser().parseFromString(LONE_TABLE_PARTS.test(fragment) ? `<table>${fragment}</table>` : html, 'text/html');
  for (const image of doc.body.querySelectorAll('img')) {
    image.replaceWith(imageMarker(image.alt.replace(HTML_SPACE, ' ').trim()));
    changes.add('image');
  }
  // Inner tables first, so a table in a cell is a line of that cell.
  for (const table of [...doc.body.querySelectorAll('table')].reverse()) {
    table.replaceWith(...tableAsParagraphs(table));
    changes.add('table');
  }
  return { html: changes.size > 0 ? doc.body.innerHTML : html, changes };
}

/** What the writer is told of a paste that changed (nothing for one taken as it was). */
export function pasteNotice(changes: ReadonlySet<PasteChange>): string | undefined {
  const lines = [
    ...(changes.has('table') ? ['表は1行ずつ、項目を「｜」で区切った文章として貼り付けました。'] : []),
    ...(changes.has('image') ? ['画像は貼り付けられません。文章だけを貼り付けました。'] : []),
  ];
  return lines.length > 0 ? lines.join('') : undefined;
}

const LONE_IMAGE_NOTICE = '画像は貼り付けられません。';

const holdsImageFile = (data: DataTransfer | null) => [...(data?.items ?? [])].some((item) => item.kind === 'file' && item.type.startsWith('image/'));

/**
 * What becomes of the image files in a paste or drop that the editor would take as `takesSomething`:
 * refused when they come alone (the editor would take nothing, silently), left out beside plain
 * text. Beside HTML, the HTML speaks for its images (flattenPastedHTML): a spreadsheet's cells come
 * with a picture of them, which is no image of the writer's to miss.
 */
export function imageFilesInPaste(data: DataTransfer | null, takesSomething: boolean): 'refused' | 'left out' | undefined {
  if (!holdsImageFile(data)) return undefined;
  if (!takesSomething) return 'refused';
  return data?.types.includes('text/html') ? undefined : 'left out';
}

/**
 * Pastes and drops into the editor: Word's lists as lists (wordListsAsLists), tables as lines,
 * images left out (flattenPastedHTML), and the writer told (`onNotice`) until their next key,
 * paste or drop. An image that comes without any text (a screenshot, a photo file) is refused with
 * a notice too, and one beside plain text is said to be left out: no image is stored in the case doc.
 */
export const PastedContent = Extension.create<{ onNotice: (notice: string | undefined) => void }>({
  name: 'pastedContent',
  addOptions: () => ({ onNotice: () => {} }),
  addProseMirrorPlugins() {
    const { onNotice } = this.options;
    const clear = () => {
      onNotice(undefined);
      return false;
    };
    /** Tells of image files the editor does not take; true when the paste or drop is refused (an image alone). */
    const refusedImageFiles = (data: DataTransfer | null, slice: Slice) => {
      const images = imageFilesInPaste(data, slice.size > 0);
      if (images === 'refused') onNotice(LONE_IMAGE_NOTICE);
      if (images === 'left out') onNotice(pasteNotice(new Set(['image'])));
      return images === 'refused';
    };
    return [
      new Plugin({
        props: {
          handleDOMEvents: { paste: clear, drop: clear },
          handleKeyDown: clear,
          transformPastedHTML: (html) => {
            const flat = flattenPastedHTML(wordListsAsLists(html));
            onNotice(pasteNotice(flat.changes));
            return flat.html;
          },
          handlePaste: (_view, event, slice) => refusedImageFiles(event.clipboardData, slice),
          handleDrop: (_view, event, slice) => refusedImageFiles((event as DragEvent).dataTransfer, slice),
        },
      }),
    ];
  },
});
