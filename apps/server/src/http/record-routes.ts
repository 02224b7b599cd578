import type { FastifyInstance } from 'fastify';
import {
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
import type { Principal } from '../access/principal.ts';
import { minutesHtml, minutesMarkdown } from '../records/minutes.ts';
import type { RecordAccess } from '../records/record-access.ts';
import type { RecordsService } from '../records/records-service.ts';
import type { RecordStore } from '../records/record-store.ts';

/** An export of a record's minutes, for the audit trail. */
export type MinutesExport = { actor: Principal; caseId: string; recordId: string; format: 'html' | 'md' };

type Deps = {
  records: RecordStore;
  service: RecordsService;
  access: RecordAccess;
  /** Called before minutes leave the server; a failure stops the export (no unaudited copies). */
  auditExport: (entry: MinutesExport) => Promise<void>;
};
type CaseParams = { Params: { caseId: string } };
type RecordParams = { Params: { caseId: string; recordId: string } };

/** Conference records: list, read, compare, save a version of the live doc, restore one, and the timeline across cases. */
export function registerRecordRoutes(app: FastifyInstance, { records, service, access, auditExport }: Deps) {
  app.get('/api/records', async (request): Promise<Timeline> => {
    const query = TimelineQuery.parse(request.query);
    const visible = await access.visibleCases(request);
    const entries = await records.timeline(query);
    return { entries: visible === 'all' ? entries : entries.filter((entry) => visible.has(entry.caseId)) };
  });

  app.get<CaseParams>('/api/cases/:caseId/records', async (request): Promise<ConferenceRecordList> => {
    const { caseId } = await access.read(request, request.params.caseId);
    return { records: await service.list(caseId) };
  });

  app.post<CaseParams>('/api/cases/:caseId/records', async (request, reply): Promise<ConferenceRecordMeta> => {
    const { caseId, principal } = await access.write(request, request.params.caseId);
    const { label } = CreateManualRecordBody.parse(request.body);
    const saved = await service.saveVersion(caseId, label, principal);
    reply.code(201);
    return saved;
  });

  app.get<CaseParams>('/api/cases/:caseId/records/diff', async (request): Promise<RecordDiff> => {
    const { caseId } = await access.read(request, request.params.caseId);
    const { from, to } = DiffQuery.parse(request.query);
    return service.diff(caseId, from, to);
  });

  app.get<RecordParams>('/api/cases/:caseId/records/:recordId', async (request): Promise<ConferenceRecord> => {
    const { caseId } = await access.read(request, request.params.caseId);
    return service.get(caseId, RecordId.parse(request.params.recordId));
  });

  app.post<RecordParams>('/api/cases/:caseId/records/:recordId/restore', async (request): Promise<RestoreResult> => {
    const { caseId, principal } = await access.write(request, request.params.caseId);
    return service.restore(caseId, RecordId.parse(request.params.recordId), principal);
  });

  /** 議事録: printable HTML (print it to PDF from the browser) or Markdown to download. Audited. */
  app.get<RecordParams>('/api/cases/:caseId/records/:recordId/minutes', async (request, reply) => {
    const { caseId, principal } = await access.export(request, request.params.caseId);
    const recordId = RecordId.parse(request.params.recordId);
    const { format } = MinutesQuery.parse(request.query);
    const minutes = await service.minutes(caseId, recordId);
    await auditExport({ actor: principal, caseId, recordId, format });
    const filename = encodeURIComponent(`議事録_${minutes.会議名}.${format}`);
    if (format === 'md') {
      reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${filename}`);
      return minutesMarkdown(minutes);
    }
    reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename*=UTF-8''${filename}`);
    return minutesHtml(minutes);
  });
}
