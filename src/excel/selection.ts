/** Going to a node's row, and learning which node the user selected. */
import { parseAddress } from "../core/a1";
import { TABLES, hierarchyRowOf, nodeColumnOf, nodeIdIn } from "../core/plan/layout";
import type { ExcelRun } from "./run";
import { locate } from "./tableReads";
import { bodyRow } from "./tableRows";

/** Selects the node's row of the hierarchy table, through the table (its sheet may have been renamed). */
export async function selectNode(context: Excel.RequestContext, id: string): Promise<void> {
  const hierarchy = locate(context, "hierarchy");
  await context.sync();
  const row = hierarchyRowOf(hierarchy.result().ids, id);
  const range = bodyRow(context, TABLES.hierarchy, row);
  range.worksheet.activate();
  range.select();
  await context.sync();
}

/** Calls `listener` with the node of each selection the user makes; returns unsubscribe. */
export function onSelectNode(run: ExcelRun, listener: (id: string | null) => void): () => void {
  let active = true;
  let latest = 0;
  const registration = run(async (context) => {
    const handler = context.workbook.worksheets.onSelectionChanged.add(async (event) => {
      const call = ++latest;
      const id = await nodeAt(run, event.worksheetId, event.address);
      // Selections can overtake each other's reads; only the newest one is reported.
      if (active && call === latest) listener(id);
    });
    await context.sync();
    return handler;
  });
  return () => {
    active = false;
    void registration.then((handler) =>
      run(async (context) => {
        handler.remove();
        await context.sync();
      }, handler.context),
    );
  };
}

async function nodeAt(run: ExcelRun, worksheetId: string, address: string): Promise<string | null> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(worksheetId).load("name");
    const row = parseAddress(address)?.row ?? 0;
    const cells = sheet.getRangeByIndexes(row, 0, 1, 3).load("values");
    await context.sync();
    const column = nodeColumnOf(sheet.name);
    if (column === null || row < column.firstRow) return null;
    return nodeIdIn(cells.values[0][column.col]);
  });
}
