import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CaseId,
  type ConferenceRecord,
  type ConferenceRecordList,
  type ConferenceRecordMeta,
  CreateManualRecordBody,
  DiffQuery,
  MinutesQuery,
  type RecordDiff,
  RecordId,
  type RestoreResult,
  type Timeline,
  TimelineQuery,
} from '@care/schema';
import type { Authenticate, Principal } from '../access/principal.ts';
import { minutesHtml, minutesMarkdown } from '../records/minutes.ts';
import type { RecordsService } from '../records/records-service.ts';
import type { RecordStore } from '../records/record-store.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { NotFoundError, UnauthorizedError } from './errors.ts';

/** An export of a record's minutes, for the audit trail. */
export type MinutesExport = { actor: Principal; caseId: string; recordId: string; format: 'html' | 'md' };

type Deps = {
  store: CaseStore;
  records: RecordStore;
  service: RecordsService;
  authenticate: Authenticate;
  /** Called before minutes leave the server; a failure stops the export (no unaudited copies). */
  auditExport: (entry: MinutesExport) => Promise<void>;
};
type CaseParams = { Params: { caseId: string } };
type RecordParams = { Params: { caseId: string; recordId: string } };

/** Conference records: list, read, compare, save a version of the live doc, restore one, and the timeline across cases. */
export function registerRecordRoutes(app: FastifyInstance, deps: Deps) {
  const { service } = deps;
  const existingCase = async (request: FastifyRequest<{ Params: { caseId: string } }>) => {
    const caseId = CaseId.parse(request.params.caseId);
    if (!(await deps.store.getCase(caseId))) throw new NotFoundError('No such case');
    return caseId;
  };
  const caller = async (request: FastifyRequest): Promise<Principal> => {
    const principal = await deps.authenticate(request);
    if (!principal) throw new UnauthorizedError('Sign in first');
    return principal;
  };

  app.get('/api/records', async (request): Promise<Timeline> => ({ entries: await deps.records.timeline(TimelineQuery.parse(request.query)) }));

  app.get<CaseParams>('/api/cases/:caseId/records', async (request): Promise<ConferenceRecordList> => ({
    records: await service.list(await existingCase(request)),
  }));

  app.post<CaseParams>('/api/cases/:caseId/records', async (request, reply): Promise<ConferenceRecordMeta> => {
    const caseId = await existingCase(request);
    const { label } = CreateManualRecordBody.parse(request.body);
    const saved = await service.saveVersion(caseId, label, await caller(request));
    reply.code(201);
    return saved;
  });

  app.get<CaseParams>('/api/cases/:caseId/records/diff', async (request): Promise<RecordDiff> => {
    const { from, to } = DiffQuery.parse(request.query);
    return service.diff(await existingCase(request), from, to);
  });

  app.get<RecordParams>('/api/cases/:caseId/records/:recordId', async (request): Promise<ConferenceRecord> =>
    service.get(await existingCase(request), RecordId.parse(request.params.recordId)),
  );

  app.post<RecordParams>('/api/cases/:caseId/records/:recordId/restore', async (request): Promise<RestoreResult> => {
    const caseId = await existingCase(request);
    return service.restore(caseId, RecordId.parse(request.params.recordId), await caller(request));
  });

  /** 議事録: printable HTML (print it to PDF from the browser) or Markdown to download. Audited. */
  app.get<RecordParams>('/api/cases/:caseId/records/:recordId/minutes', async (request, reply) => {
    const caseId = await existingCase(request);
    const recordId = RecordId.parse(request.params.recordId);
    const { format } = MinutesQuery.parse(request.query);
    const actor = await caller(request);
    const minutes = await service.minutes(caseId, recordId);
    await deps.auditExport({ actor, caseId, recordId, format });
    const filename = encodeURIComponent(`議事録_${minutes.会議名}.${format}`);
    if (format === 'md') {
      reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${filename}`);
      return minutesMarkdown(minutes);
    }
    reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename*=UTF-8''${filename}`);
    return minutesHtml(minutes);
  });
}
