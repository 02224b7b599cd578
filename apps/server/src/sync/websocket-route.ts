import type { Duplex } from 'node:stream';
import { AccessCloseCode, CloseCode } from '@care/schema';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { AccessServices } from '../access/access-services.ts';
import type { Principal } from '../access/principal.ts';
import type { ConnectionAudit } from '../audit/connection-audit.ts';
import { caseAccess } from '../http/guards.ts';
import type { CaseStore } from '../storage/case-store.ts';
import type { CaseRoom, Peer } from './case-room.ts';
import type { ConnectionsPerPerson } from './connections-per-person.ts';
import { FrameBacklog } from './frame-backlog.ts';
import { decodeClientMessage, encodeStanding, ProtocolError } from './protocol.ts';
import type { RoomRegistry } from './room-registry.ts';

/**
 * The open sync connections. On shutdown each handles the frames it has already received (their
 * updates are stored and relayed; acknowledged if durable by then), then closes; whatever is not
 * acknowledged is left to the client, which still holds those edits and sends them again when it
 * reconnects.
 */
export class SyncConnections {
  private readonly open = new Set<{ finishAndClose: (code: number, reason: string) => Promise<void> }>();

  track(connection: { finishAndClose: (code: number, reason: string) => Promise<void> }): () => void {
    this.open.add(connection);
    return () => this.open.delete(connection);
  }

  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.all([...this.open].map((connection) => connection.finishAndClose(code, reason)));
  }
}

/**
 * `/ws/cases/:caseId` speaks the y-websocket protocol for one case. Each connection's frames are
 * handled strictly in order; the first bad frame closes that connection and nobody else's.
 */
export function registerSyncRoute(
  app: FastifyInstance,
  deps: { store: CaseStore; rooms: RoomRegistry; access: AccessServices; audit: ConnectionAudit; connections: SyncConnections; perPerson: ConnectionsPerPerson; backlogBytes: number },
) {
  app.get<{ Params: { caseId: string } }>(
    '/ws/cases/:caseId',
    {
      websocket: true,
      // Refuses the upgrade (401/403/404) before any Yjs message can flow.
      preValidation: async (request) => {
        const admitted = await caseAccess(request, request.params.caseId, deps);
        request.principal = { ...admitted.principal, caseAccess: admitted.access };
        // Its 'open' row is durable before anything flows (none when this is a reconnect: see ConnectionAudit).
        await deps.audit.opened(admitted.principal, admitted.caseId, request.ip);
      },
    },
    (socket, request) => {
      const caseId = request.params.caseId;
      const log = request.log.child({ caseId });
      const stopCounting = deps.perPerson.take(request.principal!);
      if (!stopCounting) {
        log.warn({ userId: request.principal!.userId }, 'refused a connection: too many open');
        socket.close(AccessCloseCode.tooManyConnections, 'too many connections');
        return;
      }
      const peer = websocketPeer(socket, request.principal!, request.ip);
      const backlog = new FrameBacklog(socket, deps.backlogBytes);
      let closed = false;
      let finishing = false;
      // Its access is gone or lowered: none of its frames not yet handled is applied under the old
      // access (the socket still delivers those received until the client answers the close). The
      // client keeps its unacknowledged edits and sends them again on reconnecting, judged then
      // under its access as it is now. A frame already being handled was judged before: it completes.
      const closeForAccess = (code: number, reason: string) => {
        closed = true;
        peer.close(code, reason);
      };
      const { untrack, admitted } = deps.access.live.add({ principal: peer.principal, caseId, close: closeForAccess });
      // Nothing flows until its access has been read again now that revocations find it (see
      // LiveConnections.add): a revocation or lowering since preValidation closes it here instead.
      let queue: Promise<CaseRoom | undefined> = admitted
        .then((stands) => {
          if (!stands) return undefined;
          // First, before the room (and its sync) answers: what this connection may do.
          peer.send(encodeStanding({ access: peer.principal.caseAccess! }));
          return deps.rooms.join(caseId, peer);
        })
        .catch((error) => {
          fail(error);
          return undefined;
        });

      const fail = (error: unknown) => {
        if (closed) return;
        closed = true;
        if (error instanceof ProtocolError) {
          log.warn({ reason: error.message }, 'closing connection after a malformed message');
          socket.close(CloseCode.invalidData, error.message.slice(0, 120));
        } else {
          log.error({ err: error }, 'closing connection after a server error');
          socket.close(CloseCode.serverError, 'server error');
        }
      };

      const untrackConnection = deps.connections.track({
        finishAndClose: async (code, reason) => {
          finishing = true;
          await queue;
          socket.close(code, reason);
        },
      });

      socket.on('message', (data, isBinary) => {
        if (finishing) return;
        const bytes = toBytes(data);
        backlog.read(bytes.byteLength);
        queue = queue.then(async (room) => {
          try {
            if (!room || closed) return room;
            if (!isBinary) throw new ProtocolError('expected a binary frame');
            await room.receive(peer, decodeClientMessage(bytes));
          } catch (error) {
            fail(error);
          } finally {
            backlog.handled(bytes.byteLength);
          }
          return room;
        });
      });
      // (Also when the socket is lost without a close frame: ws closes it then too.)
      socket.on('close', () => {
        closed = true;
        stopCounting();
        untrack();
        untrackConnection();
        void queue.then((room) => room && deps.rooms.leave(room, peer));
      });
      socket.on('error', (error) => log.warn({ err: error }, 'websocket error'));
    },
  );
}

/**
 * The sockets holding frames until the current tick's work is done. The updates of one committed
 * batch are relayed in one go: each peer's frames then leave in one write (syscall) rather than one
 * each, and one callback per tick releases every socket (not one per peer and update).
 */
const corked = new Set<Duplex>();

function uncorkAll(): void {
  for (const raw of corked) raw.uncork();
  corked.clear();
}

function websocketPeer(socket: WebSocket, principal: Principal, address: string): Peer {
  return {
    principal,
    address,
    send(message) {
      if (socket.readyState !== socket.OPEN) return;
      const raw = (socket as unknown as { _socket?: Duplex })._socket;
      if (raw && !corked.has(raw)) {
        if (corked.size === 0) process.nextTick(uncorkAll);
        corked.add(raw);
        raw.cork();
      }
      socket.send(message);
    },
    get unread() {
      return socket.bufferedAmount;
    },
    close(code, reason) {
      socket.close(code, reason);
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data as ArrayBuffer);
}
