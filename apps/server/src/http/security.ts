import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BACKGROUND_HEADER, CSRF_HEADER } from '@care/schema';
import type { Principal } from '../access/principal.ts';
import type { EndedWhy, SessionStore } from '../accounts/session-store.ts';
import { csrfTokenFor, hashToken, sameSecret } from '../accounts/tokens.ts';
import type { ServerConfig } from '../config.ts';
import { ForbiddenError } from './errors.ts';

type SecurityConfig = Pick<ServerConfig, 'COOKIE_SECURE' | 'SESSION_MAX_HOURS'>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `__Host-` pins the cookie to this exact origin over TLS (no Domain, Path=/, Secure). */
const cookieName = (config: SecurityConfig) => (config.COOKIE_SECURE ? '__Host-care_session' : 'care_session');

/**
 * Security headers, cookies and authentication for every request (failed sign-ins are limited
 * where they happen: FailedSignIns):
 * - no API answer is cached (cache-control: no-store);
 * - the session cookie (http-only, SameSite=Strict) sets `request.principal`;
 * - CSRF: a state-changing request from a signed-in browser must carry the session's CSRF token
 *   in a header (a synchronizer token derived by HMAC from the session secret, OWASP's primary
 *   defence; a cross-site page can neither read it nor set a custom header without CORS), and
 *   any request announcing a foreign Origin is refused, websocket upgrades included.
 */
export async function registerSecurity(
  app: FastifyInstance,
  { config, sessions }: { config: SecurityConfig; sessions: SessionStore },
) {
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.COOKIE_SECURE ? [] : null } },
    hsts: config.COOKIE_SECURE,
  });
  // Case data is 要配慮個人情報: no browser (a shared PC's cache, its back button after signing
  // out) or proxy keeps a copy of any API answer. The web app's own files stay cacheable.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.decorateRequest('principal', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('sessionEndedWhy', undefined);
  app.addHook('onRequest', async (request) => {
    refuseForeignOrigin(request);
    const token = request.cookies[cookieName(config)];
    const principal = token ? await sessions.resolve(token, { use: request.headers[BACKGROUND_HEADER] !== '1' }) : undefined;
    if (!principal) {
      // A guest let go by revoking its invitation, or an account disabled, is told so (signedIn),
      // not that its session timed out.
      if (token) request.sessionEndedWhy = await sessions.whyEnded(hashToken(token));
      return;
    }
    if (!SAFE_METHODS.has(request.method)) requireCsrfToken(request, token!);
    request.principal = principal;
    request.sessionToken = token;
  });
}

function refuseForeignOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {}
  if (host !== request.host) throw new ForbiddenError('別のサイトからの要求は受け付けません');
}

function requireCsrfToken(request: FastifyRequest, token: string) {
  const given = request.headers[CSRF_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, csrfTokenFor(token))) {
    throw new ForbiddenError('画面が古くなっています。ページを再読み込みしてから、もう一度お試しください');
  }
}

/** Sets the session cookie after sign-in (or accepting an invitation). */
export function setSessionCookie(reply: FastifyReply, config: SecurityConfig, token: string, expiresAt?: string) {
  reply.setCookie(cookieName(config), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.COOKIE_SECURE,
    path: '/',
    ...(expiresAt ? { expires: new Date(expiresAt) } : { maxAge: Math.ceil(config.SESSION_MAX_HOURS * 3600) }),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: SecurityConfig) {
  reply.clearCookie(cookieName(config), { path: '/', httpOnly: true, sameSite: 'strict', secure: config.COOKIE_SECURE });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, from the session cookie; undefined when not signed in. */
    principal?: Principal;
    /** The session secret from the cookie (to derive its CSRF token). */
    sessionToken?: string;
    /** Why the cookie's session ended, and whose it was, when its holder is to be told (a revoked invitation, a disabled account): no principal then. */
    sessionEndedWhy?: EndedWhy;
  }
}
