import { type Inline, inlineText, itemNumber, type TextBlock, type TextMark } from '@care/case-doc';
import { MARK_ELEMENTS } from './html-blocks.ts';
import { followableAddress, withAddress } from './link-address.ts';

/**
 * What is written, as Markdown text that a renderer shows as written and never runs: the
 * characters HTML gives meaning to, the brackets of a link or an image (a javascript: link, an
 * image loaded from elsewhere as the file is opened), those of emphasis, code and strikethrough,
 * and the backslash that escapes them backslash-escaped, as CommonMark allows for any ASCII
 * punctuation; Japanese text is left as it is.
 */
export const markdownText = (text: string) => text.replace(/[\\<>&[\]*_`~]/g, (c) => `\\${c}`);

/** Markdown's own delimiters for a mark; underline has none. */
const DELIMITERS: Partial<Record<TextMark, string>> = { bold: '**', italic: '*', strike: '~~' };

/**
 * Rich text as Markdown under the minutes' own headings: headings as ### and ####, lists as lists
 * (numbered from where the list starts, nested by indenting), marks as emphasis, a link as its
 * text and address (an autolink only when http(s) or mailto). Blank paragraphs are left out.
 */
export function markdownBlocks(blocks: readonly TextBlock[]): string {
  const written = blocks.map((block) => [block, markdownBlock(block)] as const).filter(([, text]) => text);
  // In a list item, a list right after a paragraph keeps the list tight; a blank line would make it loose.
  return written.map(([block, text], i) => (i === 0 ? '' : interrupts(written[i - 1]![0], block) ? '\n' : '\n\n') + text).join('');
}

/** Whether `next` can start right under the last line of `block` (CommonMark: a bullet list, or a list from 1, under a paragraph). */
const interrupts = (block: TextBlock, next: TextBlock) => block.kind === 'paragraph' && next.kind === 'list' && (!next.ordered || next.start === 1);

function markdownBlock(block: TextBlock): string {
  switch (block.kind) {
    case 'heading':
      // A Markdown heading is one line: the writer's line breaks read as spaces.
      return `${'#'.repeat(block.rank + 2)} ${block.lines.map(markdownLine).join(' ')}`;
    case 'paragraph': {
      const lines = block.lines.map(markdownLine);
      return lines.some((line) => line.trim()) ? lines.join('\\\n') : '';
    }
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${itemNumber(block, i)}. ` : '- ';
          // What the item holds beyond its first line is indented to sit under its text.
          return marker + markdownBlocks(item).replace(/\n(?=.)/g, `\n${' '.repeat(marker.length)}`);
        })
        .join('\n');
  }
}

/** A line of text, with what would start a block of its own at the start of a line (#, >, -, 1.) escaped too. */
function markdownLine(line: readonly Inline[]): string {
  return markdownInline(line)
    .replace(/^[ \t]+/, '')
    .replace(/^[#>+=-]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

function markdownInline(line: readonly Inline[]): string {
  return line
    .map((inline) => {
      if (typeof inline === 'string') return markdownText(inline);
      const text = markdownInline(inline.content);
      return 'mark' in inline ? marked(inline.mark, text, inlineText(inline.content)) : withAddress(text, inline.content, inline.href, markdownAddress);
    })
    .join('');
}

/**
 * Text under a mark: in Markdown's delimiters where CommonMark reads them so, which is when the text
 * starts and ends with neither a space nor punctuation (「重要」 bold between Japanese words would
 * read as asterisks); else, and for underline, as an HTML element, which every renderer reads.
 */
function marked(mark: TextMark, text: string, plain: string): string {
  const delimiter = DELIMITERS[mark];
  if (delimiter && /^[^\s\p{P}\p{S}]/u.test(plain) && /[^\s\p{P}\p{S}]$/u.test(plain)) return `${delimiter}${text}${delimiter}`;
  return `<${MARK_ELEMENTS[mark]}>${text}</${MARK_ELEMENTS[mark]}>`;
}

/** An address as an autolink when it may be followed, else as text (a javascript: address shown, never a link). */
function markdownAddress(href: string): string {
  const followable = followableAddress(href);
  return followable ? `<${followable}>` : markdownText(href);
}
