import { z } from 'zod';

/** The kinds of value zod's messages name (expected, received, or what a limit is of), as Japanese names them. */
const TYPE_NAMES: Record<string, string> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  bigint: '整数',
  nan: '数値でない値（NaN）',
  boolean: '真偽値（true または false）',
  date: '日付',
  object: 'オブジェクト',
  record: 'オブジェクト',
  array: '配列',
  tuple: '配列',
  set: '集合',
  map: '対応表',
  file: 'ファイル',
  null: '空の値（null）',
  undefined: '値なし',
  void: '値なし',
  never: '値なし',
  nonoptional: '値',
  symbol: 'シンボル',
  function: '関数',
  promise: 'Promise',
};
/** What a length or size limit counts, by what it is of. */
const UNITS: Record<string, string> = { string: '文字', array: '要素', set: '要素', map: '要素', file: 'バイト' };

const named = (type: string | undefined) => (type === undefined ? '値' : (TYPE_NAMES[type] ?? type));

const japanese = z.locales.ja().localeError!;

/** What a date field that does not hold a date asks for, after the field's name (「期限は…」). */
export const DATE_ASKED = '正しい日付（例：2026-12-20）で入力してください';

/**
 * zod's Japanese messages (z.locales.ja), but naming types in Japanese: its own name them as
 * TypeScript does (「stringが期待されましたが、undefinedが入力されました」), and asking for a date
 * in plain words. Only those messages are written here; the others are zod's.
 */
export const japaneseIssues: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (/^[A-Z]/.test(issue.expected)) break; // instanceof a class: its name is its name
      if (issue.input === undefined) return `無効な入力: ${named(issue.expected)}が期待されましたが、値がありません`;
      return `無効な入力: ${named(issue.expected)}が期待されましたが、${named(z.util.parsedType(issue.input))}が入力されました`;
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = big ? issue.maximum : issue.minimum;
      const bound = big ? (issue.inclusive ? '以下である' : 'より小さい') : issue.inclusive ? '以上である' : 'より大きい';
      const unit = UNITS[issue.origin] ?? '';
      return `${big ? '大きすぎる' : '小さすぎる'}値: ${named(issue.origin)}は${limit}${unit}${bound}必要があります`;
    }
    case 'invalid_key':
      return `${named(issue.origin)}内の無効なキー`;
    case 'invalid_element':
      return `${named(issue.origin)}内の無効な値`;
    case 'invalid_format':
      // A date typed by hand (a year of 61220): zod's 「無効なISO日付」 means nothing to care staff.
      // Written to follow a field's name, as forms show it: 「期限は正しい日付（例：…）で入力してください。」
      if (issue.format === 'date') return DATE_ASKED;
      break;
  }
  return japanese(issue);
};
