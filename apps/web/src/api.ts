import {
  Account,
  AccountList,
  SignInLockList,
  AgencyAccount,
  AgencyList,
  ApiError,
  AuditList,
  CaseMemberList,
  CreatedInvitation,
  type CreateInvitationBody,
  type CreateUserBody,
  type GrantMembershipBody,
  InvitationList,
  CaseActivityList,
  CaseList,
  CaseSummary,
  ConferenceRecord,
  ConferenceRecordList,
  ConferenceRecordMeta,
  type CreateCaseBody,
  type UpdateCaseBody,
  type UpdateUserBody,
  BACKGROUND_HEADER,
  CSRF_HEADER,
  type AgencyBody,
  type UpdateAgencyBody,
  type ChangePasswordBody,
  type LoginBody,
  OpenedCase,
  RecordDiff,
  RestoreResult,
  OpenActionItemList,
  RegionalIssueList,
  SessionInfo,
  Timeline,
  type TimelineQuery,
  type AccountAuditQuery,
  AccountAuditSearch,
  type AuditQuery,
  AuditSearch,
  TrailGuestList,
} from '@care/schema';
import { z } from 'zod';
import { noteServedBuild } from './app-version.ts';
import { noteServerTime } from './server-clock.ts';

/** A failed API call, carrying the server's human-readable message. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('\n') || body?.message || `サーバーが要求を処理できませんでした（HTTP ${status}）。しばらくしてから、もう一度お試しください。`);
  }
}

/** The signed-in session's CSRF token, echoed on every state-changing request. */
let csrfToken: string | undefined;

/** The error a failed response stands for, with the server's ApiError body when it sent one. */
async function failure(response: Response): Promise<ApiCallError> {
  return new ApiCallError(response.status, ApiError.safeParse(await response.json().catch(() => undefined)).data);
}

/** Whether the requests being sent now are the page's own doing (inBackground). */
let background = false;

/**
 * Sends the requests `ask` makes (synchronously, as every api call starts its fetch) as the page's
 * own doing, not its user's (BACKGROUND_HEADER): a periodic check or refresh keeps no session alive.
 */
export function inBackground<T>(ask: () => T): T {
  background = true;
  try {
    return ask();
  } finally {
    background = false;
  }
}

/** A request to the server, reading what every response tells besides its body: its clock, and the build it serves. */
async function request(path: string, init?: RequestInit): Promise<Response> {
  const sentAt = Date.now();
  const response = await fetch(path, background ? { ...init, headers: { ...(init?.headers as Record<string, string>), [BACKGROUND_HEADER]: '1' } } : init);
  noteServerTime(response, sentAt);
  noteServedBuild(response);
  return response;
}

async function call<T extends z.ZodType>(schema: T, path: string, init?: RequestInit): Promise<z.infer<T>> {
  const headers: Record<string, string> = {};
  if (init?.body) headers['content-type'] = 'application/json';
  if (init?.method && init.method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const response = await request(path, { ...init, headers });
  if (!response.ok) throw await failure(response);
  return schema.parse(await response.json().catch(() => undefined));
}

/** Fetches a file the server makes (an export) and hands it to the browser to save, under the server's name for it. */
async function download(path: string): Promise<void> {
  const response = await request(path);
  if (!response.ok) throw await failure(response);
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name ? decodeURIComponent(name) : 'download';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

const remember = (info: SessionInfo) => {
  csrfToken = info.csrfToken;
  return info;
};

const NoContent = z.unknown();

/** Who holds this browser's session, and its CSRF token. */
const askSession = () => call(SessionInfo, '/api/session').then(remember);

/** A query's set fields as URL search parameters. */
const searchParams = (query: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));

const cases = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
const records = (caseId: string) => `${cases(caseId)}/records`;

export const api = {
  /** Reads what any response tells (the server's clock and build) from the cheapest one; never fails. */
  checkServer: () => request('/api/health').then(() => undefined, () => undefined),
  session: askSession,
  login: (body: LoginBody) => call(SessionInfo, '/api/session', { method: 'POST', body: JSON.stringify(body) }).then(remember),
  changePassword: (body: ChangePasswordBody) =>
    call(SessionInfo, '/api/session/password', { method: 'POST', body: JSON.stringify(body) }).then(remember),
  logout: () => call(NoContent, '/api/session', { method: 'DELETE' }).finally(() => (csrfToken = undefined)),
  /**
   * A browser still holding a live session (the guest's own, the link opened again from its message;
   * someone else's) must send that session's CSRF token, which a page just opened on the link has
   * not yet heard: it asks for it first, else the server refuses the link as from a stale page.
   */
  acceptInvitation: async (token: string) => {
    if (csrfToken === undefined) await askSession().catch(() => undefined);
    return call(SessionInfo, '/api/invitations/accept', { method: 'POST', body: JSON.stringify({ token }) }).then(remember);
  },
  listCases: () => call(CaseList, '/api/cases').then((list) => list.cases),
  caseActivity: () => call(CaseActivityList, '/api/case-activity').then((list) => list.cases),
  getCase: (caseId: string) => call(OpenedCase, cases(caseId)),
  createCase: (body: CreateCaseBody) => call(CaseSummary, '/api/cases', { method: 'POST', body: JSON.stringify(body) }),
  setCaseClosed: (caseId: string, closed: boolean) =>
    call(CaseSummary, cases(caseId), { method: 'PATCH', body: JSON.stringify({ closed } satisfies UpdateCaseBody) }),

  listAgencies: () => call(AgencyList, '/api/agencies').then((list) => list.agencies),
  createAgency: (body: AgencyBody) => call(AgencyAccount, '/api/agencies', { method: 'POST', body: JSON.stringify(body) }),
  updateAgency: (agencyId: string, body: UpdateAgencyBody) =>
    call(AgencyAccount, `/api/agencies/${encodeURIComponent(agencyId)}`, { method: 'PATCH', body: JSON.stringify(body) }),
  listUsers: () => call(AccountList, '/api/users'),
  signInLocks: () => call(SignInLockList, '/api/sign-in-locks').then((list) => list.locks),
  createUser: (body: CreateUserBody) => call(Account, '/api/users', { method: 'POST', body: JSON.stringify(body) }),
  updateUser: (userId: string, body: UpdateUserBody) =>
    call(Account, `/api/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body: JSON.stringify(body) }),

  listMembers: (caseId: string) => call(CaseMemberList, `${cases(caseId)}/members`).then((list) => list.members),
  grant: (caseId: string, body: GrantMembershipBody) =>
    call(CaseMemberList, `${cases(caseId)}/members`, { method: 'PUT', body: JSON.stringify(body) }).then((list) => list.members),
  revokeMember: (caseId: string, memberId: string) =>
    call(NoContent, `${cases(caseId)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
  listInvitations: (caseId: string) => call(InvitationList, `${cases(caseId)}/invitations`).then((list) => list.invitations),
  invite: (caseId: string, body: CreateInvitationBody) =>
    call(CreatedInvitation, `${cases(caseId)}/invitations`, { method: 'POST', body: JSON.stringify(body) }),
  revokeInvitation: (caseId: string, invitationId: string) =>
    call(NoContent, `${cases(caseId)}/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
  listTrailGuests: () => call(TrailGuestList, '/api/audit/guests').then((list) => list.guests),
  searchAudit: (query: AuditQuery) => call(AuditSearch, `/api/audit?${searchParams(query)}`),
  searchAccountAudit: (query: AccountAuditQuery) => call(AccountAuditSearch, `/api/account-audit?${searchParams(query)}`),
  exportAudit: (query: AuditQuery) => download(`/api/audit/export?${searchParams(query)}`),
  exportAccountAudit: (query: AccountAuditQuery) => download(`/api/account-audit/export?${searchParams(query)}`),
  audit: (caseId: string) => call(AuditList, `${cases(caseId)}/audit`),

  listRecords: (caseId: string) => call(ConferenceRecordList, records(caseId)),
  getRecord: (caseId: string, recordId: string) => call(ConferenceRecord, `${records(caseId)}/${encodeURIComponent(recordId)}`),
  saveVersion: (caseId: string, label: string) =>
    call(ConferenceRecordMeta, records(caseId), { method: 'POST', body: JSON.stringify({ label }) }),
  restore: (caseId: string, recordId: string) =>
    call(RestoreResult, `${records(caseId)}/${encodeURIComponent(recordId)}/restore`, { method: 'POST' }),
  diff: (caseId: string, from: string, to: string) =>
    call(RecordDiff, `${records(caseId)}/diff?${new URLSearchParams({ from, to })}`),
  openActionItems: () => call(OpenActionItemList, '/api/action-items').then((list) => list.items),
  exportOpenActionItems: () => download('/api/action-items/export'),
  openActionItemsPrinted: () => call(NoContent, '/api/action-items/printed', { method: 'POST' }),
  regionalIssues: () => call(RegionalIssueList, '/api/regional-issues').then((list) => list.issues),
  exportRegionalIssues: () => download('/api/regional-issues/export'),
  regionalIssuesPrinted: () => call(NoContent, '/api/regional-issues/printed', { method: 'POST' }),
  timeline: (query: TimelineQuery) => call(Timeline, `/api/records?${searchParams(query)}`),
  /** A link, not a fetch: the browser shows the HTML (to print or save as PDF) or downloads the Markdown. */
  minutesUrl: (caseId: string, recordId: string, format: 'html' | 'md') =>
    `${records(caseId)}/${encodeURIComponent(recordId)}/minutes?format=${format}`,
  /** 議事録一式: the minutes of every closed conference of the case (a link, as minutesUrl). */
  caseMinutesUrl: (caseId: string, format: 'html' | 'md') => `${cases(caseId)}/minutes?format=${format}`,
  /**
   * Why the server would not give a document the browser opened itself (BROWSER_DOCUMENTS), in its
   * words; undefined when it now would. Asked as JSON, so a refusal is not the app again.
   */
  documentRefusal: async (address: string): Promise<string | undefined> => {
    const response = await request(address, { headers: { accept: 'application/json' } });
    return response.ok ? undefined : (await failure(response)).message;
  },
};
