import { z } from 'zod';

/** Case ids appear in URLs and websocket paths, so they are restricted to a URL-safe alphabet. */
export const CaseId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'IDの形式が正しくありません（半角英数字と _ - の1〜64文字）');
export type CaseId = z.infer<typeof CaseId>;

/**
 * Characters a one-line text (a name, a title, a place, search words) is read without: control
 * characters (C0, DEL, C1; none is typed into one line), and the marks that change the direction
 * text is shown in (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), with which one name
 * reads as another on the attendance list, the trails, an export or the minutes (「a\u202Ecb」
 * shows as 「abc」). All are invisible, so they are dropped rather than refused (no one could find
 * them to take them out), and text already stored with them reads without them. A tab or a line
 * break (a spreadsheet's cells or lines pasted) is read as the space it shows as.
 */
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * `text` as one line shows it: hidden characters dropped, a tab or line break as a space, trimmed.
 * Also how the server reads one-line text it stored before (the trails, a record's names).
 */
export function asShownInOneLine(text: string): string {
  return text.replace(/\r\n|[\t\n\r]/g, ' ').replace(HIDDEN_CHARACTERS, '').trim();
}

/** Trimmed, non-empty one-line text with an upper bound, so no field can be used to flood the store, nor hide what it says. */
export const boundedText = (max: number) =>
  z.string().overwrite(asShownInOneLine).min(1, '入力してください').max(max, `${max}文字以内にしてください`);

export const CreateCaseBody = z.strictObject({
  /** A short label such as 「A地区 80代女性 独居」; never the person's full name. */
  title: boundedText(120),
  /** 地区 (e.g. 「北地区」, a 日常生活圏域): lets coordinators filter records across cases. */
  area: boundedText(40).optional(),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

/** A moment, with its time zone (a filter's bound: the web app sends its own day's midnights). */
export const Instant = z.iso.datetime({ offset: true });

export const CaseSummary = z.object({
  id: CaseId,
  title: z.string(),
  area: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** When support ended (ケース終結); a closed case is read-only for everyone until reopened. */
  closedAt: z.iso.datetime().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** ケース終結 (true) or reopening (false), by a coordinator. */
export const UpdateCaseBody = z.strictObject({ closed: z.boolean() });
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>;

export const CaseList = z.object({ cases: z.array(CaseSummary) });
export type CaseList = z.infer<typeof CaseList>;
