import { type Inline, inlineText } from '@care/case-doc';

/** The schemes a link in the minutes may lead to: a page or a mail. Anything else (javascript:, data:, file:) is shown, never followed. */
const FOLLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * A link's address as the minutes may make it followable: http(s) or mailto, normalised by the URL
 * parser, and holding nothing that could end the markup it sits in; undefined for any other.
 */
export function followableAddress(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return FOLLOWED_SCHEMES.has(url.protocol) && /^[^\s<>"'`\\]+$/.test(url.href) ? url.href : undefined;
}

/**
 * A link's text and, after it in brackets, its address (so a printed copy keeps it), or the
 * address alone when that is all its text says. `address` writes the address in the format at hand.
 */
export function withAddress(text: string, content: readonly Inline[], href: string, address: (href: string) => string): string {
  return inlineText(content) === href ? address(href) : `${text}（${address(href)}）`;
}
