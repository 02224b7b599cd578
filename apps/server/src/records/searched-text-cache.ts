import { searchable } from '@care/schema';
import type { SearchedText } from './record-search.ts';

type KeptLine = { line: string; folded: string; holders: number };

/**
 * Records' searched text kept between searches, the most recently read `maxRecords` of them
 * (records never change, so what is kept never goes stale). Each record holds the whole case
 * summary as it then was, so the records of one case share the lines not edited in between: each
 * distinct line is kept, and folded, once for all the records holding it. A two-year case's 31
 * records (800,000 characters), its summary edited in every paragraph every month, keep two
 * thirds of that; the fewer paragraphs a month edits, the less.
 */
export class SearchedTextCache {
  private readonly texts = new Map<string, SearchedText>();
  private readonly lines = new Map<string, KeptLine>();

  constructor(
    private readonly maxRecords: number,
    private readonly fold: (line: string) => string = searchable,
  ) {}

  get(key: string): SearchedText | undefined {
    return this.texts.get(key);
  }

  /** Keeps a record's lines under `key` (dropping the record kept longest, past `maxRecords`); its searched text. */
  keep(key: string, lines: readonly string[]): SearchedText {
    const kept = lines.map((line) => this.hold(line));
    const text = { lines: kept.map((k) => k.line), folded: kept.map((k) => k.folded) };
    this.texts.set(key, text);
    if (this.texts.size > this.maxRecords) this.drop(this.texts.keys().next().value!);
    return text;
  }

  /** The characters kept, as written and folded, each distinct line once. */
  keptCharacters(): number {
    let characters = 0;
    for (const { line, folded } of this.lines.values()) characters += line.length + folded.length;
    return characters;
  }

  private hold(line: string): KeptLine {
    let kept = this.lines.get(line);
    if (!kept) {
      kept = { line, folded: this.fold(line), holders: 0 };
      this.lines.set(line, kept);
    }
    kept.holders++;
    return kept;
  }

  private drop(key: string): void {
    for (const line of this.texts.get(key)!.lines) {
      const kept = this.lines.get(line)!;
      if (--kept.holders === 0) this.lines.delete(line);
    }
    this.texts.delete(key);
  }
}
