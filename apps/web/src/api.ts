import { ApiError, CaseList, CaseSummary, type CreateCaseBody } from '@care/schema';
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

export const api = {
  listCases: () => call(CaseList, '/api/cases').then((list) => list.cases),
  getCase: (caseId: string) => call(CaseSummary, `/api/cases/${encodeURIComponent(caseId)}`),
  createCase: (body: CreateCaseBody) => call(CaseSummary, '/api/cases', { method: 'POST', body: JSON.stringify(body) }),
};
