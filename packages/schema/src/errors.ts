import { z } from 'zod';
import { japaneseIssues } from './japanese-issues.ts';

// Zod's own messages in Japanese, wherever these schemas parse (server and web): a field without
// a message of its own is still explained to the person who sent it.
z.config({ localeError: japaneseIssues });

/** Every HTTP error body has this shape, so clients can show `message` and point at `issues`. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** 429: how long until trying again is worth it (as the Retry-After header says). */
  retryAfterSeconds: z.number().int().positive().optional(),
  /**
   * 401 ACCOUNT_DISABLED, or 403 GUEST_LET_GO: whose account the session was, or the guest's id
   * (told only to the browser that held it), so that a page that never knew it (a tab opened later)
   * deletes what this browser kept for it.
   */
  userId: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Flattens a zod error into the ApiError issue list ("title: 入力してください"). */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
