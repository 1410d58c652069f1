/** Which node a selected cell of a plan sheet is about, and which row of the hierarchy is a node's. */
import { idKey } from "../../cell";
import { layoutMessages } from "../../messages";
import { cellText } from "./cells";
import { AUDIT_HEADERS, SHEETS } from "./names";
import { REPORT_FIRST_ROW } from "./report";

/**
 * Where a plan sheet shows the node id of a row: the column, and the first row (0-based) that is
 * a node's. The report's id column holds formulas, so this needs a workbook that computes them
 * (Excel); without one, use `nodeCellFor`.
 */
export function nodeColumnOf(sheet: string): { readonly col: number; readonly firstRow: number } | null {
  const name = sheet.toLowerCase();
  if (name === SHEETS.report.toLowerCase()) return { col: 0, firstRow: REPORT_FIRST_ROW };
  const cell = nodeCellFor(sheet, 1);
  return cell === null ? null : { col: cell.col, firstRow: 1 };
}

/**
 * The cell holding the id of the node on `row` (0-based) of `sheet`, or null when the row is not a
 * node's (a header, another sheet). A report row points at its hierarchy row, which it mirrors.
 */
export function nodeCellFor(
  sheet: string,
  row: number,
): { readonly sheet: string; readonly row: number; readonly col: number } | null {
  const name = sheet.toLowerCase();
  if (name === SHEETS.report.toLowerCase()) {
    return row < REPORT_FIRST_ROW ? null : { sheet: SHEETS.hierarchy, row: row - REPORT_FIRST_ROW + 1, col: 0 };
  }
  if (row < 1) return null;
  if (name === SHEETS.audit.toLowerCase()) return { sheet: SHEETS.audit, row, col: AUDIT_HEADERS.indexOf("Node") };
  const perNode = [SHEETS.hierarchy, SHEETS.inputs, SHEETS.targets, SHEETS.status].find(
    (candidate) => candidate.toLowerCase() === name,
  );
  return perNode === undefined ? null : { sheet: perNode, row, col: 0 };
}

/** The node id an id cell holds, or null when it is blank. */
export function nodeIdIn(value: unknown): string | null {
  const id = cellText(value).trim();
  return id === "" ? null : id;
}

/** 0-based body row of `id` among the hierarchy's Id cells (one row each); throws for an unknown id. */
export function hierarchyRowOf(ids: readonly (readonly unknown[])[], id: string): number {
  const key = idKey(id);
  const row = ids.findIndex((cells) => idKey(cells[0]) === key);
  if (key === undefined || row < 0) throw new Error(layoutMessages.noSuchNode(id));
  return row;
}
