import { describe, expect, it } from 'vitest';
import { asOneLine, leftOut, leftOutNote } from '../src/ui/length-limit.ts';

describe('asOneLine', () => {
  it('drops the line breaks at the end and makes the others spaces, as a single-line field takes them', () => {
    expect(asOneLine('移動手段が\r\nなく\n買い物に\r困る\r\n\n')).toBe('移動手段が なく 買い物に 困る');
    expect(asOneLine('一行')).toBe('一行');
  });
});

describe('leftOut', () => {
  it('is the end of the arriving text past what the field grew by', () => {
    expect(leftOut('服薬カレンダーを導入', 7)).toBe('を導入');
    expect(leftOut('服薬カレンダー', 0)).toBe('服薬カレンダー');
  });
  it('is nothing when it all went in', () => {
    expect(leftOut('服薬', 2)).toBe('');
    expect(leftOut('', 0)).toBe('');
  });
});

describe('leftOutNote', () => {
  it('says the limit, how the text came and how many characters of its end did not go in, quoting them', () => {
    expect(leftOutNote(200, 'paste', '困る')).toBe('200文字までです。貼り付けた文の後ろ2文字（「困る」）は入りませんでした。');
    expect(leftOutNote(40, 'conversion', '師')).toBe('40文字までです。変換した文の後ろ1文字（「師」）は入りませんでした。');
  });
  it('quotes only the beginning of a long cut, and counts characters as read (an emoji is one)', () => {
    const cut = `${'あ'.repeat(19)}😀${'い'.repeat(10)}`;
    expect(leftOutNote(60, 'drop', cut)).toBe(`60文字までです。ドロップした文の後ろ30文字（「${'あ'.repeat(19)}😀…」）は入りませんでした。`);
  });
});
