import { idKey, idText } from "../cell";
import { messages } from "../messages";

/** One thing wrong with an id/parent table, with the 1-based rows to show the user. */
export interface HierarchyProblem {
  readonly kind: "rowCount" | "duplicateId" | "unknownParent" | "cycle";
  /** Rows counted from `firstRow` (1-based within the input by default), in sheet order. */
  readonly rows: readonly number[];
  /** The ids involved, as written. */
  readonly ids: readonly string[];
  readonly message: string;
}

export interface BuildOptions {
  /**
   * The row number of `ids[0]` in problems and their messages; 1 by default (rows within the
   * input, as the BU.* functions name them). A caller that knows where the ids sit in a sheet
   * passes that row, so the messages name the rows the user sees.
   */
  readonly firstRow?: number;
}

export type HierarchyResult =
  | { readonly ok: true; readonly hierarchy: Hierarchy }
  | { readonly ok: false; readonly problems: readonly HierarchyProblem[] };

const NONE = -1;

/**
 * Bound once because they run per row or per character: where a call goes through a module getter
 * (bundlers' CommonJS interop) or a global lookup (VM contexts such as jest's), that costs more than
 * the work itself.
 */
const keyOf = idKey;
const textOf = idText;
const imul = Math.imul;

/**
 * A validated forest of ids. It can only be obtained from `Hierarchy.build`, so code holding one
 * never re-checks for duplicates, unknown parents or cycles.
 *
 * Nodes are numbered 0..nodeCount-1 in sheet order (rows with a blank id are skipped), which keeps
 * children lists and traversals in sheet order for free. All traversals are iterative: a chain of
 * 100,000 levels must not overflow the stack.
 *
 * Child lists, the depth-first order and depths are made on first use: ROLLUP, the most common
 * call, needs none of them when every parent is above its children in the sheet (see `topDown`).
 */
export class Hierarchy {
  private families: { readonly start: Int32Array; readonly list: Int32Array } | undefined;
  private walked: { readonly order: Int32Array; readonly depth: Int32Array } | undefined;
  private inSheetOrder: Int32Array | undefined;

  private constructor(
    /** Rows in the input, including rows whose id is blank. */
    readonly rowCount: number,
    /** node -> 0-based input row */
    readonly nodeRow: Int32Array,
    /** 0-based input row -> node, or -1 where the id is blank */
    readonly rowNode: Int32Array,
    /** node -> parent node, or -1 for a root */
    readonly parent: Int32Array,
    /** node -> id as written */
    readonly ids: readonly string[],
    private readonly byKey: KeyIndex,
    /** Whether every node's parent comes before it in sheet order. */
    private readonly parentsFirst: boolean,
  ) {}

  /**
   * children of node n are childList[childStart[n] .. childStart[n+1]), in sheet order; read
   * directly by passes over every family, where a `children` view per node would cost more than
   * the work on it
   */
  get childStart(): Int32Array {
    return (this.families ??= childLists(this.parent)).start;
  }

  get childList(): Int32Array {
    return (this.families ??= childLists(this.parent)).list;
  }

  /** all nodes depth-first, roots and siblings in sheet order */
  get order(): Int32Array {
    return (this.walked ??= walk(this.parent, this.childStart, this.childList)).order;
  }

  /** node -> depth, root = 1 */
  get depth(): Int32Array {
    return (this.walked ??= walk(this.parent, this.childStart, this.childList)).depth;
  }

  /**
   * All nodes, each parent before its children: sheet order when the sheet has every parent above
   * its children, which needs no walk of the tree, else `order`. Read backwards, every child comes
   * before its parent, and each parent's children come last to first in both orders, so a fold
   * over it adds the same numbers in the same order either way.
   */
  get topDown(): Int32Array {
    if (!this.parentsFirst) return this.order;
    return (this.inSheetOrder ??= sheetOrder(this.nodeCount));
  }

  get nodeCount(): number {
    return this.nodeRow.length;
  }

  /** The node with this id (matched like Excel's lookups), if any. */
  find(id: unknown): number | undefined {
    const key = keyFor(id);
    if (key === undefined) return undefined;
    const node = this.byKey.get(key);
    return node === NONE ? undefined : node;
  }

  children(node: number): Int32Array {
    return this.childList.subarray(this.childStart[node], this.childStart[node + 1]);
  }

  isLeaf(node: number): boolean {
    return this.childStart[node] === this.childStart[node + 1];
  }

  /** Descendants of `node` depth-first in sheet order, without the node itself. */
  descendants(node: number): number[] {
    const result: number[] = [];
    const stack: number[] = [];
    this.pushChildrenReversed(node, stack);
    while (stack.length > 0) {
      const current = stack.pop() as number;
      result.push(current);
      this.pushChildrenReversed(current, stack);
    }
    return result;
  }

  /** Reversed, so the stack pops them in sheet order; straight from the lists, no view per node. */
  private pushChildrenReversed(node: number, stack: number[]): void {
    for (let i = this.childStart[node + 1] - 1; i >= this.childStart[node]; i--) stack.push(this.childList[i]);
  }

  /** The node's ancestors from the root down, followed by the node itself. */
  pathTo(node: number): number[] {
    const path: number[] = [];
    for (let current = node; current !== NONE; current = this.parent[current]) path.push(current);
    return path.reverse();
  }

  static build(ids: readonly unknown[], parents: readonly unknown[], options: BuildOptions = {}): HierarchyResult {
    if (parents.length !== ids.length) {
      return {
        ok: false,
        problems: [
          {
            kind: "rowCount",
            rows: [],
            ids: [],
            message: messages.rowCountMismatch("parents", parents.length, ids.length),
          },
        ],
      };
    }
    const problems: HierarchyProblem[] = [];
    const firstRow = options.firstRow ?? 1;

    const rowNode = new Int32Array(ids.length).fill(NONE);
    const rowOfNode = new Int32Array(ids.length);
    let nodeCount = 0;
    const names = new Array<string>(ids.length);
    const byKey = new KeyIndex(ids.length);
    const duplicateRows = new Map<number, number[]>();
    for (let row = 0; row < ids.length; row++) {
      const key = keyFor(ids[row]);
      if (key === undefined) continue;
      const node = nodeCount;
      const first = byKey.add(key, node);
      if (first !== node) {
        const rows = duplicateRows.get(first) ?? [rowOfNode[first] + firstRow];
        rows.push(row + firstRow);
        duplicateRows.set(first, rows);
        continue;
      }
      rowNode[row] = node;
      rowOfNode[nodeCount++] = row;
      names[node] = textOf(ids[row]);
    }
    for (const [first, rows] of duplicateRows) {
      const name = names[first];
      problems.push({ kind: "duplicateId", rows, ids: [name], message: messages.duplicateId(name, rows) });
    }

    names.length = nodeCount;
    const nodeRow = rowOfNode.slice(0, nodeCount);
    const parent = new Int32Array(nodeCount).fill(NONE);
    let parentsFirst = true;
    for (let node = 0; node < nodeCount; node++) {
      const row = nodeRow[node];
      const parentKey = keyFor(parents[row]);
      if (parentKey === undefined) continue;
      const parentNode = byKey.get(parentKey);
      if (parentNode === NONE) {
        const parentName = textOf(parents[row]).trim();
        problems.push({
          kind: "unknownParent",
          rows: [row + firstRow],
          ids: [names[node], parentName],
          message: messages.unknownParent(parentName, names[node], row + firstRow),
        });
        continue;
      }
      parent[node] = parentNode;
      if (parentNode >= node) parentsFirst = false;
    }

    // Parents that all come first cannot form a cycle. Not push(...cycles): thousands of arguments
    // overflow the stack when every row is its own parent.
    if (!parentsFirst) for (const cycle of findCycles(parent, nodeRow, names, firstRow)) problems.push(cycle);
    if (problems.length > 0) {
      problems.sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
      return { ok: false, problems };
    }

    const hierarchy = new Hierarchy(ids.length, nodeRow, rowNode, parent, names, byKey, parentsFirst);
    return { ok: true, hierarchy };
  }
}

/** Child lists in compressed rows, siblings in sheet order (see `Hierarchy.childStart`). */
function childLists(parent: Int32Array): { start: Int32Array; list: Int32Array } {
  const nodeCount = parent.length;
  const start = new Int32Array(nodeCount + 1);
  for (let node = 0; node < nodeCount; node++) if (parent[node] !== NONE) start[parent[node] + 1]++;
  for (let node = 0; node < nodeCount; node++) start[node + 1] += start[node];
  const fill = start.slice(0, nodeCount);
  const list = new Int32Array(Math.max(0, nodeCount - countRoots(parent)));
  for (let node = 0; node < nodeCount; node++) {
    if (parent[node] !== NONE) list[fill[parent[node]]++] = node;
  }
  return { start, list };
}

/** The depth-first order and each node's depth. */
function walk(
  parent: Int32Array,
  childStart: Int32Array,
  childList: Int32Array,
): { order: Int32Array; depth: Int32Array } {
  const nodeCount = parent.length;
  const order = new Int32Array(nodeCount);
  const depth = new Int32Array(nodeCount);
  let next = 0;
  // Every node is pushed exactly once, so the stack never holds more than nodeCount entries.
  const stack = new Int32Array(nodeCount);
  let top = 0;
  for (let root = nodeCount - 1; root >= 0; root--) if (parent[root] === NONE) stack[top++] = root;
  while (top > 0) {
    const node = stack[--top];
    order[next++] = node;
    depth[node] = parent[node] === NONE ? 1 : depth[parent[node]] + 1;
    for (let i = childStart[node + 1] - 1; i >= childStart[node]; i--) stack[top++] = childList[i];
  }
  return { order, depth };
}

/** 0, 1, 2, ...: nodes in sheet order. */
function sheetOrder(nodeCount: number): Int32Array {
  const order = new Int32Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) order[node] = node;
  return order;
}

function countRoots(parent: Int32Array): number {
  let roots = 0;
  for (let node = 0; node < parent.length; node++) if (parent[node] === NONE) roots++;
  return roots;
}

/** Each cycle once, named from its first node in sheet order: `Cycle: A > B > A (rows 2 and 3)`. */
function findCycles(
  parent: Int32Array,
  nodeRow: Int32Array,
  names: readonly string[],
  firstRow: number,
): HierarchyProblem[] {
  const UNSEEN = 0;
  const ON_WALK = 1;
  const DONE = 2;
  const state = new Uint8Array(parent.length);
  const problems: HierarchyProblem[] = [];
  // One walk buffer for all starts: a walk visits each node at most once overall.
  const walk = new Int32Array(parent.length);
  for (let start = 0; start < parent.length; start++) {
    if (state[start] !== UNSEEN) continue;
    let length = 0;
    let node = start;
    while (node !== NONE && state[node] === UNSEEN) {
      state[node] = ON_WALK;
      walk[length++] = node;
      node = parent[node];
    }
    if (node !== NONE && state[node] === ON_WALK) {
      const cycle = Array.from(walk.subarray(walk.subarray(0, length).indexOf(node), length));
      let first = 0;
      for (let i = 1; i < cycle.length; i++) if (cycle[i] < cycle[first]) first = i;
      // Shown from the first node in sheet order, following parent links: child > parent > ...
      const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
      const path = [...rotated, rotated[0]].map((n) => names[n]);
      const rows = rotated.map((n) => nodeRow[n] + firstRow).sort((a, b) => a - b);
      problems.push({ kind: "cycle", rows, ids: rotated.map((n) => names[n]), message: messages.cycle(path, rows) });
    }
    for (let i = 0; i < length; i++) state[walk[i]] = DONE;
  }
  return problems;
}

/** How much hashing id keys has cost, for tests that check the work stays linear under hostile ids. */
export const keyIndexStats = { probes: 0, reseeds: 0, fallbacks: 0 };

/** Probes allowed per operation on average (plus a constant) before the table is rebuilt. */
const PROBES_PER_OPERATION = 4;
const PROBE_ALLOWANCE = 1024;
/** Rebuilds with a new seed before giving up on hashing ourselves. */
const MAX_RESEEDS = 2;

/** A new random seed; ids are chosen by whoever wrote the sheet, so the hash must not be predictable. */
function randomSeed(): number {
  return (Math.random() * 0x100000000) | 0;
}

/**
 * Id key -> node, by open addressing over a typed array. Building a Map of 100,000 fresh strings
 * costs several times a whole ROLLUP pass over the values; this keeps `build` linear and cheap.
 *
 * Keys are as `keyFor` gives them: an id that needs no trimming and is all ASCII is its own key, and
 * is hashed and compared with A-Z folded, so the usual id costs no lowercased copy. Each slot holds
 * the key's hash next to its node, so probing past another key compares two numbers in the slot
 * rather than reading that key's string from elsewhere in memory.
 *
 * Ids come from sheets anyone may have written, so the table must not be made quadratic by ids chosen
 * to collide (issue 10: 100,000 such ids made ROLLUP take 22 s). The hash is keyed by a random seed
 * and finished with an avalanche, and the slot comes from its top bits, so neither a fixed set of
 * colliding strings nor strings that differ only above the table's low bits land together. The work
 * is also counted: should probing ever cost more than a few probes per operation, the table is
 * rebuilt with a new seed, and after that it hands over to a Map, whose keys are lowercased and
 * prefixed so that none is an array-index string (V8 hashes those by their numeric value, which
 * anyone can collide).
 */
class KeyIndex {
  /** Per slot, the node at [2 * slot] (NONE when empty) and its key's hash at [2 * slot + 1]. */
  private slots: Int32Array;
  private readonly shift: number;
  private readonly keys: string[];
  private seed = randomSeed();
  private operations = 0;
  private probes = 0;
  private reseeds = 0;
  private map: Map<string, number> | undefined;

  constructor(maxKeys: number) {
    // At most half full, so probe runs stay short.
    let bits = 1;
    while (1 << bits < maxKeys * 2) bits++;
    this.slots = new Int32Array(2 << bits).fill(NONE);
    this.shift = 32 - bits;
    this.keys = new Array<string>(maxKeys);
  }

  /** The node already holding `key`, or else `node`, which then holds it. Nodes are added 0, 1, 2, ... */
  add(key: string, node: number): number {
    if (this.map !== undefined) {
      const mapKey = PREFIX + key.toLowerCase();
      const held = this.map.get(mapKey);
      if (held !== undefined) return held;
      this.map.set(mapKey, node);
      this.keys[node] = key;
      return node;
    }
    const slots = this.slots;
    const h = hash(key, this.seed);
    const mask = (slots.length >> 1) - 1;
    let slot = h >>> this.shift;
    let probes = 1;
    for (;;) {
      const held = slots[slot << 1];
      if (held === NONE) {
        slots[slot << 1] = node;
        slots[(slot << 1) + 1] = h;
        this.keys[node] = key;
        this.counted(probes);
        return node;
      }
      if (slots[(slot << 1) + 1] === (h | 0) && sameKey(this.keys[held], key)) {
        this.counted(probes);
        return held;
      }
      slot = (slot + 1) & mask;
      probes++;
    }
  }

  /** The node holding `key`, or NONE. */
  get(key: string): number {
    if (this.map !== undefined) return this.map.get(PREFIX + key.toLowerCase()) ?? NONE;
    const slots = this.slots;
    const h = hash(key, this.seed);
    const mask = (slots.length >> 1) - 1;
    let slot = h >>> this.shift;
    let probes = 1;
    for (;;) {
      const held = slots[slot << 1];
      if (held === NONE || (slots[(slot << 1) + 1] === (h | 0) && sameKey(this.keys[held], key))) {
        this.counted(probes);
        return held;
      }
      slot = (slot + 1) & mask;
      probes++;
    }
  }

  private counted(probes: number): void {
    this.operations++;
    this.probes += probes;
    keyIndexStats.probes += probes;
    if (this.probes > PROBES_PER_OPERATION * this.operations + PROBE_ALLOWANCE) this.rebuild();
  }

  /** With a new seed, or into a Map once reseeding has not helped. */
  private rebuild(): void {
    this.operations = 0;
    this.probes = 0;
    const keys = this.keys;
    if (this.reseeds >= MAX_RESEEDS) {
      keyIndexStats.fallbacks++;
      this.map = new Map();
      for (let node = 0; node < keys.length; node++) {
        if (keys[node] !== undefined) this.map.set(PREFIX + keys[node].toLowerCase(), node);
      }
      this.slots = new Int32Array(0);
      return;
    }
    this.reseeds++;
    keyIndexStats.reseeds++;
    this.seed = randomSeed();
    const slots = this.slots;
    slots.fill(NONE);
    const mask = (slots.length >> 1) - 1;
    for (let node = 0; node < keys.length; node++) {
      if (keys[node] === undefined) continue;
      const h = hash(keys[node], this.seed);
      let slot = h >>> this.shift;
      keyIndexStats.probes++;
      while (slots[slot << 1] !== NONE) {
        slot = (slot + 1) & mask;
        keyIndexStats.probes++;
      }
      slots[slot << 1] = node;
      slots[(slot << 1) + 1] = h;
    }
  }
}

/** Makes every Map key a non-index string ("123" would be hashed by its value). */
const PREFIX = "#";

/**
 * The key an id cell is matched by: a string that needs no trimming and is all ASCII as it is (its
 * A-Z are folded by `hash` and `sameKey`, which is what lowercasing it would do), else `idKey`'s
 * trimmed, lowercased text; undefined for a blank.
 */
function keyFor(cell: unknown): string | undefined {
  if (typeof cell !== "string") return keyOf(cell);
  const last = cell.length - 1;
  // trim() removes only characters up to U+0020 or from U+00A0 on.
  if (last < 0 || cell.charCodeAt(0) <= SPACE || cell.charCodeAt(last) <= SPACE) return keyOf(cell);
  for (let i = 0; i <= last; i++) if (cell.charCodeAt(i) > LAST_ASCII) return keyOf(cell);
  return cell;
}

const SPACE = 0x20;
const LAST_ASCII = 0x7f;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const CASE_BIT = 0x20;

/** Whether two keys (see `keyFor`) name the same id: equal once A-Z are folded. */
function sameKey(held: string, key: string): boolean {
  if (held === key) return true;
  if (held.length !== key.length) return false;
  for (let i = 0; i < key.length; i++) {
    const a = held.charCodeAt(i);
    const b = key.charCodeAt(i);
    if (a !== b && foldCase(a) !== foldCase(b)) return false;
  }
  return true;
}

function foldCase(code: number): number {
  return code >= UPPER_A && code <= UPPER_Z ? code | CASE_BIT : code;
}

/**
 * FNV-1a over UTF-16 code units with A-Z folded, from a secret seed, then MurmurHash3's finaliser so
 * every bit counts. A lowercased key hashes as the ASCII key it came from.
 */
function hash(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = imul(h ^ foldCase(key.charCodeAt(i)), 0x01000193);
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
