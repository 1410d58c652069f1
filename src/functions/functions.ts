/**
 * The BU.* custom functions. The JSDoc of each export is its metadata: custom-functions-metadata
 * turns it into functions.json, which is what Excel shows in formula autocomplete. Each body hands
 * its arguments to the core formula through the mapper in ./toExcel; the rules live in src/core/formulas.
 *
 * Optional parameters have no default initialisers: Excel passes an omitted argument as null, and
 * the core treats null and undefined alike as "omitted". They are typed `T`, not `T | null`, because
 * the generator reads a union as a single cell of any type, which would lose a range's matrix shape.
 */

import { allocateFormula, cascade, variance } from "../core/formulas/allocationFormulas";
import {
  children,
  descendants,
  level,
  parentsFromLevels,
  path,
  rollup,
  tree,
} from "../core/formulas/hierarchyFormulas";
import { spreadFormula } from "../core/formulas/spreadFormula";
import { callFromExcel } from "./toExcel";

/**
 * Rolls values up a hierarchy: each node's own value plus every descendant's, per period column.
 * @customfunction ROLLUP
 * @param ids Column of node ids (e.g. A2:A99). Matched as text, ignoring case and surrounding spaces; rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @param values One column per period, same rows as ids. Numbers count; blanks, text and TRUE/FALSE are ignored, as SUM does.
 * @param nodes One id or a column of ids to report on. Omitted: one result row per row of ids.
 * @param method "sum" (default), "count", "avg", "min" or "max".
 * @returns One row per node (or per requested node) and one column per period.
 * @helpurl https://localhost:3000/help.html#burollup
 */
export function ROLLUP(ids: any[][], parents: any[][], values: any[][], nodes?: any[][], method?: string): any[][] {
  return callFromExcel(rollup, ids, parents, values, nodes, method);
}

/**
 * Compares actuals with targets cell by cell: difference, percentage or ratio.
 * @customfunction VARIANCE
 * @param actual Range of actual or bottom-up values, e.g. a BU.ROLLUP result.
 * @param target Range of targets, the same shape as actual, or a single cell applied to every cell.
 * @param mode "abs" (default) actual - target; "pct" (actual - target) / ABS(target); "ratio" actual / target.
 * @returns A grid the shape of the larger input; blank where either side is blank or text.
 * @helpurl https://localhost:3000/help.html#buvariance
 */
export function VARIANCE(actual: any[][], target: any[][], mode?: string): any[][] {
  return callFromExcel(variance, actual, target, mode);
}

/**
 * Splits a total across weights in proportion, rounded so the parts add up exactly to the total.
 * @customfunction ALLOCATE
 * @param total The amount to split.
 * @param weights Range of weights, any shape. Blank and text cells take no share; all zero weights split evenly.
 * @param decimals Decimal places of each part. Omitted: 0 (whole numbers).
 * @returns A grid the shape of weights holding each cell's share.
 * @helpurl https://localhost:3000/help.html#buallocate
 */
export function ALLOCATE(total: number, weights: any[][], decimals?: number): any[][] {
  return callFromExcel(allocateFormula, total, weights, decimals);
}

/**
 * Spreads a total over periods by a profile, rounded so the periods add up exactly to the total.
 * @customfunction SPREAD
 * @param total The amount to spread, e.g. an annual target.
 * @param profile A range with one cell per period: shares if every number is below 1 (they must total 100%), otherwise weights used in proportion, such as last year's values. Or one cell: a number of periods to spread evenly, or "4-4-5", "4-5-4" or "5-4-4" (add "/53" for a 53-week year) for 12 months by their weeks.
 * @param decimals Decimal places of each part. Omitted: 0 (whole numbers).
 * @returns A grid the shape of profile; a row of the periods for a number or a week pattern.
 * @helpurl https://localhost:3000/help.html#buspread
 */
export function SPREAD(total: number, profile: any[][], decimals?: number): any[][] {
  return callFromExcel(spreadFormula, total, profile, decimals);
}

/**
 * Cascades top-down targets to every node, sharing each parent's target by weight.
 * @customfunction CASCADE
 * @param ids Column of node ids (e.g. A2:A99). Rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @param targets One column per period, same rows as ids. A number is a target the node keeps; blank means it takes a share from its parent.
 * @param weights One column per period, same rows as ids, e.g. the BU.ROLLUP of bottom-up values. Blank, text and negative weights count as 0.
 * @param decimals Decimal places each share is rounded to. Omitted: shares are not rounded.
 * @param exactBlanks TRUE when blanks come as empty text, e.g. IF(ISBLANK(r),"",r): a 0 target is then kept as 0, and a node with a blank weight gets an even share. Omitted or FALSE: a 0 target is no target and a blank weight is 0 (Excel on Windows passes empty cells as 0).
 * @param overAssignment How far a manager's target stands above the sum of their team's, from 100% to 300%, e.g. 110% or 1.1: each parent passes its target / 1.1 down, at every level. Omitted, blank or 0: 100% (none).
 * @returns One row per row of ids and one column per period; blank for nodes with no target above them.
 * @helpurl https://localhost:3000/help.html#bucascade
 */
export function CASCADE(
  ids: any[][],
  parents: any[][],
  targets: any[][],
  weights: any[][],
  decimals?: number,
  exactBlanks?: boolean,
  overAssignment?: number,
): any[][] {
  return callFromExcel(cascade, ids, parents, targets, weights, decimals, exactBlanks, overAssignment);
}

/**
 * Depth of each node in the hierarchy; a root is level 1.
 * @customfunction LEVEL
 * @param ids Column of node ids (e.g. A2:A99). Rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @param nodes One id or a column of ids to report on. Omitted: one result per row of ids.
 * @returns A column of levels.
 * @helpurl https://localhost:3000/help.html#bulevel
 */
export function LEVEL(ids: any[][], parents: any[][], nodes?: any[][]): any[][] {
  return callFromExcel(level, ids, parents, nodes);
}

/**
 * Path of each node from its root down, e.g. "Company > EMEA > UK".
 * @customfunction PATH
 * @param ids Column of node ids (e.g. A2:A99). Rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @param nodes One id or a column of ids to report on. Omitted: one result per row of ids.
 * @param separator Text between ids. Omitted: " > ".
 * @returns A column of paths, ids as written in ids.
 * @helpurl https://localhost:3000/help.html#bupath
 */
export function PATH(ids: any[][], parents: any[][], nodes?: any[][], separator?: string): any[][] {
  return callFromExcel(path, ids, parents, nodes, separator);
}

/**
 * Lists the direct children of a node, in sheet order.
 * @customfunction CHILDREN
 * @param ids Column of node ids (e.g. A2:A99). Rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @param node The id whose children to list.
 * @returns A column of child ids, as written in ids; #N/A if the node has none.
 * @helpurl https://localhost:3000/help.html#buchildren
 */
export function CHILDREN(ids: any[][], parents: any[][], node: any): any[][] {
  return callFromExcel(children, ids, parents, node);
}

/**
 * Lists every node below a node, depth-first in sheet order.
 * @customfunction DESCENDANTS
 * @param ids Column of node ids (e.g. A2:A99). Rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @param node The id whose descendants to list.
 * @param leavesOnly TRUE lists only descendants without children. Omitted: FALSE.
 * @returns A column of descendant ids, as written in ids.
 * @helpurl https://localhost:3000/help.html#budescendants
 */
export function DESCENDANTS(ids: any[][], parents: any[][], node: any, leavesOnly?: boolean): any[][] {
  return callFromExcel(descendants, ids, parents, node, leavesOnly);
}

/**
 * Lists all ids in hierarchy order (depth-first, siblings in sheet order) for indented reports.
 * @customfunction TREE
 * @param ids Column of node ids (e.g. A2:A99). Rows with a blank id are skipped.
 * @param parents Column with each row's parent id, same rows as ids. Blank means the node is a root.
 * @returns A column of ids, as written in ids, each parent directly above its subtree.
 * @helpurl https://localhost:3000/help.html#butree
 */
export function TREE(ids: any[][], parents: any[][]): any[][] {
  return callFromExcel(tree, ids, parents);
}

/**
 * Derives the parent column from outline levels, for sheets without one.
 * @customfunction PARENTS
 * @param ids Column of node ids (e.g. A2:A99), in outline order.
 * @param levels Column of outline levels, same rows as ids: 1 for a root, each row at most one level below the row above.
 * @returns A column of parent ids, aligned with ids; blank for roots. Feed it to the parents argument of the other BU functions.
 * @helpurl https://localhost:3000/help.html#buparents
 */
export function PARENTS(ids: any[][], levels: any[][]): any[][] {
  return callFromExcel(parentsFromLevels, ids, levels);
}
