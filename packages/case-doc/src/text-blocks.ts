import * as Y from 'yjs';

/**
 * Rich text (the summary, a conference's 検討内容) read into the few shapes anything outside the
 * editor shows: headings, paragraphs, lists (nested as written), and text under a mark or a link.
 * One reading of the editor's Yjs fragment that every format renders (plain lines, the minutes'
 * Markdown and HTML), so they cannot tell the structure differently.
 */

/** The marks kept, in the order their spans nest (outermost first); the editor's code mark reads as plain text. */
export const TEXT_MARKS = ['bold', 'italic', 'strike', 'underline'] as const;
export type TextMark = (typeof TEXT_MARKS)[number];

/** Text as written: plain, under a mark, or a link's text with its address (as written: unchecked). */
export type Inline = string | { mark: TextMark; content: Inline[] } | { href: string; content: Inline[] };

/** One line of a block: a block's lines are apart where the writer broke the line. */
export type TextLine = Inline[];

/**
 * A block of rich text. A heading's rank is 1 for the editor's first two levels, 2 below (the two
 * a document under the minutes' own headings needs); a list's items are blocks in turn.
 */
export type TextBlock =
  | { kind: 'heading'; rank: 1 | 2; lines: TextLine[] }
  | { kind: 'paragraph'; lines: TextLine[] }
  | { kind: 'list'; ordered: boolean; start: number; items: TextBlock[][] };

/** The blocks of rich text as Tiptap stores them through y-prosemirror (one element per node). */
export function textBlocks(parent: Y.XmlFragment | Y.XmlElement): TextBlock[] {
  return parent.toArray().flatMap((child): TextBlock[] => {
    if (child instanceof Y.XmlText) return [{ kind: 'paragraph', lines: linesOf(runsOf(child)) }];
    if (!(child instanceof Y.XmlElement)) return [];
    switch (child.nodeName) {
      case 'heading':
        return [{ kind: 'heading', rank: Number(child.getAttribute('level') ?? 1) <= 2 ? 1 : 2, lines: inlineLines(child) }];
      case 'bulletList':
      case 'orderedList': {
        const items = child.toArray().filter((item) => item instanceof Y.XmlElement);
        return [{ kind: 'list', ordered: child.nodeName === 'orderedList', start: Number(child.getAttribute('start') ?? 1), items: items.map(textBlocks) }];
      }
      default:
        // A blockquote or the like holds blocks: read as its blocks.
        return isTextBlock(child) ? [{ kind: 'paragraph', lines: inlineLines(child) }] : textBlocks(child);
    }
  });
}

/** The number an ordered list gives its `index`th item. */
export const itemNumber = (list: Extract<TextBlock, { kind: 'list' }>, index: number): number => list.start + index;

/** The text of a line, marks and links left out (a link reads as its text). */
export function inlineText(line: readonly Inline[]): string {
  return line.map((inline) => (typeof inline === 'string' ? inline : inlineText(inline.content))).join('');
}

/**
 * Blocks as lines of plain text, as a Japanese plain-text document writes them: a heading as
 * 【見出し】 (rank 1) or ■小見出し, a list item as ・項目 or 1. 項目, a nested item or an item's
 * further paragraph indented by one full-width space per level; a paragraph as it is.
 */
export function plainLines(blocks: readonly TextBlock[], indent = ''): string[] {
  return blocks.flatMap((block) => {
    switch (block.kind) {
      case 'heading':
        return block.lines.map((line) => indent + (block.rank === 1 ? `【${inlineText(line)}】` : `■${inlineText(line)}`));
      case 'paragraph':
        return block.lines.map((line) => indent + inlineText(line));
      case 'list':
        return block.items.flatMap((item, i) => {
          // The item's first line carries the marker; its further lines and nested lists sit under it.
          const [first = '', ...rest] = plainLines(item, `${indent}　`);
          return [indent + (block.ordered ? `${itemNumber(block, i)}. ` : '・') + first.slice(indent.length + 1), ...rest];
        });
    }
  });
}

/** A paragraph, heading or code block: it holds text (or nothing), not other blocks. */
function isTextBlock(element: Y.XmlElement): boolean {
  const children = element.toArray();
  return children.length === 0 || children.some((child) => child instanceof Y.XmlText);
}

/** What a run of text sits under: a link (outermost), then marks in TEXT_MARKS order. */
type Wrapper = { href: string } | { mark: TextMark };
type Run = { text: string; wrappers: Wrapper[] };

const keyOf = (wrapper: Wrapper) => ('href' in wrapper ? `href:${wrapper.href}` : wrapper.mark);

/** A text block's lines (split at its hard breaks, and at newlines in a code block). */
function inlineLines(element: Y.XmlElement): TextLine[] {
  return linesOf(
    element.toArray().flatMap((child) => {
      if (child instanceof Y.XmlText) return runsOf(child);
      return child instanceof Y.XmlElement && child.nodeName === 'hardBreak' ? [{ text: '\n', wrappers: [] }] : [];
    }),
  );
}

/** The runs of a text, each with what y-prosemirror stored of its marks (a mark's attributes under its name). */
function runsOf(text: Y.XmlText): Run[] {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  return delta.flatMap(({ insert, attributes = {} }) => {
    if (typeof insert !== 'string') return [];
    const href = (attributes.link as { href?: unknown } | null | undefined)?.href;
    const marks = TEXT_MARKS.filter((mark) => attributes[mark] != null).map((mark) => ({ mark }));
    return [{ text: insert, wrappers: [...(typeof href === 'string' ? [{ href }] : []), ...marks] }];
  });
}

/** Runs split into lines, each line's runs nested into spans: a mark over several runs is one span. */
function linesOf(runs: readonly Run[]): TextLine[] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines.at(-1)!.push({ ...run, text: part });
    });
  }
  return lines.map(nested);
}

function nested(runs: readonly Run[]): TextLine {
  const line: Inline[] = [];
  const open: { key: string; content: Inline[] }[] = []; // the spans open, outermost first
  for (const run of runs) {
    let kept = 0;
    while (kept < open.length && kept < run.wrappers.length && open[kept]!.key === keyOf(run.wrappers[kept]!)) kept++;
    open.length = kept;
    for (const wrapper of run.wrappers.slice(kept)) {
      const span = { ...wrapper, content: [] as Inline[] };
      (open.at(-1)?.content ?? line).push(span);
      open.push({ key: keyOf(wrapper), content: span.content });
    }
    (open.at(-1)?.content ?? line).push(run.text);
  }
  return line;
}
