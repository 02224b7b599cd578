import { ConferenceRecord, ConferenceRecordMeta } from '@care/schema';
import { expect } from 'vitest';
import type { z } from 'zod';
import { type RunningServer, testUser } from './harness.ts';

export const coordinator = testUser('田中', '地域包括支援センター');

/** Calls the record API as `who` (self-declared identity in the query, until accounts exist). */
export async function call<T extends z.ZodType>(
  server: RunningServer,
  schema: T,
  path: string,
  init: { method?: string; body?: unknown; as?: Record<string, string>; status?: number } = {},
): Promise<z.infer<T>> {
  const query = init.as ? `${path.includes('?') ? '&' : '?'}${new URLSearchParams(init.as)}` : '';
  const response = await fetch(`${server.httpUrl}${path}${query}`, {
    method: init.method ?? 'GET',
    headers: init.body ? { 'content-type': 'application/json' } : undefined,
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(init.status ?? (init.method === 'POST' && !path.endsWith('/restore') ? 201 : 200));
  return schema.parse(json);
}

export const saveVersion = (server: RunningServer, caseId: string, label: string) =>
  call(server, ConferenceRecordMeta, `/api/cases/${caseId}/records`, { method: 'POST', body: { label }, as: coordinator });
export const getRecord = (server: RunningServer, caseId: string, id: string) => call(server, ConferenceRecord, `/api/cases/${caseId}/records/${id}`);
