import { layoutMessages, sharingMessages } from "../core/messages";
import { PLAN_TABLES, TABLES, planFromGrids, toCellInput } from "../core/plan/layout";
import {
  SNAPSHOT_INDEX,
  SnapshotError,
  findSnapshot,
  readSnapshotGrid,
  readSnapshotIndex,
  snapshotIndexHeader,
  snapshotInfos,
  snapshotWrite,
  type Snapshot,
  type SnapshotInfo,
} from "../core/sharing/snapshots";
import { SheetCache, writeBlocks, writeSlice } from "./sheetWrites";
import { appendRows, type Append } from "./tableRows";
import { planGrids, readTables, tableAndSheetNames, tableNames, tablesPresent } from "./tableReads";

/** Saves a snapshot of the plan in a sheet and table of its own, and lists it in the index. */
export async function saveSnapshot(
  context: Excel.RequestContext,
  info: SnapshotInfo,
  writeBudget: number,
): Promise<void> {
  const { tables: existing, sheets } = await tableAndSheetNames(context);
  if (!existing.has(TABLES.settings.toLowerCase())) throw new Error(layoutMessages.noPlan);
  const present = tablesPresent(PLAN_TABLES, existing);
  const hasIndex = existing.has(SNAPSHOT_INDEX.table.toLowerCase());
  const read = await readTables(context, [
    ...present.map((table) => TABLES[table]),
    ...(hasIndex ? [SNAPSHOT_INDEX.table] : []),
  ]);
  const plan = planFromGrids(planGrids(present, read));
  const index = readSnapshotIndex(hasIndex ? read[present.length].grid : undefined);
  const taken = new Set([...existing, ...sheets]);
  const write = snapshotWrite(plan, info, index, taken);

  const worksheets = new SheetCache(context);
  let listed: Append | null = null;
  await writeBlocks(context, worksheets, write.blocks, writeBudget, {
    first: () => {
      const sheet = worksheets.add(write.sheet);
      sheet.tables.add(sheet.getRangeByIndexes(0, 0, write.rowCount, write.colCount), true).name = write.table;
    },
    last: () => {
      const row = write.indexRow.map(toCellInput);
      if (hasIndex) {
        // Set below the index table, which grows over it (never `rows.add`: see tableRows.ts); checked by the table name.
        listed = appendRows(context, SNAPSHOT_INDEX.table, SNAPSHOT_INDEX.headers.length - 1, [row], [write.table]);
      } else {
        const header = snapshotIndexHeader();
        const sheet = taken.has(header.sheet.toLowerCase())
          ? worksheets.get(header.sheet)
          : worksheets.add(header.sheet);
        sheet.tables.add(sheet.getRangeByIndexes(0, 0, 2, header.colCount), true).name = SNAPSHOT_INDEX.table;
        writeSlice(worksheets, { block: header, fromRow: 0, rowCount: 1 });
        sheet.getRangeByIndexes(1, 0, 1, header.colCount).values = [row];
      }
    },
  });
  (listed as Append | null)?.check();
}

export async function listSnapshots(context: Excel.RequestContext): Promise<SnapshotInfo[]> {
  const table = context.workbook.tables.getItemOrNullObject(SNAPSHOT_INDEX.table).load("name");
  await context.sync();
  if (table.isNullObject) return [];
  const range = table.getRange().load("values");
  await context.sync();
  const [headers, ...rows] = range.values;
  return snapshotInfos(readSnapshotIndex({ headers, rows }));
}

export async function readSnapshot(context: Excel.RequestContext, name: string): Promise<Snapshot> {
  const existing = await tableNames(context);
  if (!existing.has(SNAPSHOT_INDEX.table.toLowerCase()))
    throw new SnapshotError(sharingMessages.noSuchSnapshot(name.trim()));
  const range = context.workbook.tables.getItem(SNAPSHOT_INDEX.table).getRange().load("values");
  await context.sync();
  const [headers, ...rows] = range.values;
  const entry = findSnapshot(readSnapshotIndex({ headers, rows }), name);
  if (!existing.has(entry.table.toLowerCase())) throw new SnapshotError(sharingMessages.noSuchSnapshot(entry.name));
  const [table] = await readTables(context, [entry.table]);
  return readSnapshotGrid(entry, table.grid);
}
