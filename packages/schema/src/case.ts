import { z } from 'zod';

/** Case ids appear in URLs and websocket paths, so they are restricted to a URL-safe alphabet. */
export const CaseId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'IDの形式が正しくありません（半角英数字と _ - の1〜64文字）');
export type CaseId = z.infer<typeof CaseId>;

/**
 * Characters no one-line text (a name, a title, a place, search words) holds: control characters
 * (C0, DEL, C1; none is typed into one line), and the marks that change the direction text is shown
 * in (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), with which one name reads as another
 * on the attendance list, the trails, an export or the minutes (「a\u202Ecb」 shows as 「abc」).
 * A tab is the exception: it comes with a spreadsheet's cells pasted into a field, so it is read as
 * the space it shows as (and one already in a case doc stays readable), not refused.
 */
const HIDDEN_CHARACTER = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** The first hidden character of a text, as U+XXXX, or none. */
export function hiddenCharacterIn(text: string): string | undefined {
  const found = HIDDEN_CHARACTER.exec(text)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Trimmed, non-empty one-line text with an upper bound, so no field can be used to flood the store, nor hide what it says. */
export const boundedText = (max: number) =>
  z
    .string()
    .overwrite((text) => text.replaceAll('\t', ' '))
    .trim()
    .min(1, '入力してください')
    .max(max, `${max}文字以内にしてください`)
    .refine((text) => hiddenCharacterIn(text) === undefined, {
      error: (issue) => `見えない文字や表示の向きを変える文字（${hiddenCharacterIn(String(issue.input))}）を含めないでください`,
    });

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
