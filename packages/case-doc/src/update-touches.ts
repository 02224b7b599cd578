import * as Y from 'yjs';

/**
 * Where in a case doc an update writes: the root type's name, then the map keys down to the
 * entry (e.g. ['conferences', id, 'roles', userId]). Positions in lists and text add no key, so
 * every edit of the summary is just ['summary']. `value`: the plain value inserted, if it is one
 * (not a shared type, text, or one replaced within the same update); entries inserted into a list
 * at once are a touch each.
 */
/**
 * `loose`: an insertion straight into a top-level type's list (not a map entry, not inside a
 * nested type) that is no shared type: text or a value, which a rich text's top cannot hold.
 */
export type Touch = { path: string[]; deleted: boolean; value?: unknown; loose?: true };

/** `unresolved`: some part could not be placed, so the update must be treated as touching everything. */
export type Touches = { touches: Touch[]; unresolved: boolean };

/** An update decoded once (Y.decodeUpdate, nothing applied), for every check that reads it before it is applied. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Where an item lands: a path; `nowhere` when Yjs integrates it as a garbage-collected struct (an
 * insert next to or into content the doc has already collected: a colleague deleted that
 * paragraph while this client still typed in it), which nobody can ever see; undefined when it
 * cannot be placed.
 */
type Place = { path: string[]; atTop?: true } | 'nowhere' | undefined;

/**
 * Decodes an update (without applying it) and places every insertion and deletion in it,
 * resolving parents through the update itself and the doc's store. What the doc already has
 * changes nothing and is left out: insertions it holds, deletions it has made (a reconnecting
 * client's sync step 2 re-sends its whole delete set, and a local copy kept in the browser
 * re-sends what the server already stored).
 */
export function updateTouches(doc: Y.Doc, update: Uint8Array | DecodedUpdate): Touches {
  const { structs, ds } = update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
  const locator = new Locator(doc, structs);
  const found: Touches = { touches: [], unresolved: false };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || isHeldByDoc(doc, struct)) continue; // GC and Skip carry no content
    const place = locator.placeOf(struct);
    const loose = typeof place === 'object' && place.atTop === true && !(struct.content instanceof Y.ContentType || struct.content instanceof Y.ContentDeleted);
    for (const value of plainValues(struct.content)) addTouch(found, place, false, value, loose);
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (const target of locator.structsIn(client, clock, clock + len)) {
        if (target === undefined) addTouch(found, undefined, true);
        else if (target instanceof Y.Item && !isDeletedInDoc(target)) addTouch(found, locator.placeOf(target), true);
      }
    }
  }
  return found;
}

/**
 * A touch at `place`, or `unresolved` when it has none. (A module function, not a closure made per
 * update: tsx, which runs the server, names every closure it makes with Object.defineProperty.)
 */
function addTouch(found: Touches, place: Place, deleted: boolean, value?: unknown, loose = false): void {
  if (place === 'nowhere') return;
  if (place) found.touches.push(deleted ? { path: place.path, deleted } : { path: place.path, deleted, value, ...(loose && { loose }) });
  else found.unresolved = true;
}

/**
 * Whether an update with these touches (updateTouches) would leave the doc exactly as it is. Such
 * an update is accepted from anyone, even a reader: it writes nothing, and refusing it would
 * report a refusal for an edit nobody made.
 */
export function writesNothing({ touches, unresolved }: Touches): boolean {
  return touches.length === 0 && !unresolved;
}

/** The doc already holds every clock of this struct (Yjs skips it when applying). */
function isHeldByDoc(doc: Y.Doc, struct: Y.Item): boolean {
  return struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client);
}

/** The plain values an item holds (a map entry one, list entries inserted at once several), or one undefined. */
function plainValues(content: Y.Item['content']): unknown[] {
  const plain = content instanceof Y.ContentAny || content instanceof Y.ContentJSON || content instanceof Y.ContentBinary;
  return plain ? content.getContent() : [undefined];
}

/** An item of the doc's store (integrated, so its parent is a type) that is already deleted. */
function isDeletedInDoc(item: Y.Item): boolean {
  return isInDoc(item) && item.deleted;
}

/**
 * How deep an update may place an item (types above it, and map keys in its path) before it counts
 * as unresolved. A case doc is a few levels deep (a list in a summary list adds two per level); a
 * crafted update nesting thousands would otherwise exhaust the stack, or the memory for its paths.
 */
const MAX_DEPTH = 200;

class Locator {
  /** The update's own structs by client, in clock order (as an update lists them). */
  private readonly incoming = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  private readonly placed = new Map<Y.Item, Place>();
  /** Items being placed: meeting one again means the update's references go round in a circle. */
  private readonly placing = new Set<Y.Item>();

  constructor(
    private readonly doc: Y.Doc,
    structs: (Y.Item | Y.GC | Y.Skip)[],
  ) {
    for (const struct of structs) {
      const list = this.incoming.get(struct.id.client) ?? [];
      list.push(struct);
      this.incoming.set(struct.id.client, list);
    }
  }

  /** The structs holding clocks [from, to) of a client, from the update or the doc; undefined for a gap. */
  *structsIn(client: number, from: number, to: number): Generator<Y.Item | Y.GC | Y.Skip | undefined> {
    let clock = from;
    while (clock < to) {
      const struct = this.find(Y.createID(client, clock));
      yield struct;
      if (!struct) return;
      clock = struct.id.clock + struct.length;
    }
  }

  /** The doc's own struct where it has one (integrated: its parent and deletion are known), else the update's. */
  private find(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    const own = containing(this.incoming.get(id.client) ?? [], id.clock);
    return own instanceof Y.Skip ? undefined : own;
  }

  /**
   * Follows an item to its root: an item without parent info sits where its origin (or right
   * origin) sits; otherwise under its parent, at its parentSub if it is a map entry. An item of
   * the update lands nowhere exactly when Yjs (Item.getMissing) makes it a GC struct: its origin
   * or right origin is one, or else its parent is.
   */
  placeOf(start: Y.Item, depth = 0): Place {
    const chain: Y.Item[] = [];
    let place: Place;
    let item: Y.Item | undefined = start;
    while (item) {
      if (this.placed.has(item)) {
        place = this.placed.get(item);
        break;
      }
      // Only a crafted update refers in a circle or nests this deep: nothing places it.
      if (this.placing.has(item) || depth > MAX_DEPTH) break;
      this.placing.add(item);
      chain.push(item);
      const neighbourId: Y.ID | null = item.parent === null ? (item.origin ?? item.rightOrigin) : null;
      const beside = this.besideCollected(item, neighbourId, depth);
      if (beside !== false) {
        place = beside;
        break;
      }
      if (item.parent !== null || neighbourId === null) {
        place = this.placeUnderParent(item, depth);
        break;
      }
      const neighbour = this.find(neighbourId);
      item = neighbour instanceof Y.Item ? neighbour : undefined;
    }
    for (const link of chain) {
      this.placed.set(link, place);
      this.placing.delete(link);
    }
    return place;
  }

  /**
   * For an item of the update: `nowhere` when its origin or right origin is collected (in the doc,
   * sent as such, or an item of the update landing nowhere), undefined when one is missing or cannot
   * be placed, false when neither decides. The neighbour the caller follows (`followed`) is judged
   * by following it. Items of the doc are integrated already, wherever their neighbours went.
   */
  private besideCollected(item: Y.Item, followed: Y.ID | null, depth: number): 'nowhere' | undefined | false {
    if (item.parent instanceof Y.AbstractType) return false;
    let undecided = false;
    for (const id of [item.origin, item.rightOrigin]) {
      if (id === null) continue;
      const side = this.find(id);
      if (side === undefined) undecided = true;
      else if (side instanceof Y.GC) return 'nowhere';
      else if (id !== followed && !isInDoc(side)) {
        const place = this.placeOf(side as Y.Item, depth + 1);
        if (place === 'nowhere') return 'nowhere';
        if (place === undefined) undecided = true;
      }
    }
    return undecided ? undefined : false;
  }

  private placeUnderParent(item: Y.Item, depth: number): Place {
    const parent = item.parent as Y.AbstractType<unknown> | Y.ID | string | null;
    const own = item.parentSub === null ? [] : [item.parentSub];
    if (typeof parent === 'string') return atRoot(parent, own);
    if (parent instanceof Y.AbstractType) {
      if (parent._item === null) return atRoot(Y.findRootTypeKey(parent), own);
      return below(this.placeOf(parent._item, depth + 1), own);
    }
    if (parent === null) return undefined;
    const container = this.find(parent);
    if (container instanceof Y.GC) return 'nowhere';
    if (!(container instanceof Y.Item)) return undefined;
    return below(this.placeOf(container, depth + 1), own);
  }
}

/** An item of the doc's store (integrated, so its parent is a type), not one of the update. */
function isInDoc(struct: Y.Item | Y.GC | Y.Skip): boolean {
  return struct instanceof Y.Item && struct.parent instanceof Y.AbstractType;
}

/** The place in the top-level type `root`: in its list (`atTop`), or at map key `own`. */
function atRoot(root: string, own: string[]): Place {
  return own.length === 0 ? { path: [root], atTop: true } : { path: [root, ...own] };
}

/** The place under `above`, at map key `own` if any; undefined past MAX_DEPTH. */
function below(above: Place, own: string[]): Place {
  if (above === 'nowhere') return above;
  return above && above.path.length < MAX_DEPTH ? { path: [...above.path, ...own] } : undefined;
}

/** Binary search of structs in clock order for the one holding `clock`. */
function containing<T extends { id: Y.ID; length: number }>(structs: T[], clock: number): T | undefined {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = structs[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return undefined;
}
