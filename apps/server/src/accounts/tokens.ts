import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret for a cookie or an invitation link: 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a secret: its SHA-256, so a leaked table opens no session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A new id for a row (96 random bits, URL-safe). */
export const newId = () => randomBytes(12).toString('base64url');

/**
 * The CSRF token of a session, derived from the session's own secret (HMAC), so it needs no
 * storage and cannot be computed by a page that cannot read the http-only cookie.
 */
export const csrfTokenFor = (sessionToken: string) => createHmac('sha256', sessionToken).update('csrf').digest('base64url');

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
