import { z } from 'zod';

/** Case ids appear in URLs and websocket paths, so they are restricted to a URL-safe alphabet. */
export const CaseId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'IDの形式が正しくありません（半角英数字と _ - の1〜64文字）');
export type CaseId = z.infer<typeof CaseId>;

/** Trimmed, non-empty text with an upper bound, so no field can be used to flood the store. */
export const boundedText = (max: number) => z.string().trim().min(1, '入力してください').max(max, `${max}文字以内にしてください`);

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
