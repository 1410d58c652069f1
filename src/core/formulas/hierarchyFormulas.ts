/**
 * BU.ROLLUP, LEVEL, PATH, CHILDREN, DESCENDANTS, TREE and PARENTS as pure functions of their
 * arguments (SPEC.md section 1). Each returns one error for the whole call or a grid that spills;
 * src/functions and the HyperFormula plugin only adapt arguments and errors around these.
 *
 * Arguments are read by ./args, in the order it describes (options, shapes, row counts, the
 * hierarchy, then the nodes looked up in it), so the error a user sees is about the first thing to fix.
 */
import { CellError, idKey, idText, isBlank, plainGrid, type FormulaResult, type Grid, type ResultCell } from "../cell";
import type { Hierarchy } from "../hierarchy/hierarchy";
import { parentsFromLevels as outlineParents, type OutlineLevel } from "../hierarchy/outline";
import { messages } from "../messages";
import { rollup as rollUp } from "../rollup";
import {
  idResult,
  parseFlag,
  parseMethod,
  parseSeparator,
  toHierarchy,
  toIds,
  toNode,
  toTargets,
  toParents,
  toValueRows,
  toVector,
  type Target,
} from "./args";

/** The most characters a cell holds; longer text is `#VALUE!`, as Excel's CONCAT does. */
export const MAX_TEXT_LENGTH = 32767;

interface Tree {
  readonly hierarchy: Hierarchy;
  /** The ids argument's cells, row by row: results return ids as written here. */
  readonly ids: readonly unknown[];
}

function readTree(idsArg: unknown, parentsArg: unknown): Tree | CellError {
  const ids = toIds(idsArg);
  if (ids instanceof CellError) return ids;
  const parents = toParents(parentsArg);
  if (parents instanceof CellError) return parents;
  const hierarchy = toHierarchy(ids, parents);
  return hierarchy instanceof CellError ? hierarchy : { hierarchy, ids: ids.cells };
}

/** A result row about no node: blank for a blank id, or the request's error, across every column. */
function filledRow(fill: "" | CellError, columns: number): ResultCell[] {
  const row = new Array<ResultCell>(columns);
  for (let column = 0; column < columns; column++) row[column] = fill;
  return row;
}

/** One id per row, as written in ids. */
function idColumn(tree: Tree, nodes: ArrayLike<number>): Grid<ResultCell> {
  const grid = new Array<ResultCell[]>(nodes.length);
  for (let i = 0; i < nodes.length; i++) grid[i] = [idResult(tree.ids[tree.hierarchy.nodeRow[nodes[i]]])];
  return grid;
}

/**
 * ROLLUP: per node, the aggregate of its own and all descendants' values, per column of `values`.
 * `method` is sum (default), count, avg, min or max; avg of nothing is `#DIV/0!`, min/max of nothing 0.
 */
export function rollup(
  ids: unknown,
  parents: unknown,
  values: unknown,
  nodes?: unknown,
  method?: unknown,
): FormulaResult {
  const how = parseMethod(method);
  if (how instanceof CellError) return how;
  const idCells = toIds(ids);
  if (idCells instanceof CellError) return idCells;
  const parentCells = toParents(parents);
  if (parentCells instanceof CellError) return parentCells;
  const rows = toValueRows(values, idCells, "values");
  if (rows instanceof CellError) return rows;
  const hierarchy = toHierarchy(idCells, parentCells);
  if (hierarchy instanceof CellError) return hierarchy;
  const targets = toTargets(nodes, hierarchy);
  if (targets instanceof CellError) return targets;

  const columns = rows[0].length;
  const totals = rollUp(hierarchy, rows, columns, how);
  const grid = new Array<ResultCell[]>(targets.length);
  // Rows holding an error (avg's #DIV/0!, a request's #N/A): the Excel adapter checks only these.
  const errorRows: number[] = [];
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    if (typeof target === "number") {
      const before = totals.errorRows;
      grid[i] = totals.row(target);
      if (totals.errorRows !== before) errorRows.push(i);
    } else {
      grid[i] = filledRow(target, columns);
      if (target !== "") errorRows.push(i);
    }
  }
  return plainGrid(grid, errorRows);
}

/** LEVEL: depth of each node, root = 1. */
export function level(ids: unknown, parents: unknown, nodes?: unknown): FormulaResult {
  const tree = readTree(ids, parents);
  if (tree instanceof CellError) return tree;
  const targets = toTargets(nodes, tree.hierarchy);
  if (targets instanceof CellError) return targets;
  const depth = tree.hierarchy.depth;
  const grid = new Array<ResultCell[]>(targets.length);
  let requestError = false;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    if (typeof target === "number") grid[i] = [depth[target]];
    else {
      grid[i] = [target];
      if (target !== "") requestError = true;
    }
  }
  return requestError ? grid : plainGrid(grid);
}

/** PATH: the ids from the root down to each node, joined by `separator` (default " > "). */
export function path(ids: unknown, parents: unknown, nodes?: unknown, separator?: unknown): FormulaResult {
  const joiner = parseSeparator(separator);
  if (joiner instanceof CellError) return joiner;
  const tree = readTree(ids, parents);
  if (tree instanceof CellError) return tree;
  const targets = toTargets(nodes, tree.hierarchy);
  if (targets instanceof CellError) return targets;
  const paths = allPaths(tree.hierarchy, joiner);
  const grid = new Array<ResultCell[]>(targets.length);
  for (let i = 0; i < targets.length; i++) grid[i] = [pathCell(tree.hierarchy, paths, targets[i])];
  return grid;
}

/**
 * Every node's path, parents first in hierarchy order, each extending its parent's. JavaScript
 * engines concatenate without copying, so this is linear even for a 100,000-deep chain whose
 * paths, written out, would be quadratic. A path past MAX_TEXT_LENGTH is undefined, and so are
 * its descendants'.
 */
function allPaths(hierarchy: Hierarchy, separator: string): (string | undefined)[] {
  const paths = new Array<string | undefined>(hierarchy.nodeCount);
  const order = hierarchy.order;
  for (let i = 0; i < order.length; i++) {
    const node = order[i];
    const up = hierarchy.parent[node];
    const name = hierarchy.ids[node];
    const above = up < 0 ? "" : paths[up];
    if (above === undefined) continue;
    const length = up < 0 ? name.length : above.length + separator.length + name.length;
    if (length <= MAX_TEXT_LENGTH) paths[node] = up < 0 ? name : above + separator + name;
  }
  return paths;
}

function pathCell(hierarchy: Hierarchy, paths: readonly (string | undefined)[], target: Target): ResultCell {
  if (typeof target !== "number") return target;
  return paths[target] ?? new CellError("VALUE", messages.pathTooLong(hierarchy.ids[target], MAX_TEXT_LENGTH));
}

/** CHILDREN: the node's direct children in sheet order; `#N/A` if it has none. */
export function children(ids: unknown, parents: unknown, node: unknown): FormulaResult {
  const tree = readTree(ids, parents);
  if (tree instanceof CellError) return tree;
  const parent = toNode(node, tree.hierarchy);
  if (parent instanceof CellError) return parent;
  const kids = tree.hierarchy.children(parent);
  if (kids.length === 0) return new CellError("NA", messages.noChildren(tree.hierarchy.ids[parent]));
  return idColumn(tree, kids);
}

/**
 * DESCENDANTS: all nodes below the node, depth-first with siblings in sheet order (the node itself
 * excluded), or only the leaves among them when `leavesOnly` is TRUE. A node with nothing below it
 * gives `#N/A` "X has no descendants", with or without leavesOnly: an empty spill is not a value.
 */
export function descendants(ids: unknown, parents: unknown, node: unknown, leavesOnly?: unknown): FormulaResult {
  const leaves = parseFlag(leavesOnly, "leavesOnly");
  if (leaves instanceof CellError) return leaves;
  const tree = readTree(ids, parents);
  if (tree instanceof CellError) return tree;
  const top = toNode(node, tree.hierarchy);
  if (top instanceof CellError) return top;
  const hierarchy = tree.hierarchy;
  let below = hierarchy.descendants(top);
  if (leaves) below = below.filter((n) => hierarchy.isLeaf(n));
  if (below.length === 0) return new CellError("NA", messages.noDescendants(hierarchy.ids[top]));
  return idColumn(tree, below);
}

/** TREE: every id in hierarchy order: depth-first, roots and siblings in sheet order. */
export function tree(ids: unknown, parents: unknown): FormulaResult {
  const read = readTree(ids, parents);
  if (read instanceof CellError) return read;
  if (read.hierarchy.nodeCount === 0) return new CellError("NA", messages.noIds);
  return idColumn(read, read.hierarchy.order);
}

/**
 * PARENTS: the parent column of a sheet laid out by outline levels (1 = root). A row's parent is
 * the nearest id above it with a level one less; blank-id rows are skipped and give "". Levels are
 * whole numbers, or text holding one ("2"); the first id must be at level 1 and no id may be more
 * than one level below the id above it.
 */
export function parentsFromLevels(ids: unknown, levels: unknown): FormulaResult {
  const idCells = toIds(ids);
  if (idCells instanceof CellError) return idCells;
  const levelCells = toVector(levels, "levels");
  if (levelCells instanceof CellError) return levelCells;
  const cells = idCells.cells;
  if (levelCells.cells.length !== cells.length) {
    return new CellError("VALUE", messages.rowCountMismatch("levels", levelCells.cells.length, cells.length));
  }

  const levelOf = new Array<OutlineLevel>(cells.length);
  for (let row = 0; row < cells.length; row++) {
    if (idKey(cells[row]) === undefined) {
      levelOf[row] = null;
      continue;
    }
    const depth = readLevel(levelCells.cells[row], cells[row], row + 1);
    if (depth instanceof CellError) return depth;
    levelOf[row] = depth;
  }
  const outline = outlineParents(levelOf);
  if (outline.problems.length > 0) {
    const problem = outline.problems[0];
    const id = idText(cells[problem.row - 1]);
    return new CellError(
      "VALUE",
      problem.kind === "jump"
        ? messages.levelJump(problem.level, id, problem.row, problem.above)
        : messages.firstLevel(problem.level, id, problem.row),
    );
  }
  const grid = new Array<ResultCell[]>(cells.length);
  for (let row = 0; row < cells.length; row++) {
    const parent = outline.parents[row];
    grid[row] = [levelOf[row] === null || parent < 0 ? "" : idResult(cells[parent])];
  }
  return grid;
}

function readLevel(cell: unknown, id: unknown, row: number): number | CellError {
  const name = idText(id);
  // 0 is how Excel on the desktop passes an empty cell (office-js #4702); no level is 0 anyway.
  if (isBlank(cell) || cell === 0) return new CellError("VALUE", messages.levelBlankOrZero(name, row));
  const depth = typeof cell === "string" && /^\s*\d+\s*$/.test(cell) ? Number(cell) : cell;
  if (typeof depth === "number" && Number.isInteger(depth) && depth >= 1) return depth;
  const shown = typeof cell === "number" ? String(cell) : `"${idText(cell)}"`;
  return new CellError("VALUE", messages.levelNotWhole(shown, name, row));
}
