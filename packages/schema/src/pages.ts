/**
 * The web app's pages (react-router paths; Fastify reads `:param` the same way). The server
 * answers a browser loading any of them directly (a bookmark, a reload, a link in an email) with
 * the app; anything else unknown stays a 404.
 */
export const WEB_PAGES = {
  caseList: '/',
  login: '/login',
  join: '/join',
  password: '/password',
  admin: '/admin',
  timeline: '/records',
  openActionItems: '/action-items',
  regionalIssues: '/regional-issues',
  auditSearch: '/audit',
  case: '/cases/:caseId',
  caseRecords: '/cases/:caseId/records',
  record: '/cases/:caseId/records/:recordId',
} as const;

/**
 * Documents the server makes for the browser to open itself (minutes: to print, or save as PDF).
 * A browser opening one that cannot be given (a version with no conference held, a case it may not
 * read) gets the web app, whose page for these addresses says why, rather than an error as JSON.
 */
export const BROWSER_DOCUMENTS = {
  recordMinutes: '/api/cases/:caseId/records/:recordId/minutes',
  caseMinutes: '/api/cases/:caseId/minutes',
} as const;

/**
 * The header on every response of a server serving a built web app, naming that build (the
 * build-id.txt beside it): a page loaded from an earlier build, still open after an update, sees
 * that it differs from its own and asks to be reloaded.
 */
export const BUILD_HEADER = 'x-care-build';

/**
 * The header on every response of the server giving its clock (milliseconds since the epoch):
 * the times browsers write into a case (守秘義務 confirmed, conference started and closed, the
 * agenda timer) are the server's, whatever a browser's own clock says.
 */
export const SERVER_TIME_HEADER = 'x-care-time';
