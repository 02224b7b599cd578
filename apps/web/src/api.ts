import {
  ApiError,
  CaseList,
  CaseSummary,
  ConferenceRecord,
  ConferenceRecordList,
  ConferenceRecordMeta,
  type CreateCaseBody,
  RecordDiff,
  RestoreResult,
  Timeline,
  type TimelineQuery,
} from '@care/schema';
import { loadIdentity } from './identity/identity.ts';
import type { z } from 'zod';

/** A failed API call, carrying the server's human-readable message. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('\n') || body?.message || `HTTP ${status}`);
  }
}

async function call<T extends z.ZodType>(schema: T, path: string, init?: RequestInit): Promise<z.infer<T>> {
  const response = await fetch(path, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiCallError(response.status, ApiError.safeParse(json).data);
  return schema.parse(json);
}

/** Who is asking, for calls the server attributes to someone (self-declared until accounts exist). */
function asMe(): string {
  const me = loadIdentity();
  return me ? new URLSearchParams({ userId: me.userId, name: me.name, agency: me.agency }).toString() : '';
}

const records = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/records`;

export const api = {
  listCases: () => call(CaseList, '/api/cases').then((list) => list.cases),
  getCase: (caseId: string) => call(CaseSummary, `/api/cases/${encodeURIComponent(caseId)}`),
  createCase: (body: CreateCaseBody) => call(CaseSummary, '/api/cases', { method: 'POST', body: JSON.stringify(body) }),

  listRecords: (caseId: string) => call(ConferenceRecordList, records(caseId)).then((list) => list.records),
  getRecord: (caseId: string, recordId: string) => call(ConferenceRecord, `${records(caseId)}/${encodeURIComponent(recordId)}`),
  saveVersion: (caseId: string, label: string) =>
    call(ConferenceRecordMeta, `${records(caseId)}?${asMe()}`, { method: 'POST', body: JSON.stringify({ label }) }),
  restore: (caseId: string, recordId: string) =>
    call(RestoreResult, `${records(caseId)}/${encodeURIComponent(recordId)}/restore?${asMe()}`, { method: 'POST' }),
  diff: (caseId: string, from: string, to: string) =>
    call(RecordDiff, `${records(caseId)}/diff?${new URLSearchParams({ from, to })}`),
  timeline: (query: TimelineQuery) =>
    call(Timeline, `/api/records?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][])}`).then((t) => t.entries),
  /** A link, not a fetch: the browser shows the HTML (to print or save as PDF) or downloads the Markdown. */
  minutesUrl: (caseId: string, recordId: string, format: 'html' | 'md') =>
    `${records(caseId)}/${encodeURIComponent(recordId)}/minutes?format=${format}&${asMe()}`,
};
