import type { FastifyInstance } from 'fastify';
import {
  AccessCloseCode,
  AccessEndReason,
  type Account,
  type AccountList,
  type AgencyAccount,
  type AgencyList,
  AgencyBody,
  type SignInLockList,
  CreateUserBody,
  EntityId,
  UpdateAgencyBody,
  UpdateUserBody,
} from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import { ConflictError } from '../accounts/account-store.ts';
import { hashPassword } from '../accounts/password.ts';
import { type AccountAudit, type AccountAuditRecord, accountChanges, accountSubject, agencySubject, creationChanges } from '../audit/account-audit.ts';
import type { ServerConfig } from '../config.ts';
import { NotFoundError } from './errors.ts';
import type { FailedSignIns } from './failed-sign-ins.ts';
import { admin, coordinator } from './guards.ts';

/** Agencies and accounts: administrators manage them; coordinators may list them to grant membership. */
export function registerAccountRoutes(
  app: FastifyInstance,
  { access, config, failedSignIns }: { access: AccessServices; config: Pick<ServerConfig, 'TEMPORARY_PASSWORD_DAYS'>; failedSignIns: Pick<FailedSignIns, 'forgiveLogin' | 'lockedUntil'> },
) {
  app.get('/api/agencies', async (request): Promise<AgencyList> => {
    coordinator(request);
    return { agencies: await access.accounts.listAgencies() };
  });

  app.post('/api/agencies', async (request, reply): Promise<AgencyAccount> => {
    const actor = admin(request);
    const { name, kind } = AgencyBody.parse(request.body);
    const agency = await access.change(async (tx) => {
      const created = await tx.accounts.createAgency(name, kind);
      const changes = [{ field: 'kind' as const, from: '', to: kind }];
      await tx.accountAudit.record({ actor, action: 'create-agency', subject: agencySubject(created), changes, address: request.ip });
      return created;
    });
    reply.code(201);
    return agency;
  });

  app.patch<{ Params: { agencyId: string } }>('/api/agencies/:agencyId', async (request): Promise<AgencyAccount> => {
    const actor = admin(request);
    const agencyId = EntityId.parse(request.params.agencyId);
    const { name, kind, disabled } = UpdateAgencyBody.parse(request.body);
    if (disabled && actor.agencyId === agencyId) throw new ConflictError('自分の所属機関は無効にできません');
    return access.change(async (tx) => {
      const before = await tx.accounts.getAgency(agencyId);
      if (!before) throw new NotFoundError('その機関はありません');
      const by = { actor, address: request.ip };
      if (name !== undefined && name !== before.name) {
        const renamed = (await tx.accounts.renameAgency(agencyId, name))!;
        const changes = [{ field: 'name' as const, from: before.name, to: renamed.name }];
        await tx.accountAudit.record({ ...by, action: 'rename-agency', subject: agencySubject(renamed), changes });
        // Its staff's open connections come back under the new name (presence, the audit trail).
        tx.afterwards((revocations) => revocations.agencyChanged(agencyId));
      }
      if (kind !== undefined && kind !== before.kind) {
        const changed = (await tx.accounts.setAgencyKind(agencyId, kind))!;
        const changes = [{ field: 'kind' as const, from: before.kind, to: kind }];
        await tx.accountAudit.record({ ...by, action: 'change-agency-kind', subject: agencySubject(changed), changes });
        // Its staff's open connections come back of the new kind (presence: joining a conference files them under it).
        tx.afterwards((revocations) => revocations.agencyChanged(agencyId));
      }
      if (disabled !== undefined && disabled !== before.disabled) {
        await tx.accounts.setAgencyDisabled(agencyId, disabled);
        await tx.accountAudit.record({ ...by, action: disabled ? 'disable-agency' : 'enable-agency', subject: agencySubject({ id: agencyId, name: name ?? before.name }) });
        if (disabled) {
          // Its staff are signed out everywhere at once; each sign-in's end is in its holder's trail.
          const ended = await tx.endSessions({ agencyId }, AccessCloseCode.sessionEnded, AccessEndReason.accountDisabled);
          const holders = await tx.accounts.getUsers(ended); // (one query however many)
          for (const userId of ended) {
            await tx.accountAudit.record({ ...by, action: 'signed-out-with-agency', subject: accountSubject(holders.get(userId)!) });
          }
        }
      }
      return (await tx.accounts.getAgency(agencyId))!;
    });
  });

  app.get('/api/users', async (request): Promise<AccountList> => {
    coordinator(request);
    return { users: await access.accounts.listUsers(), temporaryPasswordDays: config.TEMPORARY_PASSWORD_DAYS };
  });

  // Administrators only: who is being guessed at is no coordinator's business (they read /api/users).
  app.get('/api/sign-in-locks', async (request): Promise<SignInLockList> => {
    admin(request);
    const users = await access.accounts.listUsers();
    const until = await Promise.all(users.map((user) => failedSignIns.lockedUntil(user.login)));
    return { locks: users.flatMap((user, i) => (until[i] ? [{ userId: user.id, until: until[i].toISOString() }] : [])) };
  });

  app.post('/api/users', async (request, reply): Promise<Account> => {
    const actor = admin(request);
    const { password, ...body } = CreateUserBody.parse(request.body);
    // The administrator knows the password they chose: its holder replaces it at first sign-in.
    const account = { ...body, passwordHash: await hashPassword(password), temporaryPassword: true };
    const user = await access.change(async (tx) => {
      const created = await tx.accounts.createUser(account);
      await tx.accountAudit.record({ actor, action: 'create-account', subject: accountSubject(created), changes: creationChanges(created), address: request.ip });
      return created;
    });
    reply.code(201);
    return user;
  });

  app.patch<{ Params: { userId: string } }>('/api/users/:userId', async (request): Promise<Account> => {
    const caller = admin(request);
    const userId = EntityId.parse(request.params.userId);
    const body = UpdateUserBody.parse(request.body);
    // Another administrator may; this way there is always one left who can undo it.
    if (body.disabled && userId === caller.userId) throw new ConflictError('自分のアカウントは無効にできません');
    if (body.role && body.role !== 'admin' && userId === caller.userId) throw new ConflictError('自分の管理者権限は外せません');
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
    const changed = await access.change(async (tx) => {
      const before = await tx.accounts.getUser(userId);
      if (!before) throw new NotFoundError('そのアカウントはありません');
      const { name, agencyId, role } = body;
      if (name !== undefined || agencyId !== undefined || role !== undefined) {
        await tx.accounts.setProfile(userId, { name, agencyId, role });
        tx.afterwards((revocations) => revocations.accountChanged(userId));
      }
      if (passwordHash) await tx.accounts.setPassword(userId, passwordHash, { temporary: true });
      if (body.disabled !== undefined) await tx.accounts.setDisabled(userId, body.disabled);
      if (body.disabled || passwordHash) {
        // A disabled account, or one whose password was reset, is signed out everywhere at once.
        const reason = body.disabled ? AccessEndReason.accountDisabled : 'account signed out by an administrator';
        await tx.endSessions({ userId }, AccessCloseCode.sessionEnded, reason);
      }
      const after = (await tx.accounts.getUser(userId))!;
      await recordAccountChange(tx.accountAudit, { actor: caller, address: request.ip }, before, after, { passwordReset: passwordHash !== undefined });
      return after;
    });
    // Its holder is handed the new password to sign in with now, not in up to a window's time (README: failed sign-ins).
    if (passwordHash) await failedSignIns.forgiveLogin(changed.login);
    return changed;
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
