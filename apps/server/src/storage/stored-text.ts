import { asShownInOneLine } from '@care/schema';

/**
 * The append-only tables (the trails, the records) keep one-line text as it was written, and text
 * written before it was read without hidden characters still holds them (「a\u202Ecb」, which reads
 * 「abc」). Rewriting such rows would break what makes them a record, so they are read as one line
 * shows them instead: a column by asShownInOneLine, a JSON column (a trail's subject or changes, a
 * record's agencies; every text in it a name, label, id or word) by this.
 */
export const parseShownInOneLine = (json: string): unknown =>
  JSON.parse(json, (_key, value: unknown) => (typeof value === 'string' ? asShownInOneLine(value) : value));
