import type { FastifyInstance } from 'fastify';
import { BadTextError } from './errors.ts';

/** `\u0000` escaped in JSON text (after an even number of backslashes, so not an escaped backslash followed by "u0000"). */
const ESCAPED_NUL = /(?<!\\)(?:\\\\)*\\u0000/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text the server takes from a request is UTF-8 without NUL, or the request is refused with 400
 * naming why, before any route runs: bytes that are not UTF-8 were read as U+FFFD, changing what
 * was sent without a word, and PostgreSQL stores no NUL in text (the request failed with 500 there,
 * while SQLite kept it). Bodies (JSON only: Fastify's plain-text parser is removed, so a text/plain
 * body is 415 as any other not JSON, not a string each schema then refuses), path and query alike.
 */
export function registerTextInput(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new BadTextError('送られた内容の文字コードが正しくありません（UTF-8で送ってください）'), undefined);
    }
    if (ESCAPED_NUL.test(text)) return done(new BadTextError('送られた内容に使えない文字（NUL, U+0000）が含まれています'), undefined);
    parseJson(request, text, done);
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new BadTextError('アドレスに使えない文字（NUL, U+0000）が含まれています');
  });
}
