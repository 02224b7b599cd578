import type { FastifyInstance } from 'fastify';
import { AccessCloseCode, type Account, type AccountList, type AgencyAccount, type AgencyList, AgencyBody, CreateUserBody, EntityId, UpdateUserBody } from '@care/schema';
import type { AccessServices } from '../access/access-services.ts';
import { ConflictError } from '../accounts/account-store.ts';
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
    admin(request);
    const agency = await access.accounts.createAgency(AgencyBody.parse(request.body).name);
    reply.code(201);
    return agency;
  });

  app.patch<{ Params: { agencyId: string } }>('/api/agencies/:agencyId', async (request): Promise<AgencyAccount> => {
    admin(request);
    const renamed = await access.accounts.renameAgency(EntityId.parse(request.params.agencyId), AgencyBody.parse(request.body).name);
    if (!renamed) throw new NotFoundError('No such agency');
    // Its staff's open connections come back under the new name (presence, the audit trail).
    await access.revocations.agencyChanged(renamed.id);
    return renamed;
  });

  app.get('/api/users', async (request): Promise<AccountList> => {
    coordinator(request);
    return { users: await access.accounts.listUsers(), temporaryPasswordDays: config.TEMPORARY_PASSWORD_DAYS };
  });

  app.post('/api/users', async (request, reply): Promise<Account> => {
    admin(request);
    // The administrator knows the password they chose: its holder replaces it at first sign-in.
    const user = await access.accounts.createUser({ ...CreateUserBody.parse(request.body), temporaryPassword: true });
    reply.code(201);
    return user;
  });

  app.patch<{ Params: { userId: string } }>('/api/users/:userId', async (request): Promise<Account> => {
    const caller = admin(request);
    const userId = EntityId.parse(request.params.userId);
    const body = UpdateUserBody.parse(request.body);
    if (!(await access.accounts.getUser(userId))) throw new NotFoundError('No such user');
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
    return (await access.accounts.getUser(userId))!;
  });
}
