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
