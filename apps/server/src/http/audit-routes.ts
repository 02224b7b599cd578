import type { FastifyInstance } from 'fastify';
import {
  ACCOUNT_AUDIT_ACTION_LABELS,
  AccountAuditQuery,
  type AccountAuditSearch,
  AUDIT_ACTION_LABELS,
  type AuditList,
  AuditQuery,
  type AuditSearch,
  describeAccountEntry,
  describeAddress,
  describeAuditSubject,
  invitationOfGuest,
  JAPAN_TIME_ZONE,
  type TrailGuestList,
} from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import type { Principal } from '../access/principal.ts';
import { accountSubject } from '../audit/account-audit.ts';
import type { InvitedTo } from '../audit/invitation-names.ts';
import type { ServerConfig } from '../config.ts';
import type { CaseStore } from '../storage/case-store.ts';
import { dayStamp, sendCsv } from './csv.ts';
import { TooManyError } from './errors.ts';
import { caseAccess, coordinator } from './guards.ts';

/** A search's entries if they are all the matches (at most `limit`); else 422, so no file silently leaves some out. */
function wholly<T extends { truncated: boolean }>(found: T, limit: number): T {
  if (found.truncated) throw new TooManyError(`該当が${limit}件を超えます。期間を短くするか、職員を選んで絞り込んでください`);
  return found;
}

/** Times as people in Japan read them ('2026-12-05 14:37:00'; the 'sv-SE' locale writes ISO order). */
const tokyo = new Intl.DateTimeFormat('sv-SE', { timeZone: JAPAN_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });
const inTokyo = (at: string) => tokyo.format(new Date(at));

/**
 * Coordinators read the audit trails: who opened, edited, exported what and when (one case's, or
 * across cases), and who changed which account or agency.
 */
export function registerAuditRoutes(
  app: FastifyInstance,
  { store, access, config }: { store: CaseStore; access: AccessServices; config: Pick<ServerConfig, 'AUDIT_EXPORT_LIMIT'> },
) {
  const limit = config.AUDIT_EXPORT_LIMIT;
  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId/audit', async (request): Promise<AuditList> => {
    coordinator(request);
    const { caseId } = await caseAccess(request, request.params.caseId, { store, access });
    return access.audit.list(caseId);
  });

  app.get('/api/audit', async (request): Promise<AuditSearch> => {
    coordinator(request);
    return access.audit.search(AuditQuery.parse(request.query));
  });

  app.get('/api/audit/guests', async (request): Promise<TrailGuestList> => {
    coordinator(request);
    return { guests: await access.invitations.guests() };
  });

  app.get('/api/account-audit', async (request): Promise<AccountAuditSearch> => {
    coordinator(request);
    return access.accountAudit.search(AccountAuditQuery.parse(request.query));
  });

  /**
   * A trail leaving the system as a file is itself recorded in the account trail: who took which
   * entries (the search, in words) and how many, from where. Searching on screen is not: every
   * change of a filter would make a row.
   */
  const recordExport = async (principal: Principal, address: string, trail: Trail, query: TrailSearch, count: number) => {
    const criteria = await describeSearch({ ...access, store, invitedTo: app.invitedTo }, query, trail.actionLabels);
    const name = `${trail.name} ${count}件（${criteria.length > 0 ? criteria.join('、') : 'すべて'}）`;
    await access.accountAudit.record({ actor: principal, action: 'export-trail', subject: { id: trail.name, name }, address });
  };

  // The same searches as files, for whoever reviews access (every match, or none and why).
  app.get('/api/audit/export', async (request, reply) => {
    const principal = coordinator(request);
    const query = AuditQuery.parse(request.query);
    const { entries } = wholly(await access.audit.search(query, limit), limit);
    await recordExport(principal, request.ip, CASE_TRAIL, query, entries.length);
    return sendCsv(
      reply,
      `監査記録_ケース_${dayStamp()}.csv`,
      ['日時（日本時間）', '職員ID', '職員', '所属', '操作', 'ケースID', 'ケース', '対象', '接続元'],
      entries.map((e) => [
        inTokyo(e.at),
        e.actorId,
        e.actorName,
        e.actorAgency,
        AUDIT_ACTION_LABELS[e.action],
        e.caseId,
        e.caseTitle,
        e.subject ? describeAuditSubject(e.subject) : '',
        describeAddress(e),
      ]),
    );
  });

  app.get('/api/account-audit/export', async (request, reply) => {
    const principal = coordinator(request);
    const query = AccountAuditQuery.parse(request.query);
    const { entries } = wholly(await access.accountAudit.search(query, limit), limit);
    await recordExport(principal, request.ip, ACCOUNT_TRAIL, query, entries.length);
    return sendCsv(
      reply,
      `監査記録_アカウント_${dayStamp()}.csv`,
      ['日時（日本時間）', '職員ID', '職員', '所属', '操作', '対象ID', '対象', '内容', '接続元'],
      entries.map((e) => [
        inTokyo(e.at),
        e.actorId,
        e.actorName,
        e.actorAgency,
        ACCOUNT_AUDIT_ACTION_LABELS[e.action],
        e.subjectId,
        e.subjectName,
        describeAccountEntry(e),
        describeAddress(e),
      ]),
    );
  });
}

/** A trail as an export's subject in the account trail (its name is the subject's id and the start of its name). */
type Trail = { name: string; actionLabels: Record<string, string> };
const CASE_TRAIL: Trail = { name: 'ケースの監査記録', actionLabels: AUDIT_ACTION_LABELS };
const ACCOUNT_TRAIL: Trail = { name: 'アカウントの監査記録', actionLabels: ACCOUNT_AUDIT_ACTION_LABELS };

type TrailSearch = AuditQuery | AccountAuditQuery;

/** A search's filters in words: a case, people and agencies by name (as the trail names them; a guest by its invitation), times in Japan. */
async function describeSearch(
  { accounts, invitations, store, invitedTo }: Pick<AccessServices, 'accounts' | 'invitations'> & { store: Pick<CaseStore, 'getCase'>; invitedTo: InvitedTo },
  query: TrailSearch,
  actionLabels: Record<string, string>,
): Promise<string[]> {
  const nameOf = async (id: string) => {
    const invitationId = invitationOfGuest(id);
    const [invitation] = invitationId ? await invitations.getMany([invitationId]) : [];
    if (invitation) return (await invitedTo(invitation)).name;
    const account = await accounts.getUser(id);
    return account ? accountSubject(account).name : ((await accounts.getAgency(id))?.name ?? id);
  };
  const parts: string[] = [];
  if ('caseId' in query && query.caseId) parts.push(`ケース: ${(await store.getCase(query.caseId))?.title ?? query.caseId}`);
  if (query.actorId) parts.push(`職員: ${await nameOf(query.actorId)}`);
  if ('subjectId' in query && query.subjectId) parts.push(`対象: ${await nameOf(query.subjectId)}`);
  if (query.action) parts.push(`操作: ${actionLabels[query.action]}`);
  if (query.from) parts.push(`${inTokyo(query.from)}から`);
  if (query.before) parts.push(`${inTokyo(query.before)}より前`);
  return parts;
}
