import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACCOUNT_DISABLED, type ApiError, BROWSER_DOCUMENTS, CASE_CLOSED_GUEST_TEXT, CASE_CLOSED_TO_GUEST, describeIssues, GUEST_LET_GO, type GuestLetGo, INVITATION_REVOKED, PASSWORD_CHANGE_REQUIRED, TEMPORARY_PASSWORD_EXPIRED } from '@care/schema';
import { ConflictError } from '../accounts/account-store.ts';

export class NotFoundError extends Error {}
/** Not signed in, or the session has ended (401). */
export class UnauthorizedError extends Error {}
/** The session ended when its account (or agency) was disabled (401, ACCOUNT_DISABLED, saying whose). */
export class AccountDisabledError extends Error {
  constructor(
    message: string,
    readonly userId: string,
  ) {
    super(message);
  }
}
/** Signed in but not allowed (403). */
export class ForbiddenError extends Error {}
/** A guest's session ended by revoking its invitation or ending its conference: its access was withdrawn (403, GUEST_LET_GO by why). */
export class GuestLetGoError extends Error {
  constructor(
    message: string,
    readonly why: GuestLetGo,
    /** The guest's id, told only to the browser that held the session, for its copies to go. */
    readonly userId: string | null,
  ) {
    super(message);
  }
}
/** A guest's request to its case while the case is closed (ケース終結): said as that (403, CASE_CLOSED_TO_GUEST), not as access refused. */
export class CaseClosedToGuestError extends Error {
  constructor() {
    super(CASE_CLOSED_GUEST_TEXT);
  }
}
/** The right password, but a temporary one: its holder must choose their own first (403). */
export class PasswordChangeRequiredError extends Error {}
/** The right password, but a temporary one past its time: an administrator must set a new one (403). */
export class TemporaryPasswordExpiredError extends Error {}

/** Text that is not UTF-8, or holds a character no text field takes (NUL), in a body or the address (400). */
export class BadTextError extends Error {}

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
  { type: AccountDisabledError, status: 401, code: ACCOUNT_DISABLED },
  { type: ForbiddenError, status: 403, code: 'forbidden' },
  { type: GuestLetGoError, status: 403, code: INVITATION_REVOKED },
  { type: CaseClosedToGuestError, status: 403, code: CASE_CLOSED_TO_GUEST },
  { type: PasswordChangeRequiredError, status: 403, code: PASSWORD_CHANGE_REQUIRED },
  { type: TemporaryPasswordExpiredError, status: 403, code: TEMPORARY_PASSWORD_EXPIRED },
  { type: BadTextError, status: 400, code: 'invalid_text' },
  { type: ConflictError, status: 409, code: 'conflict' },
  { type: TooManyError, status: 422, code: 'too_many' },
  { type: TooManyAttemptsError, status: 429, code: 'too_many_requests' },
] as const;

/** The most a request body may hold (Fastify's bodyLimit). */
export const BODY_LIMIT_BYTES = 64 * 1024;

type Answer = { status: number; body: ApiError };

/**
 * What the HTTP layer refuses before a route runs (Fastify's own errors, by code), with a stable
 * code and words for people; any other 4xx of the framework gets the general answer for its status.
 */
const frameworkErrors: Record<string, Answer> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, body: { error: 'invalid_json', message: '送られた内容がJSONとして正しくありません' } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, body: { error: 'invalid_json', message: '送られた内容が空です（JSONで送ってください）' } },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, body: { error: 'bad_request', message: '送られた内容の長さが Content-Length と合いません' } },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, body: { error: 'body_too_large', message: `送られた内容が大きすぎます（${BODY_LIMIT_BYTES / 1024} KiBまで）` } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, body: { error: 'unsupported_media_type', message: 'この形式の内容は受け付けていません（JSONで送ってください）' } },
  FST_ERR_BAD_URL: { status: 400, body: { error: 'bad_url', message: 'アドレスの形式が正しくありません' } },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, body: { error: 'uri_too_long', message: 'アドレスが長すぎます' } },
};

/** What node's HTTP parser refuses before Fastify sees a request (a request line or headers too long, garbage). */
const clientErrors: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: { status: 431, body: { error: 'headers_too_large', message: 'アドレスまたはヘッダーが長すぎます' } },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, body: { error: 'timeout', message: '要求が時間内に届きませんでした' } },
};
const BAD_REQUEST: Answer = { status: 400, body: { error: 'bad_request', message: '要求の形式が正しくありません' } };

/**
 * The one answer to a failure, as an ApiError: zod failures 400 naming each field wrong (in the
 * message and in `issues`), the app's own errors with their message, the framework's refusals
 * in Japanese, and anything else a 500 with no internals (`internal`: the caller logs it).
 */
export function answerTo(error: unknown): Answer & { internal?: true } {
  if (error instanceof z.ZodError) {
    const issues = describeIssues(error);
    return { status: 400, body: { error: 'bad_request', message: `入力内容が正しくありません（${issues.map((i) => `${i.path}: ${i.message}`).join('、')}）`, issues } };
  }
  const known = domainErrors.find(({ type }) => error instanceof type);
  if (known) {
    const body: ApiError = { error: known.code, message: (error as Error).message };
    if (error instanceof TooManyAttemptsError) body.retryAfterSeconds = error.retryAfterSeconds;
    if (error instanceof AccountDisabledError) body.userId = error.userId;
    if (error instanceof GuestLetGoError) {
      body.error = GUEST_LET_GO[error.why];
      if (error.userId) body.userId = error.userId;
    }
    return { status: known.status, body };
  }
  const { code, statusCode } = error as Partial<FastifyError>;
  const framework = code ? frameworkErrors[code] : undefined;
  if (framework) return framework;
  if (statusCode && statusCode >= 400 && statusCode < 500) return { status: statusCode, body: { error: 'bad_request', message: '要求が正しくありません' } };
  return { status: 500, internal: true, body: { error: 'internal', message: 'サーバーでエラーが発生しました。しばらくしてから、もう一度お試しください' } };
}

/** Fastify options that send what the router refuses (a bad or too long path parameter) through answerTo too. */
export const routerErrors = {
  frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = answerTo(error);
    return reply.code(status).send(body);
  },
  /** Node's own refusals are written to the socket as it would, with an ApiError body. */
  clientErrorHandler: (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, body } = (error.code && clientErrors[error.code]) || BAD_REQUEST;
    const json = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
      );
    }
    socket.destroy(error);
  },
};

const browserDocuments: ReadonlySet<string> = new Set(Object.values(BROWSER_DOCUMENTS));
/** A browser loading an address itself (a link, a bookmark, a typed address), not the app fetching data. */
const loadedByBrowser = (request: FastifyRequest) => request.method === 'GET' && !!request.headers.accept?.includes('text/html');

/**
 * Every failure answered through answerTo.
 * `webApp`: the web app is served, so a browser asking for a page that does not exist (a mistyped
 * or outdated address) gets the app's own 404 page, with a way back, rather than JSON; and one
 * opening a document (BROWSER_DOCUMENTS) that cannot be given gets the app's page saying why.
 */
export function registerErrorHandler(app: FastifyInstance, { webApp = false } = {}) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body, internal } = answerTo(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    if (body.retryAfterSeconds) reply.header('retry-after', String(body.retryAfterSeconds));
    reply.code(status);
    if (webApp && status < 500 && browserDocuments.has(request.routeOptions.url ?? '') && loadedByBrowser(request)) return reply.sendFile('index.html');
    return reply.send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    const pageAddress = !/^\/(api|ws)\//.test(request.url);
    if (webApp && pageAddress && loadedByBrowser(request)) return reply.sendFile('index.html');
    return reply.send({ error: 'not_found', message: `${request.method} ${request.url} はありません` });
  });
}
