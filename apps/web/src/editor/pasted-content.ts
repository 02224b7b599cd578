import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';

/**
 * What a paste brought that the summary and the 検討内容 do not hold as such: a table (kept as
 * one line a row, its cells separated by CELL_SEPARATOR). Every reader of the case doc (the
 * minutes, the diff, the search, the plain-text summary) reads lines, so rows become lines that
 * all of them show as pasted.
 */
export type PasteChange = 'table';

/** Between a row's cells: a date and what happened stay apart (「11/1 ｜ 訪問」, not 「11/1訪問」). */
const CELL_SEPARATOR = ' ｜ ';

/** HTML's own white space (not the full-width space, which is text). */
const HTML_SPACE = /[ \t\n\r\f]+/g;

/** The text of a table cell on one line: its paragraphs and line breaks become spaces. */
function cellText(cell: HTMLElement): string {
  const copy = cell.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
  copy.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6').forEach((block) => block.append(' '));
  return (copy.textContent ?? '').replace(HTML_SPACE, ' ').trim();
}

/** The table as paragraphs: its caption, then each row that holds anything, cells separated. */
function tableAsParagraphs(table: HTMLTableElement): HTMLParagraphElement[] {
  const lines = [
    ...(table.caption ? [cellText(table.caption)] : []),
    ...[...table.rows].map((row) => [...row.cells].map(cellText)).filter((cells) => cells.some(Boolean)).map((cells) => cells.join(CELL_SEPARATOR)),
  ];
  return lines.filter(Boolean).map((line) => {
    const paragraph = table.ownerDocument.createElement('p');
    paragraph.textContent = line;
    return paragraph;
  });
}

/**
 * Pasted HTML with its tables as lines, and whether it held any. HTML without is returned as it came, for the editor to read as always. Table parts copied
 * without their table (a few cells of a page's table) are read as one.
 */
export function flattenPastedHTML(html: string): { html: string; changes: Set<PasteChange> } {
  const changes = new Set<PasteChange>();
  if (!/<(table|tr|td|th)[\s>]/i.test(html)) return { html, changes };
  const loneRows = /^(\s*<meta[^>]*>)*\s*<(tr|td|th|thead|tbody|tfoot)[\s>]/i.test(html);
  const doc = new DOMParser().parseFromString(loneRows ? `<table>${html}</table>` : html, 'text/html');
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
  ];
  return lines.length > 0 ? lines.join('') : undefined;
}

/**
 * Pastes and drops into the editor: tables as lines (flattenPastedHTML), and the writer told
 * (`onNotice`) until their next key, paste or drop.
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
    return [
      new Plugin({
        props: {
          handleDOMEvents: { paste: clear, drop: clear },
          handleKeyDown: clear,
          transformPastedHTML: (html) => {
            const flat = flattenPastedHTML(html);
            onNotice(pasteNotice(flat.changes));
            return flat.html;
          },
        },
      }),
    ];
  },
});
