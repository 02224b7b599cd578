import { type Inline, itemNumber, type TextBlock, type TextMark } from '@care/case-doc';
import { followableAddress, withAddress } from './link-address.ts';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The element each mark is shown with (in HTML, and in Markdown where its own syntax cannot say it). */
export const MARK_ELEMENTS: Record<TextMark, string> = { bold: 'strong', italic: 'em', strike: 's', underline: 'u' };

/**
 * Rich text as HTML: headings under the minutes' own (h3, h4), lists as lists, marks as elements,
 * a link as its text and address, followable only when http(s) or mailto. Blank paragraphs are left out.
 */
export function htmlBlocks(blocks: readonly TextBlock[]): string {
  return blocks.map(htmlBlock).filter(Boolean).join('\n');
}

function htmlBlock(block: TextBlock): string {
  switch (block.kind) {
    case 'heading': {
      const tag = `h${block.rank + 2}`;
      return `<${tag}>${block.lines.map(htmlLine).join('<br>')}</${tag}>`;
    }
    case 'paragraph': {
      const lines = block.lines.map(htmlLine);
      return lines.some((line) => line.trim()) ? `<p>${lines.join('<br>')}</p>` : '';
    }
    case 'list': {
      const items = block.items.map((item) => `<li>${htmlBlocks(item)}</li>`).join('');
      return block.ordered ? `<ol start="${itemNumber(block, 0)}">${items}</ol>` : `<ul>${items}</ul>`;
    }
  }
}

function htmlLine(line: readonly Inline[]): string {
  return line
    .map((inline) => {
      if (typeof inline === 'string') return escapeHtml(inline);
      const text = htmlLine(inline.content);
      if ('mark' in inline) return `<${MARK_ELEMENTS[inline.mark]}>${text}</${MARK_ELEMENTS[inline.mark]}>`;
      return withAddress(text, inline.content, inline.href, htmlAddress);
    })
    .join('');
}

function htmlAddress(href: string): string {
  const followable = followableAddress(href);
  return followable ? `<a href="${escapeHtml(followable)}">${escapeHtml(followable)}</a>` : escapeHtml(href);
}
