import type { z } from 'zod';

/** What is wrong with a form's input, in the form's words: the fields to mark, and one message. */
export type FormProblems<F extends string> = { fields: F[]; message: string };

/**
 * Says what the shared schema found wrong with a form's input, naming each field as the form
 * labels it and in the form's order (the order of `names`): the empty ones together first
 * (「担当者・期限を入力してください。」), then each other problem in the schema's words, which are
 * written to follow a field's name (「初期パスワードは12文字以上にしてください。」).
 * `fieldOf` tells which field an issue is about (by default the first key of its path).
 */
export function formProblems<F extends string>(
  issues: readonly z.core.$ZodIssue[],
  names: Readonly<Record<F, string>>,
  isEmpty: (field: F) => boolean,
  fieldOf: (issue: z.core.$ZodIssue) => F = (issue) => String(issue.path[0]) as F,
): FormProblems<F> {
  const order = Object.keys(names) as F[];
  const byField = new Map<F, string>();
  for (const issue of issues) if (!byField.has(fieldOf(issue))) byField.set(fieldOf(issue), issue.message);
  const fields = [...byField.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const nameOf = (field: F) => names[field] ?? field;
  const empty = fields.filter(isEmpty);
  const lines = [
    ...(empty.length > 0 ? [`${empty.map(nameOf).join('・')}を入力してください。`] : []),
    ...fields.filter((field) => !isEmpty(field)).map((field) => `${nameOf(field)}は${byField.get(field)}。`),
  ];
  return { fields, message: lines.join('') };
}

/**
 * Checks a form's input with the schema the server checks it with, before it is sent: undefined
 * when it passes, else what is wrong (formProblems; a field is empty when it holds no text).
 */
export function checkForm<F extends string>(schema: z.ZodType, input: Readonly<Partial<Record<F, unknown>>>, names: Readonly<Record<F, string>>): FormProblems<F> | undefined {
  const checked = schema.safeParse(input);
  if (checked.success) return undefined;
  return formProblems(checked.error.issues, names, (field) => {
    const value = input[field];
    return typeof value !== 'string' || !value.trim();
  });
}
