import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  BROWSER_DOCUMENTS,
  type ConferenceRecord,
  type ConferenceRecordList,
  type ConferenceRecordMeta,
  CreateManualRecordBody,
  DiffQuery,
  type MinutesFormat,
  MinutesQuery,
  type RecordDiff,
  RecordId,
  type RecordsSubject,
  type RestoreResult,
  type Timeline,
  TimelineQuery,
} from '@care/schema';
import { type AuditLog, recordEachCaseShown } from '../audit/audit-log.ts';
import { account } from './guards.ts';
import { type Minutes, minutesHtml, minutesMarkdown } from '../records/minutes.ts';
import type { RecordAccess } from '../records/record-access.ts';
import type { RecordsService } from '../records/records-service.ts';

type Deps = {
  service: RecordsService;
  access: RecordAccess;
  /**
   * Where reading a record's content (or a diff) and exporting minutes are recorded, before
   * anything leaves the server: a failure to record stops the answer (no unaudited reads).
   */
  audit: Pick<AuditLog, 'record'>;
  /** The most records the timeline lists at once (TIMELINE_LIMIT). */
  limit: number;
};
type CaseParams = { Params: { caseId: string } };
type RecordParams = { Params: { caseId: string; recordId: string } };

/** Conference records: list, read, compare, save a version of the live doc, restore one, and the timeline across cases. */
export function registerRecordRoutes(app: FastifyInstance, { service, access, audit, limit }: Deps) {
  app.get('/api/records', async (request): Promise<Timeline> => {
    const search = TimelineQuery.parse(request.query);
    const { keyword, ...filters } = search;
    const entries = await service.timeline(filters, await access.visibleCases(request));
    // Searched before they are cut to the limit: a record older than the newest `limit` is found too.
    const found = keyword ? await service.search(entries, keyword, limit + 1) : entries;
    const listed = found.slice(0, limit);
    if (keyword) {
      // A line of a record is its content: each case with one shown is in its audit trail first,
      // with the search and the records whose line it showed.
      await recordEachCaseShown(audit, {
        actor: account(request),
        address: request.ip,
        action: 'search-records',
        shown: listed.filter((entry) => 'excerpt' in entry && entry.excerpt !== undefined),
        subject: (records) => ({ kind: 'search', search, records: recordsRead('record', records).records }),
      });
    }
    return { entries: listed, olderLeftOut: found.length > limit };
  });

  app.get<CaseParams>('/api/cases/:caseId/records', async (request): Promise<ConferenceRecordList> => {
    const { caseId } = await access.read(request, request.params.caseId);
    return service.list(caseId);
  });

  app.post<CaseParams>('/api/cases/:caseId/records', async (request, reply): Promise<ConferenceRecordMeta> => {
    const { caseId, principal } = await access.write(request, request.params.caseId);
    const { label } = CreateManualRecordBody.parse(request.body);
    const saved = await service.saveVersion(caseId, label, principal, { address: request.ip, actions: ['save-version'] });
    reply.code(201);
    return saved;
  });

  app.get<CaseParams>('/api/cases/:caseId/records/diff', async (request): Promise<RecordDiff> => {
    const { caseId, principal } = await access.read(request, request.params.caseId);
    const { from, to } = DiffQuery.parse(request.query);
    const diff = await service.diff(caseId, from, to);
    await audit.record({ actor: principal, address: request.ip, caseId, action: 'view-record', subject: recordsRead('records-compared', [diff.from, diff.to]) });
    return diff;
  });

  app.get<RecordParams>('/api/cases/:caseId/records/:recordId', async (request): Promise<ConferenceRecord> => {
    const { caseId, principal } = await access.read(request, request.params.caseId);
    const record = await service.get(caseId, RecordId.parse(request.params.recordId));
    await audit.record({ actor: principal, address: request.ip, caseId, action: 'view-record', subject: recordsRead('record', [record]) });
    return record;
  });

  app.post<RecordParams>('/api/cases/:caseId/records/:recordId/restore', async (request): Promise<RestoreResult> => {
    const { caseId, principal } = await access.write(request, request.params.caseId);
    // In the trail with the version kept before it (RecordsService.restore).
    return service.restore(caseId, RecordId.parse(request.params.recordId), principal, request.ip);
  });

  /** 議事録: printable HTML (print it to PDF from the browser) or Markdown to download. Audited. */
  app.get<RecordParams>(BROWSER_DOCUMENTS.recordMinutes, async (request, reply) => {
    const { caseId, principal } = await access.export(request, request.params.caseId);
    const recordId = RecordId.parse(request.params.recordId);
    const { format } = MinutesQuery.parse(request.query);
    const { record, minutes } = await service.minutes(caseId, recordId);
    await audit.record({ actor: principal, address: request.ip, caseId, action: 'export', subject: recordsRead('minutes', [record], format) });
    return sendMinutes(reply, format, `議事録：${minutes.会議名}`, [minutes]);
  });

  /** 議事録一式: the minutes of every closed conference of the case, oldest first. Audited. */
  app.get<CaseParams>(BROWSER_DOCUMENTS.caseMinutes, async (request, reply) => {
    const { caseId, principal } = await access.export(request, request.params.caseId);
    const { format } = MinutesQuery.parse(request.query);
    const { caseTitle, records, minutes } = await service.allMinutes(caseId);
    await audit.record({ actor: principal, address: request.ip, caseId, action: 'export', subject: recordsRead('all-minutes', records, format) });
    return sendMinutes(reply, format, `議事録一式：${caseTitle}`, minutes);
  });
}

/** What a read or an export of records was of, for the trail: each record by id and by its label now. */
function recordsRead(kind: RecordsSubject['kind'], records: readonly ConferenceRecordMeta[], format?: MinutesFormat): RecordsSubject {
  return { kind, records: records.map(({ id, label }) => ({ id, label })), ...(format && { format }) };
}

/** Printable HTML to open in the browser (print it to PDF), or Markdown to download. */
function sendMinutes(reply: FastifyReply, format: MinutesFormat, title: string, minutes: readonly Minutes[]): string {
  const filename = encodeURIComponent(`${title.replace('：', '_')}.${format}`);
  if (format === 'md') {
    reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${filename}`);
    return minutes.map(minutesMarkdown).join('\n');
  }
  reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename*=UTF-8''${filename}`);
  return minutesHtml(title, minutes);
}
