/**
 * Adding one of the plan's optional tables in Excel: the capacity table
 * (src/core/plan/layout/capacityTable.ts) or last year's reference values (referenceTable.ts). Two
 * syncs: what exists (the table, a sheet of its name) with the settings, then the whole write.
 * The table is made as Microsoft's "Work with tables using the Excel JavaScript API" shows
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables): `tables.add` over
 * the header row and the blank row, then its name set; `getItemOrNullObject` tells whether the
 * table or sheet is there without an error (Excel.TableCollection, "*OrNullObject methods").
 */
import { PlanLayoutError, TABLES, type LayoutProblem } from "../core/plan/layout";
import { TABLE_SHEETS } from "../core/plan/layout/names";
import { optionalTableLayout, optionalTableMessages, type OptionalTable } from "../core/plan/layout/optionalTables";
import type { OptionalTableAdded } from "../workbook/PlanWorkbook";
import { SheetCache, writeSlice } from "./sheetWrites";
import { settingsFrom } from "./settingsFrom";

export async function addOptionalTable(
  context: Excel.RequestContext,
  kind: OptionalTable,
): Promise<OptionalTableAdded> {
  const tables = context.workbook.tables;
  const existing = tables.getItemOrNullObject(TABLES[kind]).load("name");
  // The pane offers this only with a plan; without one Excel's ItemNotFound reaches the pane's message.
  const settings = tables.getItem(TABLES.settings).getRange().load("values");
  const sheet = context.workbook.worksheets.getItemOrNullObject(TABLE_SHEETS[kind]).load("name");
  await context.sync();

  const problems: LayoutProblem[] = [];
  const planSettings = settingsFrom(settings.values, problems);
  if (planSettings === null) throw new PlanLayoutError(problems);
  const { table, blocks } = optionalTableLayout(kind, planSettings);
  const worksheets = new SheetCache(context);
  if (!existing.isNullObject) {
    worksheets.get(table.sheet).activate();
    await context.sync();
    return "exists";
  }
  if (!sheet.isNullObject) throw new Error(optionalTableMessages.sheetTaken(kind, table.sheet));

  const target = worksheets.add(table.sheet);
  for (const block of blocks) writeSlice(worksheets, { block, fromRow: 0, rowCount: block.rowCount });
  target.tables.add(target.getRangeByIndexes(0, 0, table.rowCount, table.colCount), true).name = table.name;
  target.activate();
  target.getRangeByIndexes(1, 0, 1, 1).select();
  await context.sync();
  return "added";
}
