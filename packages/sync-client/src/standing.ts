import { ConnectionStanding, STANDING_MESSAGE } from '@care/schema';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';

/**
 * Calls `listener` with each connection's standing as the server states it (the first frame of
 * every connection, before the sync). A statement that does not parse is left out: the standing
 * known so far stays.
 */
export function onStanding(provider: WebsocketProvider, listener: (standing: ConnectionStanding) => void): void {
  provider.messageHandlers[STANDING_MESSAGE] = (_encoder, decoder) => {
    const standing = parseStanding(decoding.readVarString(decoder));
    if (standing) listener(standing);
  };
}

function parseStanding(json: string): ConnectionStanding | undefined {
  try {
    return ConnectionStanding.safeParse(JSON.parse(json)).data;
  } catch {
    return undefined; // not JSON
  }
}
