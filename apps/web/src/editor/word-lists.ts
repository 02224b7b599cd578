/**
 * Word (and Outlook, which writes with Word) puts a list on the clipboard as paragraphs, not as
 * <ul>/<ol>: each item is a <p> whose style names its list and level (mso-list:l0 level2 lfo1),
 * its bullet or number written out as text in a span browsers show and Word ignores
 * (mso-list:Ignore). Taken as they came, the items were paragraphs starting 「・」 or 「1.」.
 * Google Docs and LibreOffice write real lists, which the editor reads as they are.
 */

/** A Word list item's place: its list (l0) and its level (1 at the top). */
const LIST_ITEM_STYLE = /mso-list:\s*(l\d+)\s+level(\d+)/i;

/** The span holding the bullet or number Word drew for the item (and the spaces after it). */
const MARKER_STYLE = /mso-list:\s*Ignore/i;

/**
 * A marker that counts rather than points, read in its half-width form: 1. (1) ① (from １． （１）
 * and ①), or a letter, roman number or kana followed by its stop: a) iv. ア．. A letter alone is a
 * bullet: Word's second-level bullet is an 「o」 in Courier New.
 */
const COUNTING_MARKER = /^\(?(\d+[.)、]?|([a-z]+|[ア-ン])[.)、])$/i;

type WordListItem = { paragraph: HTMLParagraphElement; list: string; level: number };

function asListItem(paragraph: HTMLParagraphElement): WordListItem | undefined {
  const place = LIST_ITEM_STYLE.exec(paragraph.getAttribute('style') ?? '');
  return place ? { paragraph, list: place[1]!, level: Number(place[2]) } : undefined;
}

/** Takes the item's drawn marker out of its paragraph, and says what it was (「１．」 read as 「1.」). */
function takeMarker(paragraph: HTMLParagraphElement): string {
  const marker = [...paragraph.querySelectorAll('span')].find((span) => MARKER_STYLE.test(span.getAttribute('style') ?? ''));
  marker?.remove();
  return (marker?.textContent ?? '').normalize('NFKC').trim();
}

/** The list a marker starts: an <ol> from its number (「3.」 starts at 3), else a <ul>. */
function listFor(doc: Document, marker: string): HTMLElement {
  if (!COUNTING_MARKER.test(marker)) return doc.createElement('ul');
  const list = doc.createElement('ol');
  const start = /\d+/.exec(marker)?.[0];
  if (start && start !== '1') list.setAttribute('start', start);
  return list;
}

/** Items that follow one another in the same Word list, in order. */
function runsOfItems(items: WordListItem[]): WordListItem[][] {
  const runs: WordListItem[][] = [];
  for (const item of items) {
    const last = runs.at(-1)?.at(-1);
    const continues = last && last.list === item.list && last.paragraph.nextElementSibling === item.paragraph;
    if (continues) runs.at(-1)!.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * One run of Word list items as a list in place of them, deeper levels nested in the item before
 * (a level skipped, 1 then 3, nests one deeper).
 */
function replaceWithList(run: WordListItem[]) {
  const open: { level: number; list: HTMLElement }[] = [];
  for (const { paragraph, level } of run) {
    const doc = paragraph.ownerDocument;
    const marker = takeMarker(paragraph);
    while (open.length > 0 && open.at(-1)!.level > level) open.pop();
    if (open.at(-1)?.level !== level) {
      const list = listFor(doc, marker);
      const parentItem = open.at(-1)?.list.lastElementChild;
      if (parentItem) parentItem.append(list);
      else paragraph.before(list);
      open.push({ level, list });
    }
    const item = doc.createElement('li');
    open.at(-1)!.list.append(item);
    item.append(paragraph);
  }
}

/**
 * Pasted HTML with Word's list paragraphs as lists (<ul>, <ol>, nested), their drawn markers gone,
 * and all else as it came (the <style> too, which the editor reads its paragraphs' looks from).
 * Only paragraphs: a numbered heading stays a heading, its number in its text.
 */
export function wordListsAsLists(html: string): string {
  if (!LIST_ITEM_STYLE.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const items = [...doc.body.querySelectorAll('p')].map(asListItem).filter((item) => item !== undefined);
  if (items.length === 0) return html;
  runsOfItems(items).forEach(replaceWithList);
  return doc.documentElement.outerHTML;
}
