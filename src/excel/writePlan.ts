import { localAddress } from "../core/a1";
import {
  AUDIT_TABLE,
  PLAN_TABLES,
  SHEETS,
  TABLES,
  auditHeaderBlock,
  buildPlanLayout,
  type PlanLayout,
  type TableLayout,
} from "../core/plan/layout";
import type { PlanSetup } from "../workbook/PlanWorkbook";
import { appendAudit } from "./audit";
import { setupAuditRows } from "./setupAudit";
import { hintsFromLayout, type RowHints } from "./hints";
import { SheetCache, writeBlocks, writeSlice } from "./sheetWrites";
import { planGrids, readTables, tableAndSheetNames, tablesPresent } from "./tableReads";

/**
 * Sets the plan up, keeping what the per-node tables hold (`buildPlanLayout`); notes in `hints`
 * where the rows now are.
 */
export async function writePlan(
  context: Excel.RequestContext,
  setup: PlanSetup,
  writeBudget: number,
  hints: RowHints,
): Promise<void> {
  const { tables, sheets } = await tableAndSheetNames(context);
  // The whole plan as it was, for the audit rows of what this setup changes (setupAudit.ts).
  const kept = tablesPresent(PLAN_TABLES, tables);
  const audit = setupAuditRows(context, tables, setup);
  const read = await readTables(
    context,
    kept.map((table) => TABLES[table]),
  );
  const grids = planGrids(kept, read);
  const layout = buildPlanLayout(setup, grids);
  const auditRows = await audit.rows(grids, kept.length > 0);

  const worksheets = new SheetCache(context);
  await writeBlocks(context, worksheets, layout.blocks, writeBudget, {
    first: () => prepareStructure(context, worksheets, layout, tables, sheets),
    last: () => {
      addToleranceRules(worksheets, layout);
      appendAudit(context, worksheets, auditRows.place, auditRows.rows);
      worksheets.get(SHEETS.report).activate();
    },
  });
  hints.update(hintsFromLayout(layout));
}

/** Queues the tables' creation or resizing, the audit table if missing, and a cleared report sheet. */
function prepareStructure(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  layout: PlanLayout,
  tables: ReadonlySet<string>,
  sheets: Set<string>,
): void {
  const sheetFor = (name: string): Excel.Worksheet => {
    if (sheets.has(name.toLowerCase())) return worksheets.get(name);
    sheets.add(name.toLowerCase());
    return worksheets.add(name);
  };
  const place = (table: TableLayout): void => {
    const sheet = sheetFor(table.sheet);
    const range = sheet.getRangeByIndexes(0, 0, table.rowCount, table.colCount);
    if (tables.has(table.name.toLowerCase())) {
      const existing = context.workbook.tables.getItem(table.name);
      existing.getRange().clear("Contents");
      existing.resize(range);
    } else {
      sheet.tables.add(range, true).name = table.name;
    }
  };
  for (const table of layout.tables) place(table);
  if (!tables.has(TABLES.audit.toLowerCase())) {
    place(AUDIT_TABLE);
    writeSlice(worksheets, { block: auditHeaderBlock(), fromRow: 0, rowCount: 1 });
  }
  const report = sheetFor(SHEETS.report).getRange();
  report.clear("All");
  report.conditionalFormats.clearAll();
}

function addToleranceRules(worksheets: SheetCache, layout: PlanLayout): void {
  for (const rule of layout.rules) {
    const format = worksheets.get(rule.range.sheet).getRange(localAddress(rule.range)).conditionalFormats.add("Custom");
    format.custom.rule.formula = rule.formula;
    format.custom.format.fill.color = rule.fill;
    format.custom.format.font.color = rule.fontColor;
  }
}
