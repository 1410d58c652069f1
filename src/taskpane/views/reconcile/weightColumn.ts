import { asNumber, idKey } from "../../../core/cell";
import { cellText } from "../../../core/plan/layout";
import type { SourceTable } from "../../../workbook/PlanWorkbook";

/** The header row's cells as text, "Column 3" where a header is blank. */
export function tableHeaders(table: SourceTable): string[] {
  return (table.rows[0] ?? []).map((cell, c) => {
    const text = cellText(cell).trim();
    return text === "" ? `Column ${c + 1}` : text;
  });
}

/** The column headed "Id" (ignoring case), else the first. */
export function guessIdColumn(headers: readonly string[]): number {
  return Math.max(
    0,
    headers.findIndex((header) => header.toLowerCase() === "id"),
  );
}

/** The first column besides the ids that holds a number below its header, else the one after the ids. */
export function guessWeightColumn(table: SourceTable, idColumn: number): number {
  const width = table.rows[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    if (c !== idColumn && table.rows.slice(1).some((row) => asNumber(row[c]) !== undefined)) return c;
  }
  return Math.min(idColumn + 1, Math.max(0, width - 1));
}

/**
 * Weights by id from two columns of a table: rows without an id or without a number are left out
 * (the allocation then warns that the node has no weight); the first row of an id counts.
 */
export function weightsFrom(table: SourceTable, idColumn: number, weightColumn: number): Map<string, number> {
  const weights = new Map<string, number>();
  const seen = new Set<string>();
  for (const row of table.rows.slice(1)) {
    const key = idKey(row[idColumn]);
    const weight = asNumber(row[weightColumn]);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    if (weight !== undefined) weights.set(cellText(row[idColumn]).trim(), weight);
  }
  return weights;
}
