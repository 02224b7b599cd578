import { ConferenceRecord, ConferenceRecordMeta } from '@care/schema';
import { expect } from 'vitest';
import type { z } from 'zod';
import { adminOf, editorOf, type RunningServer, type TestSession } from './harness.ts';

/** Who a record was taken by, as the record API reports it. */
export const takenBy = ({ userId, name, agency }: TestSession) => ({ userId, name, agency });

/** Calls the record API as `as` (default: the server's administrator, who may read every case). */
export async function call<T extends z.ZodType>(
  server: RunningServer,
  schema: T,
  path: string,
  init: { method?: string; body?: unknown; as?: TestSession; status?: number } = {},
): Promise<z.infer<T>> {
  const who = init.as ?? (await adminOf(server));
  const response = await who.request(init.method ?? 'GET', path, init.body);
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(init.status ?? (init.method === 'POST' && !path.endsWith('/restore') ? 201 : 200));
  return schema.parse(json);
}

/** Saves a version as the case's editor (a member with edit access). */
export const saveVersion = async (server: RunningServer, caseId: string, label: string) =>
  call(server, ConferenceRecordMeta, `/api/cases/${caseId}/records`, { method: 'POST', body: { label }, as: await editorOf(server, caseId) });
export const getRecord = (server: RunningServer, caseId: string, id: string) => call(server, ConferenceRecord, `/api/cases/${caseId}/records/${id}`);
