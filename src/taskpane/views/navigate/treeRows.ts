import type { NodeView } from "../../../core/plan/planView";

/** Where each node of a plan view (tree order) sits: its parent, and its place among its siblings. */
export interface TreeIndex {
  /** node -> index of its parent in the same list, or -1 for a root */
  readonly parent: Int32Array;
  /** 1-based position among its siblings */
  readonly posInSet: Int32Array;
  readonly setSize: Int32Array;
  /** Names in lower case, for search. */
  readonly searchNames: readonly string[];
}

/** One pass with a stack of open ancestors, so 10,000 nodes (or a 10,000-deep chain) stay linear. */
export function indexTree(nodes: readonly NodeView[]): TreeIndex {
  const count = nodes.length;
  const parent = new Int32Array(count).fill(-1);
  const posInSet = new Int32Array(count);
  const setSize = new Int32Array(count);
  const ancestors: number[] = [];
  let roots = 0;
  for (let i = 0; i < count; i++) {
    const depth = nodes[i].depth;
    ancestors.length = depth - 1;
    const up = depth > 1 ? ancestors[depth - 2] : -1;
    parent[i] = up;
    posInSet[i] = up < 0 ? ++roots : ++setSize[up];
    ancestors.push(i);
  }
  // setSize so far counted children per parent; turn it into each child's sibling count.
  const childCount = setSize.slice();
  for (let i = 0; i < count; i++) setSize[i] = parent[i] < 0 ? roots : childCount[parent[i]];
  return {
    parent,
    posInSet,
    setSize,
    searchNames: nodes.map((view) => view.node.name.toLocaleLowerCase()),
  };
}

/**
 * The rows the tree shows, as indices into `nodes`: a node is shown when every ancestor is open;
 * with a query, only nodes whose name contains it and their ancestors are candidates.
 */
export function visibleRows(
  nodes: readonly NodeView[],
  index: TreeIndex,
  isOpen: (id: string) => boolean,
  query: string,
): number[] {
  const needle = query.trim().toLocaleLowerCase();
  let included: Uint8Array | null = null;
  if (needle !== "") {
    const marks = new Uint8Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      if (!index.searchNames[i].includes(needle)) continue;
      for (let at = i; at >= 0 && marks[at] === 0; at = index.parent[at]) marks[at] = 1;
    }
    included = marks;
  }
  const rows: number[] = [];
  let hiddenBelow = Infinity;
  for (let i = 0; i < nodes.length; i++) {
    const depth = nodes[i].depth;
    if (depth > hiddenBelow) continue;
    hiddenBelow = Infinity;
    if (included !== null && included[i] === 0) {
      hiddenBelow = depth;
      continue;
    }
    rows.push(i);
    if (nodes[i].childCount > 0 && !isOpen(nodes[i].id)) hiddenBelow = depth;
  }
  return rows;
}

/** Ids of the nodes that must be open to show down to `level` (root = 1). */
export function openToLevel(nodes: readonly NodeView[], level: number): Set<string> {
  const open = new Set<string>();
  for (const view of nodes) if (view.childCount > 0 && view.depth < level) open.add(view.id);
  return open;
}

/** Ids of the node's ancestors, nearest first. */
export function ancestorIds(nodes: readonly NodeView[], index: TreeIndex, node: number): string[] {
  const ids: string[] = [];
  for (let at = index.parent[node]; at >= 0; at = index.parent[at]) ids.push(nodes[at].id);
  return ids;
}
