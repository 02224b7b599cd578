import type { FastifyInstance } from 'fastify';
import { AccessCloseCode, type Account, type AccountList, type AgencyAccount, type AgencyList, AgencyBody, CreateUserBody, EntityId, UpdateUserBody } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import { ConflictError } from '../accounts/account-store.ts';
import { type AccountAudit, type AccountAuditRecord, accountChanges, accountSubject, agencySubject, creationChanges } from '../audit/account-audit.ts';
import type { ServerConfig } from '../config.ts';
import { NotFoundError } from './errors.ts';
import { admin, coordinator } from './guards.ts';

/** Agencies and accounts: administrators manage them; coordinators may list them to grant membership. */
export function registerAccountRoutes(
  app: FastifyInstance,
  { access, config }: { access: AccessServices; config: Pick<ServerConfig, 'TEMPORARY_PASSWORD_DAYS'> },
) {
  app.get('/api/agencies', async (request): Promise<AgencyList> => {
    coordinator(request);
    return { agencies: await access.accounts.listAgencies() };
  });

  app.post('/api/agencies', async (request, reply): Promise<AgencyAccount> => {
    const actor = admin(request);
    const agency = await access.accounts.createAgency(AgencyBody.parse(request.body).name);
    await access.accountAudit.record({ actor, action: 'create-agency', subject: agencySubject(agency), address: request.ip });
    reply.code(201);
    return agency;
  });

  app.patch<{ Params: { agencyId: string } }>('/api/agencies/:agencyId', async (request): Promise<AgencyAccount> => {
    const actor = admin(request);
    const before = await access.accounts.getAgency(EntityId.parse(request.params.agencyId));
    if (!before) throw new NotFoundError('No such agency');
    const renamed = (await access.accounts.renameAgency(before.id, AgencyBody.parse(request.body).name))!;
    if (renamed.name !== before.name) {
      const changes = [{ field: 'name' as const, from: before.name, to: renamed.name }];
      await access.accountAudit.record({ actor, action: 'rename-agency', subject: agencySubject(renamed), changes, address: request.ip });
    }
    // Its staff's open connections come back under the new name (presence, the audit trail).
    await access.revocations.agencyChanged(renamed.id);
    return renamed;
  });

  app.get('/api/users', async (request): Promise<AccountList> => {
    coordinator(request);
    return { users: await access.accounts.listUsers(), temporaryPasswordDays: config.TEMPORARY_PASSWORD_DAYS };
  });

  app.post('/api/users', async (request, reply): Promise<Account> => {
    const actor = admin(request);
    // The administrator knows the password they chose: its holder replaces it at first sign-in.
    const user = await access.accounts.createUser({ ...CreateUserBody.parse(request.body), temporaryPassword: true });
    await access.accountAudit.record({ actor, action: 'create-account', subject: accountSubject(user), changes: creationChanges(user), address: request.ip });
    reply.code(201);
    return user;
  });

  app.patch<{ Params: { userId: string } }>('/api/users/:userId', async (request): Promise<Account> => {
    const caller = admin(request);
    const userId = EntityId.parse(request.params.userId);
    const body = UpdateUserBody.parse(request.body);
    const before = await access.accounts.getUser(userId);
    if (!before) throw new NotFoundError('No such user');
    // Another administrator may; this way there is always one left who can undo it.
    if (body.disabled && userId === caller.userId) throw new ConflictError('Administrators cannot disable their own account');
    if (body.role && body.role !== 'admin' && userId === caller.userId) throw new ConflictError('Administrators cannot give up their own role');
    const { name, agencyId, role } = body;
    if (name !== undefined || agencyId !== undefined || role !== undefined) {
      await access.accounts.setProfile(userId, { name, agencyId, role });
      await access.revocations.accountChanged(userId);
    }
    if (body.password !== undefined) await access.accounts.setPassword(userId, body.password, { temporary: true });
    if (body.disabled !== undefined) await access.accounts.setDisabled(userId, body.disabled);
    if (body.disabled || body.password !== undefined) {
      // A disabled account, or one whose password was reset, is signed out everywhere at once.
      await access.endSessions({ userId }, AccessCloseCode.sessionEnded, 'account signed out by an administrator');
    }
    const after = (await access.accounts.getUser(userId))!;
    await recordAccountChange(access.accountAudit, { actor: caller, address: request.ip }, before, after, { passwordReset: body.password !== undefined });
    return after;
  });
}

/** The trail's entries for one PATCH of an account: what changed, a password reset, (re-)enabling. */
async function recordAccountChange(
  trail: AccountAudit,
  by: Pick<AccountAuditRecord, 'actor' | 'address'>,
  before: Account,
  after: Account,
  { passwordReset }: { passwordReset: boolean },
) {
  const subject = accountSubject(after);
  const changes = accountChanges(before, after);
  if (changes.length > 0) await trail.record({ ...by, action: 'change-account', subject, changes });
  if (passwordReset) await trail.record({ ...by, action: 'reset-password', subject });
  if (before.disabled !== after.disabled) await trail.record({ ...by, action: after.disabled ? 'disable-account' : 'enable-account', subject });
}
