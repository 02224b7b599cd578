import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type ApiError, describeIssues, PASSWORD_CHANGE_REQUIRED, TEMPORARY_PASSWORD_EXPIRED } from '@care/schema';
import { ConflictError } from '../accounts/account-store.ts';

export class NotFoundError extends Error {}
/** Not signed in, or the session has ended (401). */
export class UnauthorizedError extends Error {}
/** Signed in but not allowed (403). */
export class ForbiddenError extends Error {}
/** The right password, but a temporary one: its holder must choose their own first (403). */
export class PasswordChangeRequiredError extends Error {}
/** The right password, but a temporary one past its time: an administrator must set a new one (403). */
export class TemporaryPasswordExpiredError extends Error {}

/** Well formed, but asks for more than is given at once (422). */
export class TooManyError extends Error {}

/** Too many failed sign-ins lately, from this address or on this login (429, with Retry-After). */
export class TooManyAttemptsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const domainErrors = [
  { type: NotFoundError, status: 404, code: 'not_found' },
  { type: UnauthorizedError, status: 401, code: 'unauthorized' },
  { type: ForbiddenError, status: 403, code: 'forbidden' },
  { type: PasswordChangeRequiredError, status: 403, code: PASSWORD_CHANGE_REQUIRED },
  { type: TemporaryPasswordExpiredError, status: 403, code: TEMPORARY_PASSWORD_EXPIRED },
  { type: ConflictError, status: 409, code: 'conflict' },
  { type: TooManyError, status: 422, code: 'too_many' },
  { type: TooManyAttemptsError, status: 429, code: 'too_many_requests' },
] as const;

/**
 * One place that turns failures into ApiError bodies: zod failures into 400 with the issues,
 * client errors with their own message, and anything else into a 500 with no internals.
 * `webApp`: the web app is served, so a browser asking for a page that does not exist (a mistyped
 * or outdated address) gets the app's own 404 page, with a way back, rather than JSON.
 */
export function registerErrorHandler(app: FastifyInstance, { webApp = false } = {}) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let body: ApiError;
    const known = domainErrors.find(({ type }) => error instanceof type);
    if (error instanceof z.ZodError) {
      status = 400;
      body = { error: 'bad_request', message: '入力内容が正しくありません', issues: describeIssues(error) };
    } else if (known) {
      status = known.status;
      body = { error: known.code, message: error.message };
      if (error instanceof TooManyAttemptsError) {
        body.retryAfterSeconds = error.retryAfterSeconds;
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { error: error.code ?? 'bad_request', message: error.message };
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      body = { error: 'internal', message: 'サーバーでエラーが発生しました。しばらくしてから、もう一度お試しください' };
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    const pageAddress = request.method === 'GET' && !/^\/(api|ws)\//.test(request.url);
    if (webApp && pageAddress && request.headers.accept?.includes('text/html')) return reply.sendFile('index.html');
    return reply.send({ error: 'not_found', message: `${request.method} ${request.url} はありません` });
  });
}
