import { IncomingChanges } from '@care/sync-client';
import { Editor, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import type { Node } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * A browser of the conference screen, reduced to one summary editor: a Tiptap editor bound to its
 * own Y.Doc as RichTextEditor binds it, connected by y-websocket over `Relay`'s sockets, with
 * IncomingChanges attached as the page attaches it (so the others' changes arrive marked with what
 * they deleted, which deletedByOthers reads).
 */
export type Browser = { doc: Y.Doc; editor: Editor; provider: WebsocketProvider };

/**
 * Stands in for the server between browsers: each document change a browser sends is held for the
 * others until `deliver` passes it on, as the server relays it (one frame each, in order). Nothing
 * else (sync step 1, awareness) goes through: every browser starts from the same empty doc.
 */
export class Relay {
  private readonly sockets = new Map<Browser, RelayedSocket>();
  private readonly held = new Map<RelayedSocket, Uint8Array[]>();

  /** A browser whose editor has `extensions` besides StarterKit (without its own history) and Collaboration. */
  join(extensions: Extensions): Browser {
    const doc = new Y.Doc();
    const relay = this;
    let socket: RelayedSocket | undefined;
    const provider = new WebsocketProvider('ws://relay.invalid', 'case', doc, {
      disableBc: true,
      WebSocketPolyfill: class extends RelayedSocket {
        constructor() {
          super((frame) => relay.heldFrom(this, frame));
          socket = this;
        }
      } as unknown as typeof WebSocket,
    });
    new IncomingChanges(provider, () => false);
    socket!.open();
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc, field: 'summary' }), ...extensions],
    });
    const browser = { doc, editor, provider };
    this.sockets.set(browser, socket!);
    this.held.set(socket!, []);
    return browser;
  }

  get browsers(): Browser[] {
    return [...this.sockets.keys()];
  }

  /** Passes on to `to` every change the others sent it so far, `asOne` (one frame, as after being offline) or one by one; then lets what that set off run. */
  async deliver(to: Browser, { asOne = false } = {}): Promise<void> {
    const socket = this.sockets.get(to)!;
    const frames = this.held.get(socket)!.splice(0);
    if (asOne && frames.length > 0) socket.receive(updateFrame(Y.mergeUpdates(frames.map(updateIn))));
    else for (const frame of frames) socket.receive(frame);
    await settled();
  }

  /** Delivers until each browser has every change (a change may set off another). */
  async sync(): Promise<void> {
    while ([...this.held.values()].some((frames) => frames.length > 0)) for (const browser of this.browsers) await this.deliver(browser);
  }

  leave(): void {
    for (const { editor, provider } of this.browsers) {
      editor.destroy();
      provider.awareness.destroy();
      provider.destroy();
    }
  }

  private heldFrom(from: RelayedSocket, frame: Uint8Array): void {
    if (!isUpdate(frame)) return;
    for (const [socket, frames] of this.held) if (socket !== from) frames.push(frame);
  }
}

/** Lets the microtasks and timeouts that a change set off run (the merge redoes one's edits in a microtask). */
export const settled = () => new Promise((resolve) => setTimeout(resolve));

// y-websocket's frames: a varUint message type (sync: 0), a varUint sync type (update: 2), then the update as a varUint8Array.
const isUpdate = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 2;
function updateIn(frame: Uint8Array): Uint8Array {
  let at = 2;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = frame[at++]!;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  return frame.slice(at, at + length);
}
function updateFrame(update: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let rest = update.length; ; rest = Math.floor(rest / 128)) {
    length.push(rest >= 128 ? (rest % 128) | 0x80 : rest);
    if (rest < 128) break;
  }
  return Uint8Array.from([0, 2, ...length, ...update]);
}

/** The WebSocket a WebsocketProvider is given: what it sends goes to `sent`; `receive` hands it a frame. */
class RelayedSocket {
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(private readonly sent: (frame: Uint8Array) => void) {}

  open(): void {
    this.readyState = this.OPEN;
    this.onopen?.();
  }
  send(frame: Uint8Array): void {
    this.sent(frame);
  }
  receive(frame: Uint8Array): void {
    this.onmessage?.({ data: frame.slice().buffer });
  }
  close(): void {
    this.readyState = 3;
  }
}

/** The editor's text blocks as `type text`: 'p', 'h2', 'ul' for a list item's paragraph. */
export const blocksOf = (editor: Editor): string[] => blocksWith(editor, () => '');

/** The same, with the editor's selection: `|` where the caret is, or `[` at the selection's anchor and `]` at its head. */
export function blocksAndSelectionOf(editor: Editor): string[] {
  const { anchor, head, empty } = editor.state.selection;
  return blocksWith(editor, (pos) => (empty ? (pos === head ? '|' : '') : (pos === anchor ? '[' : '') + (pos === head ? ']' : '')));
}

function blocksWith(editor: Editor, mark: (pos: number) => string): string[] {
  const blocks: string[] = [];
  editor.state.doc.descendants((block, at, parent) => {
    if (!block.isTextblock) return true;
    let text = '';
    block.forEach((child, offset) => {
      // By character (a string's code units are the positions in it); anything else as one.
      const characters = child.text ? [...child.text.split('')] : ['\uFFFC'];
      characters.forEach((character, i) => (text += mark(at + 1 + offset + i) + character));
    });
    text += mark(at + 1 + block.content.size);
    blocks.push(`${typeOf(block, parent)} ${text}`);
    return false;
  });
  return blocks;
}

function typeOf(block: Node, parent: Node | null): string {
  if (block.type.name === 'heading') return `h${block.attrs.level}`;
  if (parent?.type.name === 'listItem') return 'ul';
  return 'p';
}

/** The document position `offset` characters into the `n`th text block. */
export function positionIn(editor: Editor, n: number, offset: number): number {
  let found: number | undefined;
  let seen = 0;
  editor.state.doc.descendants((block, at) => {
    if (found !== undefined || !block.isTextblock) return found === undefined;
    if (seen++ === n) found = at + 1 + offset;
    return false;
  });
  if (found === undefined) throw new Error(`no text block ${n}`);
  return found;
}
