import { z } from 'zod';
import { AccessLevel } from './accounts.ts';

/**
 * The y-websocket message type of the server's statement of a case connection's standing (0–3
 * are y-websocket's own). The server sends it as the connection's first frame, before the sync:
 * a page that connects again (after being offline, or asked again with 4010) knows whether it may
 * edit before anything it types could reach the server, instead of having it refused.
 */
export const STANDING_MESSAGE = 100;

/** What this connection may do in the case: `read` refuses every write (its own attendance entry aside). */
export const ConnectionStanding = z.object({ access: AccessLevel });
export type ConnectionStanding = z.infer<typeof ConnectionStanding>;
