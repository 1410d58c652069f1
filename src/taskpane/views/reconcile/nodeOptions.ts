import type { NodeView } from "../../../core/plan/planView";

/** At most this many options are rendered: the search narrows a large plan down. */
export const MAX_NODE_OPTIONS = 50;

/** "Europe (EMEA)", or just the id where the name is blank or the same. */
export function nodeLabel(node: NodeView): string {
  const name = node.node.name.trim();
  return name === "" || name === node.id ? node.id : `${name} (${node.id})`;
}

/**
 * The nodes whose name or id contains `query` (ignoring case), in tree order, at most `limit`;
 * every node for a blank query or one that is exactly the chosen node's label.
 */
export function matchingNodes(
  nodes: readonly NodeView[],
  query: string,
  chosenLabel: string,
  limit = MAX_NODE_OPTIONS,
): NodeView[] {
  const needle = query.trim().toLocaleLowerCase();
  const all = needle === "" || query === chosenLabel;
  const found: NodeView[] = [];
  for (const node of nodes) {
    if (found.length >= limit) break;
    if (all || nodeLabel(node).toLocaleLowerCase().includes(needle)) found.push(node);
  }
  return found;
}
