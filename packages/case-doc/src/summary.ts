import * as Y from 'yjs';
import { CaseDocField, conferenceNotesField } from './fields.ts';

/** The shared fragment Tiptap edits; its children are ProseMirror nodes (paragraph, heading, …). */
export function summaryFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CaseDocField.summary);
}

/** The summary as plain text (summaryLines joined), for search, diffs and minutes. */
export function summaryPlainText(doc: Y.Doc): string {
  return summaryLines(doc).join('\n');
}

/**
 * The summary's lines as a plain-text document writes them in Japanese: a heading as 【見出し】
 * (■小見出し below the second level), a list item as ・項目 or 1. 項目, a nested item or an item's
 * further paragraph indented by one full-width space per level; a paragraph as it is. A block
 * with line breaks gives a line for each.
 */
export function summaryLines(doc: Y.Doc): string[] {
  return textLines(summaryFragment(doc));
}

/** A conference's 検討内容, edited like the summary (see conferenceNotesField). */
export function conferenceNotesFragment(doc: Y.Doc, conferenceId: string): Y.XmlFragment {
  return doc.getXmlFragment(conferenceNotesField(conferenceId));
}

/** Rich text's lines as summaryLines writes them (the summary, a conference's 検討内容). */
export function textLines(fragment: Y.XmlFragment): string[] {
  return blockLines(fragment, '');
}

/** Whether lines of text (a summary's, a 検討内容's) hold anything but blank lines: written at all. */
export const holdsText = (lines: readonly string[]): boolean => lines.some((line) => line.trim() !== '');

function blockLines(parent: Y.XmlFragment | Y.XmlElement, indent: string): string[] {
  return parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return deltaText(child).split('\n').map((line) => indent + line);
    if (!(child instanceof Y.XmlElement)) return [];
    switch (child.nodeName) {
      case 'heading': {
        const level = Number(child.getAttribute('level') ?? 1);
        return inlineLines(child).map((line) => indent + (level <= 2 ? `【${line}】` : `■${line}`));
      }
      case 'bulletList':
      case 'orderedList': {
        const start = Number(child.getAttribute('start') ?? 1);
        return child.toArray().flatMap((item, i) => {
          const marker = child.nodeName === 'bulletList' ? '・' : `${start + i}. `;
          if (!(item instanceof Y.XmlElement)) return [];
          // The item's first line carries the marker; its further lines and nested lists sit under it.
          const [first = '', ...rest] = blockLines(item, `${indent}　`);
          return [indent + marker + first.slice(indent.length + 1), ...rest];
        });
      }
      default:
        return isTextBlock(child) ? inlineLines(child).map((line) => indent + line) : blockLines(child, indent);
    }
  });
}

/** A paragraph, heading or code block: it holds text (or nothing), not other blocks. */
function isTextBlock(element: Y.XmlElement): boolean {
  const children = element.toArray();
  return children.length === 0 || children.some((child) => child instanceof Y.XmlText);
}

/** A text block's text, split at its line breaks (hard breaks, and newlines in a code block). */
function inlineLines(element: Y.XmlElement): string[] {
  return element.toArray().map(inlineText).join('').split('\n');
}

function inlineText(child: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (child instanceof Y.XmlText) return deltaText(child);
  return child instanceof Y.XmlElement && child.nodeName === 'hardBreak' ? '\n' : '';
}

function deltaText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** Appends paragraphs of plain text to the summary, as the editor would (used by seeding, imports and tests). */
export function appendSummaryParagraphs(doc: Y.Doc, paragraphs: readonly string[]): void {
  appendParagraphs(summaryFragment(doc), paragraphs);
}

/** Appends paragraphs of plain text to rich text (the summary, a conference's 検討内容) in one transaction. */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  fragment.doc!.transact(() => {
    const nodes = paragraphs.map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    });
    fragment.insert(fragment.length, nodes);
  });
}
