import type { FastifyRequest } from 'fastify';
import { PresenceUser } from '@care/schema';

/** Who is on the other end of a request or websocket, as established by authentication. */
export type Principal = {
  /** Stable id of the person (an account id, or a guest id for an invited external participant). */
  userId: string;
  name: string;
  agency: string;
  /** Coordinators run conferences for their agency: they may change any conference's roles and status. */
  isCoordinator?: boolean;
};

/** Establishes the principal of a request; undefined means "not authenticated" (401). */
export type Authenticate = (request: FastifyRequest) => Promise<Principal | undefined>;

const SelfDeclared = PresenceUser.pick({ userId: true, name: true, agency: true });

/**
 * Until accounts exist, a browser declares who it is in the websocket URL's query
 * (`?userId=…&name=…&agency=…`). Trusting that is only acceptable on a closed network.
 */
export const selfDeclared: Authenticate = async (request) => SelfDeclared.safeParse(request.query).data;
