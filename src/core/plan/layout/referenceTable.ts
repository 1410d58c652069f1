/**
 * The plan's optional reference table: "GU Reference" / GuReference, anchored at A1, last year's
 * values per node and period, set beside every field a contributor fills and measured against by
 * the growth guardrails (src/core/plan/guardrails.ts):
 *
 *   Id | <period 1> | <period 2> | ... | Forecast <period 1> | Forecast <period 2> | ...
 *
 * (a value column per measure and period, measures.ts). The Forecast columns hold this year's
 * forecast, shown beside each field as last year is; a table without them (added before they
 * existed) has no forecast.
 * The pane adds it on request (a plan without it works as before) and the planner fills it by
 * pasting last year's figures, ids first. Columns are found by header; a period without a column
 * has no reference. A bad row never stops the plan being read: it is a problem the pane lists,
 * naming the row and the fix, and is left out.
 */
import { asNumber, idKey, idText, isBlank } from "../../cell";
import { layoutMessages } from "../../messages";
import type { PlanNode, PlanSettings, ReferenceValues } from "../types";
import { blankTableLayout, type BlankTableLayout } from "./blankTable";
import { GENERAL, numberFormat } from "./cells";
import { findColumn, sheetRowOf, type TableGrid } from "./grids";
import { ID_HEADER, SHEETS, TABLES } from "./names";
import type { TerritoryProblem } from "../../territory/messages";
import { valueColumnInfo, valueColumns } from "../measures";

/** The header of a value column's forecast in GU Reference. */
function forecastHeader(column: string): string {
  return `Forecast ${column}`;
}

/**
 * The new reference table for the plan's value columns, last year's then this year's forecast:
 * headers as text and one blank row in each measure's number format.
 */
export function referenceTableLayout(settings: PlanSettings): BlankTableLayout {
  const formats = valueColumnInfo(settings).map((column) => numberFormat(column.decimals));
  const labels = valueColumns(settings);
  return blankTableLayout(
    "reference",
    [ID_HEADER, ...labels, ...labels.map(forecastHeader)],
    [GENERAL, ...formats, ...formats],
  );
}

/** Last year's values of the plan's nodes, by node id as the plan writes it, from the table's grid. */
export function readReferenceGrid(
  grid: TableGrid,
  periods: readonly string[],
  nodes: readonly PlanNode[],
): ReferenceValues {
  const sheet = SHEETS.reference;
  const idColumn = findColumn(grid.headers, ID_HEADER);
  if (idColumn < 0) {
    return {
      values: new Map(),
      problems: [problem(1, layoutMessages.optionalColumn(TABLES.reference, sheet, ID_HEADER))],
    };
  }
  const columns = periods.map((period) => findColumn(grid.headers, period));
  const forecastColumns = periods.map((period) => findColumn(grid.headers, forecastHeader(period)));
  const hasForecast = forecastColumns.some((c) => c >= 0);
  const forecast = new Map<string, (number | null)[]>();
  const ids = new Map(nodes.map((node) => [idKey(node.id) as string, node.id]));
  const values = new Map<string, (number | null)[]>();
  const firstRows = new Map<string, number>();
  const problems: TerritoryProblem[] = [];
  grid.rows.forEach((cells, index) => {
    const row = sheetRowOf(index);
    const key = idKey(cells[idColumn]);
    if (key === undefined) {
      if ([...columns, ...forecastColumns].some((c) => c >= 0 && !isBlank(cells[c])))
        problems.push(problem(row, referenceMessages.noId(row)));
      return;
    }
    const id = ids.get(key);
    const written = idText(cells[idColumn]).trim();
    if (id === undefined) {
      problems.push(problem(row, referenceMessages.unknownId(written, row)));
      return;
    }
    const first = firstRows.get(key);
    if (first !== undefined) {
      problems.push({ row, rows: [first, row], message: referenceMessages.duplicate(written, first, row) });
      return;
    }
    firstRows.set(key, row);
    const readColumns = (at: readonly number[], header: (period: string) => string): (number | null)[] =>
      periods.map((period, p) => {
        const cell = at[p] < 0 ? null : cells[at[p]];
        const number = isBlank(cell) ? null : (asNumber(cell) ?? null);
        if (!isBlank(cell) && number === null)
          problems.push(problem(row, referenceMessages.notANumber(written, header(period), row)));
        return number;
      });
    values.set(
      id,
      readColumns(columns, (period) => period),
    );
    if (hasForecast) forecast.set(id, readColumns(forecastColumns, forecastHeader));
  });
  return { values, problems, ...(hasForecast ? { forecast } : {}) };
}

function problem(row: number, message: string): TerritoryProblem {
  return { row, rows: [row], message };
}

export const referenceMessages = {
  noId: (row: number): string => `Row ${row} of GU Reference has values but no id; enter the node's id in column Id`,
  unknownId: (id: string, row: number): string =>
    `"${id}" (row ${row} of GU Reference) is not a node of the plan; correct the id or delete the row`,
  duplicate: (id: string, first: number, row: number): string =>
    `"${id}" is in GU Reference twice (rows ${first} and ${row}); row ${row} is left out, delete one of them`,
  notANumber: (id: string, period: string, row: number): string =>
    `"${id}" ${period} (row ${row} of GU Reference) is not a number; enter a number or leave it blank`,
} as const;
