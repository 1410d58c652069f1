/**
 * The plan in an Excel workbook, through Office.js: the only home of `Excel.run` in the add-in.
 * Every method is one logical step: read what it needs in as few syncs as it can, decide with the
 * pure layout (src/core/plan/layout.ts), write in one sync, or in one sync per chunk when the write
 * is large (see writeChunks.ts). Nothing syncs per row.
 *
 * Syncs per method ("chunks" as `chunkBlocks` and `planReads` in chunks.ts cut them):
 * - readPlan: 2 + read chunks (which tables exist; their sizes; their cells).
 * - writePlan: 1 + write chunks on a new workbook; 2 + read chunks + write chunks over a plan.
 * - saveEntries: 2 (read the rows, write them with the audit entries) when this object has read
 *   or written the plan before, which tells it where each node's rows are; 3 when it has not, or a
 *   co-author has moved rows since (the first read then finds where they are now).
 * - saveTopDown: 2, plus one per further write chunk (audit rows and targets of thousands of nodes).
 * - writeDashboard: 2 to insert the sheet, 3 to refresh it (its charts' names are read once the
 *   sheet is known to exist), plus one per further write chunk.
 * - readSelection: 2, plus one per further read chunk. readTable: 3, plus one per further read chunk.
 * - selectNode: 2. listTables, selectSourceRow (range): 1.
 * - saveSnapshot: 4 (names, where the tables are, their cells, the write), plus one per further
 *   read or write chunk. listSnapshots: 2 (1 without snapshots). readSnapshot: 4, plus read chunks.
 */
import { cellAddress, intersect, localAddress, parseAddress, type CellRange } from "../core/a1";
import { idKey } from "../core/cell";
import { layoutMessages, sharingMessages } from "../core/messages";
import {
  AUDIT_TABLE,
  ID_HEADER,
  NODE_TABLES,
  PLAN_TABLES,
  PlanLayoutError,
  SHEETS,
  TABLES,
  auditCells,
  auditHeaderBlock,
  blockHasFormulas,
  blockInputs,
  buildPlanLayout,
  cellText,
  contiguousRuns,
  findColumn,
  isPlanTable,
  newRow,
  nodeColumnOf,
  periodColumns,
  readAuditGrid,
  readPlanGrids,
  readSettingsGrid,
  readStatusRow,
  readValues,
  rowIndex,
  sameStoredState,
  sheetRowOf,
  statusColumns,
  statusWrites,
  toCellInput,
  valueWrites,
  type ColumnWrite,
  type EntryColumns,
  type LayoutProblem,
  type PlanGrids,
  type PlanLayout,
  type PlanTable,
  type TableGrid,
  type TableLayout,
} from "../core/plan/layout";
import type { AuditEntry, NodeEntry, Plan, PlanSettings } from "../core/plan/types";
import { withIndents } from "../core/plan/sourceIndent";
import { emptyEntry } from "../core/plan/workflow";
import {
  SNAPSHOT_INDEX,
  SnapshotError,
  findSnapshot,
  readSnapshotGrid,
  readSnapshotIndex,
  snapshotIndexHeader,
  snapshotWrite,
  type Snapshot,
  type SnapshotInfo,
} from "../core/sharing/snapshots";
import type { ChartSpec, DashboardChartType, DashboardLayout } from "../core/progress/dashboard";
import type {
  DashboardWrite,
  EntryChange,
  EntryConflict,
  PlanSetup,
  PlanWorkbook,
  SaveResult,
  SourceRef,
  SourceTable,
  TopDownChange,
} from "../workbook/PlanWorkbook";
import {
  chunkBlocks,
  chunkBySize,
  planReads,
  READ_BUDGET_CELLS,
  READ_BUDGET_CELLS_WITH_INDENTS,
  writeBytes,
  WRITE_BUDGET_BYTES,
  type BlockSlice,
} from "./chunks";

/**
 * `Excel.run` as the adapter uses it: a new request context, or `reuse`'s (needed to remove an
 * event handler). Tests pass a function that hands over a recording context instead.
 */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  reuse?: OfficeExtension.ClientRequestContext,
) => Promise<T>;

/** The real thing, looked up at call time: `Excel` exists only once Office has loaded. */
export const excelRun: ExcelRun = (batch, reuse) => (reuse === undefined ? Excel.run(batch) : Excel.run(reuse, batch));

/**
 * Whether this Excel has `Range.getCellProperties` (ExcelApi 1.9: Excel 2019 and later, the web,
 * Mac, iPad). The manifest asks for less, so older hosts read sources without indent levels.
 */
export const excelHasCellProperties = (): boolean =>
  typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", "1.9");

/** Where a table's body is and which row holds which id, as last read or written. */
interface TableHint {
  readonly sheet: string;
  /** 0-based sheet row of the first body row */
  readonly top: number;
  /** 0-based sheet column of the table's first column */
  readonly left: number;
  readonly width: number;
  /** id key -> 0-based body row */
  readonly rows: ReadonlyMap<string, number>;
}

type HintTable = "hierarchy" | "status" | "inputs";

/** A table's body located in the sheet, with its header cells. */
interface TablePlace {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly headers: readonly unknown[];
}

interface ReadTable {
  readonly place: TablePlace;
  readonly grid: TableGrid;
}

export class ExcelPlanWorkbook implements PlanWorkbook {
  private hints: Partial<Record<HintTable, TableHint>> = {};

  constructor(
    private readonly run: ExcelRun = excelRun,
    private readonly writeBudget: number = WRITE_BUDGET_BYTES,
    private readonly hasCellProperties: () => boolean = excelHasCellProperties,
  ) {}

  async readPlan(): Promise<Plan | null> {
    return this.run(async (context) => {
      const existing = await tableNames(context);
      if (!existing.has(TABLES.settings.toLowerCase())) return null;
      const present = PLAN_TABLES.filter((table) => existing.has(TABLES[table].toLowerCase()));
      const tables = await readTables(
        context,
        present.map((table) => TABLES[table]),
      );
      const grids: PlanGrids = {};
      present.forEach((table, i) => {
        grids[table] = tables[i].grid;
      });
      const read = readPlanGrids(grids);
      if (!read.ok) throw new PlanLayoutError(read.problems);
      present.forEach((table, i) => {
        if (table === "hierarchy" || table === "status" || table === "inputs") this.hints[table] = hintFrom(tables[i]);
      });
      return read.plan;
    });
  }

  async readSelection(): Promise<SourceTable> {
    return this.run(async (context) => {
      const selected = context.workbook.getSelectedRange();
      selected.load("address");
      const used = selected.worksheet.getUsedRangeOrNullObject(true);
      used.load("address");
      await context.sync();
      const selection = parseAddress(selected.address) as CellRange;
      const cells = used.isNullObject ? null : intersect(selection, parseAddress(used.address) as CellRange);
      // The ref is the cells read, so that row N of `rows` is row N of the ref ("go to row").
      const read = cells ?? selection;
      const ref: SourceRef = { kind: "range", sheet: read.sheet, address: localAddress(read) };
      const firstRow = read.row + 1;
      if (cells === null) return { ref, rows: [], firstRow };
      const [rows] = await readRanges(context, [cells], this.hasCellProperties());
      return { ref, rows, firstRow };
    });
  }

  async listTables(): Promise<string[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      return tables.items.map((table) => table.name).filter((name) => !isPlanTable(name));
    });
  }

  async readTable(name: string): Promise<SourceTable> {
    return this.run(async (context) => {
      const existing = await tableNames(context);
      if (!existing.has(name.toLowerCase())) throw new Error(layoutMessages.noSuchTable(name));
      const [table] = await readTables(context, [name], this.hasCellProperties());
      // The body starts on the 0-based row `top`, so the header is on the 1-based row `top`.
      return {
        ref: { kind: "table", name },
        rows: [table.grid.headers, ...table.grid.rows],
        firstRow: table.place.top,
      };
    });
  }

  async writePlan(setup: PlanSetup): Promise<void> {
    await this.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const tableSet = new Set(tables.items.map((table) => table.name.toLowerCase()));
      const sheetSet = new Set(sheets.items.map((sheet) => sheet.name.toLowerCase()));

      const kept = NODE_TABLES.filter((table) => tableSet.has(TABLES[table].toLowerCase()));
      const read = await readTables(
        context,
        kept.map((table) => TABLES[table]),
      );
      const existing: PlanGrids = {};
      kept.forEach((table, i) => {
        existing[table] = read[i].grid;
      });
      const layout = buildPlanLayout(setup, existing);

      const chunks = chunkBlocks(layout.blocks, this.writeBudget);
      const worksheets = new SheetCache(context);
      for (let i = 0; i < chunks.length; i++) {
        if (i === 0) prepareStructure(context, worksheets, layout, tableSet, sheetSet);
        for (const slice of chunks[i]) writeSlice(worksheets, slice);
        if (i === chunks.length - 1) {
          addToleranceRules(worksheets, layout);
          worksheets.get(SHEETS.report).activate();
        }
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk, each under the request limit
        await context.sync();
      }
      this.hints = hintsFromLayout(layout);
    });
  }

  async saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      const settings = tables.getItem(TABLES.settings).getRange().load("values");
      const located = (["hierarchy", "status", "inputs"] as const).map((table) => locate(context, table));
      const auditTable = tables.getItemOrNullObject(TABLES.audit).load("name");
      const auditSheet = context.workbook.worksheets.getItemOrNullObject(SHEETS.audit).load("name");
      const guesses = changes.map((change) => ({
        status: this.guessRow(context, "status", change.next.id),
        inputs: this.guessRow(context, "inputs", change.next.id),
      }));
      await context.sync();

      const problems: LayoutProblem[] = [];
      const [hierarchy, status, inputs] = located.map((table) => table.result());
      const planSettings = settingsFrom(settings.values, problems);
      const statusCols = statusColumns(status.headers, problems);
      const valueCols =
        planSettings === null ? null : periodColumns("inputs", inputs.headers, planSettings.periods, problems);
      const hierarchyRows = rowIndex("hierarchy", hierarchy.ids, 0, problems);
      const statusRows = rowIndex("status", status.ids, 0, problems);
      const inputRows = rowIndex("inputs", inputs.ids, 0, problems);
      if (planSettings === null || statusCols === null || valueCols === null || problems.length > 0)
        throw new PlanLayoutError(problems);

      // A guessed row is good if the table is where it was and the id is on that row now.
      const rowsOf = changes.map((change, i) => {
        const key = idKey(change.next.id) as string;
        const pick = (place: Located, rows: ReadonlyMap<string, number>, guess: Guess | null): RowRead => {
          const row = rows.get(key);
          if (row === undefined) return { row, cells: null };
          const good =
            guess !== null &&
            guess.row === row &&
            guess.sheet === place.sheet &&
            guess.top === place.top &&
            guess.left === place.left &&
            guess.width === place.headers.length;
          return { row, cells: good ? (guess.range.values[0] as unknown[]) : undefined };
        };
        return {
          status: pick(status, statusRows, guesses[i].status),
          inputs: pick(inputs, inputRows, guesses[i].inputs),
        };
      });
      const missing = rowsOf
        .flatMap((rows) => [
          { read: rows.status, place: status },
          { read: rows.inputs, place: inputs },
        ])
        .filter(({ read }) => read.row !== undefined && read.cells === undefined);
      if (missing.length > 0) {
        const ranges = missing.map(({ read, place }) =>
          context.workbook.worksheets
            .getItem(place.sheet)
            .getRangeByIndexes(place.top + (read.row as number), place.left, 1, place.headers.length)
            .load("values"),
        );
        await context.sync();
        missing.forEach(({ read }, i) => {
          read.cells = ranges[i].values[0] as unknown[];
        });
      }

      const conflicts: EntryConflict[] = [];
      changes.forEach((change, i) => {
        const key = idKey(change.next.id) as string;
        const current = hierarchyRows.has(key)
          ? currentEntry(change.next.id, rowsOf[i].status, rowsOf[i].inputs, statusCols, valueCols, problems)
          : null;
        if (!hierarchyRows.has(key) || !sameStoredState(change.expected, current, planSettings.periods.length)) {
          conflicts.push({ id: change.next.id, mine: change.next, theirs: current });
        }
      });
      if (problems.length > 0) throw new PlanLayoutError(problems);
      if (conflicts.length > 0) return { ok: false, conflicts };

      const worksheets = new SheetCache(context);
      // The audit entries go first: should that write fail, the batch stops before any row changes.
      appendAudit(context, worksheets, auditTable.isNullObject, auditSheet.isNullObject, audit);
      const statusHint = hintFromLocated(status, statusRows);
      const inputsHint = hintFromLocated(inputs, inputRows);
      changes.forEach(({ next }, i) => {
        writeRow(
          context,
          worksheets,
          status,
          TABLES.status,
          next.id,
          rowsOf[i].status.row,
          statusWrites(next, statusCols),
          statusHint,
        );
        writeRow(
          context,
          worksheets,
          inputs,
          TABLES.inputs,
          next.id,
          rowsOf[i].inputs.row,
          valueWrites(next.values, valueCols),
          inputsHint,
        );
      });
      await context.sync();
      this.hints = {
        hierarchy: hintFromLocated(hierarchy, hierarchyRows),
        status: statusHint,
        inputs: inputsHint,
      };
      return { ok: true };
    });
  }

  async saveTopDown(changes: readonly TopDownChange[], audit: readonly AuditEntry[]): Promise<void> {
    await this.run(async (context) => {
      const tables = context.workbook.tables;
      const settings = tables.getItem(TABLES.settings).getRange().load("values");
      const hierarchyTable = locate(context, "hierarchy");
      const targetsTable = locate(context, "targets");
      const auditTable = tables.getItemOrNullObject(TABLES.audit).load("name");
      const auditSheet = context.workbook.worksheets.getItemOrNullObject(SHEETS.audit).load("name");
      await context.sync();

      const problems: LayoutProblem[] = [];
      const hierarchy = hierarchyTable.result();
      const targets = targetsTable.result();
      const planSettings = settingsFrom(settings.values, problems);
      const columns =
        planSettings === null ? null : periodColumns("targets", targets.headers, planSettings.periods, problems);
      const nodes = rowIndex("hierarchy", hierarchy.ids, 0, problems);
      const rows = rowIndex("targets", targets.ids, 0, problems);
      if (columns === null || problems.length > 0) throw new PlanLayoutError(problems);
      const unknown = changes.find((change) => !nodes.has(idKey(change.id) ?? ""));
      if (unknown !== undefined) throw new Error(layoutMessages.noSuchNode(unknown.id));

      // The audit entries go first, as in saveEntries; a large allocation takes several chunks.
      const items: TopDownItem[] = [
        ...audit.map((entry): TopDownItem => {
          // Rows of one `rows.add`: each adds its cells and a comma, not a range write's fixed cost.
          return { entry, bytes: JSON.stringify(auditCells(entry).map(toCellInput)).length + 1 };
        }),
        ...changes.map((change): TopDownItem => {
          const writes = valueWrites(change.values, columns);
          const bytes = contiguousRuns(writes).reduce((sum, run) => sum + writeBytes([run.cells.map(toCellInput)]), 0);
          return { change, writes, bytes };
        }),
      ];
      const worksheets = new SheetCache(context);
      const hint = hintFromLocated(targets, rows);
      let auditMissing = auditTable.isNullObject;
      for (const chunk of chunkBySize(items, (item) => item.bytes, this.writeBudget)) {
        const entries = chunk.flatMap((item) => ("entry" in item ? [item.entry] : []));
        appendAudit(context, worksheets, auditMissing, auditSheet.isNullObject, entries);
        if (entries.length > 0) auditMissing = false;
        for (const item of chunk) {
          if (!("change" in item)) continue;
          writeRow(
            context,
            worksheets,
            targets,
            TABLES.targets,
            item.change.id,
            hint.rows.get(idKey(item.change.id) as string),
            item.writes,
            hint,
          );
        }
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
        await context.sync();
      }
    });
  }

  async writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite> {
    return this.run(async (context) => {
      const found = context.workbook.worksheets.getItemOrNullObject(dashboard.sheet).load("name");
      await context.sync();
      const inserted = found.isNullObject;
      let replaced: Excel.Chart[] = [];
      if (!inserted) {
        const charts = found.charts.load("items/name");
        await context.sync();
        const ours = new Set(dashboard.charts.map((chart) => chart.name.toLowerCase()));
        replaced = charts.items.filter((chart) => ours.has(chart.name.toLowerCase()));
      }

      const worksheets = new SheetCache(context);
      const chunks = chunkBlocks(dashboard.blocks, this.writeBudget);
      if (chunks.length === 0) chunks.push([]);
      for (let i = 0; i < chunks.length; i++) {
        if (i === 0) {
          if (inserted) worksheets.add(dashboard.sheet);
          else worksheets.get(dashboard.sheet).getRange().clear("All");
          for (const chart of replaced) chart.delete();
        }
        for (const slice of chunks[i]) writeSlice(worksheets, slice);
        if (i === chunks.length - 1) {
          for (const chart of dashboard.charts) addChart(worksheets, chart);
          worksheets.get(dashboard.sheet).activate();
        }
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
        await context.sync();
      }
      return inserted ? "inserted" : "refreshed";
    });
  }

  async readAudit(): Promise<AuditEntry[]> {
    return this.run(async (context) => {
      const existing = await tableNames(context);
      if (!existing.has(TABLES.audit.toLowerCase())) return [];
      const [table] = await readTables(context, [TABLES.audit]);
      return readAuditGrid(table.grid);
    });
  }

  async saveSnapshot(info: SnapshotInfo): Promise<void> {
    await this.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const tableNames = tables.items.map((table) => table.name.toLowerCase());
      const existing = new Set(tableNames);
      if (!existing.has(TABLES.settings.toLowerCase())) throw new Error(layoutMessages.noPlan);
      const present = PLAN_TABLES.filter((table) => existing.has(TABLES[table].toLowerCase()));
      const hasIndex = existing.has(SNAPSHOT_INDEX.table.toLowerCase());
      const read = await readTables(context, [
        ...present.map((table) => TABLES[table]),
        ...(hasIndex ? [SNAPSHOT_INDEX.table] : []),
      ]);
      const grids: PlanGrids = {};
      present.forEach((table, i) => {
        grids[table] = read[i].grid;
      });
      const plan = readPlanGrids(grids);
      if (!plan.ok) throw new PlanLayoutError(plan.problems);
      const index = readSnapshotIndex(hasIndex ? read[present.length].grid : undefined);
      const taken = new Set([...tableNames, ...sheets.items.map((sheet) => sheet.name.toLowerCase())]);
      const write = snapshotWrite(plan.plan, info, index, taken);

      const worksheets = new SheetCache(context);
      const chunks = chunkBlocks(write.blocks, this.writeBudget);
      for (let i = 0; i < chunks.length; i++) {
        if (i === 0) {
          const sheet = worksheets.add(write.sheet);
          sheet.tables.add(sheet.getRangeByIndexes(0, 0, write.rowCount, write.colCount), true).name = write.table;
        }
        for (const slice of chunks[i]) writeSlice(worksheets, slice);
        if (i === chunks.length - 1) {
          const row = write.indexRow.map(toCellInput);
          if (hasIndex) {
            context.workbook.tables.getItem(SNAPSHOT_INDEX.table).rows.add(undefined, [row]);
          } else {
            const header = snapshotIndexHeader();
            const sheet = taken.has(header.sheet.toLowerCase())
              ? worksheets.get(header.sheet)
              : worksheets.add(header.sheet);
            sheet.tables.add(sheet.getRangeByIndexes(0, 0, 2, header.colCount), true).name = SNAPSHOT_INDEX.table;
            writeSlice(worksheets, { block: header, fromRow: 0, rowCount: 1 });
            sheet.getRangeByIndexes(1, 0, 1, header.colCount).values = [row];
          }
        }
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
        await context.sync();
      }
    });
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    return this.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(SNAPSHOT_INDEX.table).load("name");
      await context.sync();
      if (table.isNullObject) return [];
      const range = table.getRange().load("values");
      await context.sync();
      const [headers, ...rows] = range.values;
      return readSnapshotIndex({ headers, rows }).map(({ name, time, user }) => ({
        name,
        time,
        user,
      }));
    });
  }

  async readSnapshot(name: string): Promise<Snapshot> {
    return this.run(async (context) => {
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
    });
  }

  async selectNode(id: string): Promise<void> {
    await this.run(async (context) => {
      const hierarchy = locate(context, "hierarchy");
      await context.sync();
      const place = hierarchy.result();
      const key = idKey(id);
      const row = place.ids.findIndex((cells) => idKey(cells[0]) === key);
      if (key === undefined || row < 0) throw new Error(layoutMessages.noSuchNode(id));
      const sheet = context.workbook.worksheets.getItem(place.sheet);
      sheet.activate();
      sheet.getRangeByIndexes(place.top + row, place.left, 1, place.headers.length).select();
      await context.sync();
    });
  }

  async selectSourceRow(source: SourceRef, row: number): Promise<void> {
    await this.run(async (context) => {
      let range: CellRange;
      if (source.kind === "table") {
        const tableRange = context.workbook.tables.getItem(source.name).getRange().load("address");
        await context.sync();
        range = parseAddress(tableRange.address) as CellRange;
      } else {
        const parsed = parseAddress(source.address, source.sheet);
        if (parsed === null) throw new Error(layoutMessages.noSuchSheet(`${source.sheet}!${source.address}`));
        range = parsed;
      }
      if (!Number.isInteger(row) || row < 1 || row > range.rowCount)
        throw new Error(layoutMessages.rowOutsideSource(row, range.rowCount));
      const sheet = context.workbook.worksheets.getItem(range.sheet);
      sheet.activate();
      sheet.getRangeByIndexes(range.row + row - 1, range.col, 1, range.colCount).select();
      await context.sync();
    });
  }

  onSelectNode(listener: (id: string | null) => void): () => void {
    let active = true;
    let latest = 0;
    const registration = this.run(async (context) => {
      const handler = context.workbook.worksheets.onSelectionChanged.add(async (event) => {
        const call = ++latest;
        const id = await this.nodeAt(event.worksheetId, event.address);
        // Selections can overtake each other's reads; only the newest one is reported.
        if (active && call === latest) listener(id);
      });
      await context.sync();
      return handler;
    });
    return () => {
      active = false;
      void registration.then((handler) =>
        this.run(async (context) => {
          handler.remove();
          await context.sync();
        }, handler.context),
      );
    };
  }

  // -------------------------------------------------------------------------------------------

  private async nodeAt(worksheetId: string, address: string): Promise<string | null> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(worksheetId).load("name");
      const row = parseAddress(address)?.row ?? 0;
      const cells = sheet.getRangeByIndexes(row, 0, 1, 3).load("values");
      await context.sync();
      const column = nodeColumnOf(sheet.name);
      if (column === null || row < column.firstRow) return null;
      const id = cellText(cells.values[0][column.col]).trim();
      return id === "" ? null : id;
    });
  }

  /** Queues a read of where this object last saw `id`'s row of `table`, if it has seen it. */
  private guessRow(context: Excel.RequestContext, table: HintTable, id: string): Guess | null {
    const hint = this.hints[table];
    const row = hint?.rows.get(idKey(id) ?? "");
    if (hint === undefined || row === undefined) return null;
    const range = context.workbook.worksheets
      .getItem(hint.sheet)
      .getRangeByIndexes(hint.top + row, hint.left, 1, hint.width)
      .load("values");
    return { row, sheet: hint.sheet, top: hint.top, left: hint.left, width: hint.width, range };
  }
}

// ---------------------------------------------------------------------------------------------

interface Guess {
  readonly row: number;
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly range: Excel.Range;
}

/** A row of a per-node table: its index (undefined: the id has no row), its cells once read. */
interface RowRead {
  readonly row: number | undefined;
  /** undefined: not read yet; null: there is no row */
  cells: readonly unknown[] | null | undefined;
}

interface Located extends TablePlace {
  /** The Id column's cells, one row each. */
  readonly ids: readonly (readonly unknown[])[];
}

/** Queues the reads that locate a plan table: its header row (where, and what) and its Id column. */
function locate(context: Excel.RequestContext, table: PlanTable): { result: () => Located } {
  const item = context.workbook.tables.getItem(TABLES[table]);
  const header = item.getHeaderRowRange().load("address,values");
  const ids = item.columns.getItem(ID_HEADER).getDataBodyRange().load("values");
  return {
    result: (): Located => {
      const range = parseAddress(header.address) as CellRange;
      return {
        sheet: range.sheet,
        top: range.row + 1,
        left: range.col,
        headers: header.values[0],
        ids: ids.values,
      };
    },
  };
}

function settingsFrom(values: unknown[][], problems: LayoutProblem[]): PlanSettings | null {
  const [headers, ...rows] = values;
  return readSettingsGrid({ headers, rows }, problems);
}

function currentEntry(
  id: string,
  status: RowRead,
  inputs: RowRead,
  statusCols: EntryColumns,
  valueCols: readonly number[],
  problems: LayoutProblem[],
): NodeEntry | null {
  if (!status.cells && !inputs.cells) return null;
  const values = readValues(inputs.cells ?? undefined, valueCols);
  if (!status.cells) return { ...emptyEntry(id, valueCols.length - 1), values };
  return {
    ...readStatusRow(status.cells, statusCols, sheetRowOf(status.row as number), problems),
    id,
    values,
  };
}

/** Table names in the workbook, lower case. One sync. */
async function tableNames(context: Excel.RequestContext): Promise<Set<string>> {
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return new Set(tables.items.map((table) => table.name.toLowerCase()));
}

/**
 * Reads whole tables: one sync for where they are, then one per read chunk; `indents` as in
 * `readRanges`.
 */
async function readTables(
  context: Excel.RequestContext,
  names: readonly string[],
  indents = false,
): Promise<ReadTable[]> {
  if (names.length === 0) return [];
  const ranges = names.map((name) => context.workbook.tables.getItem(name).getRange().load("address"));
  await context.sync();
  const places = ranges.map((range) => parseAddress(range.address) as CellRange);
  const cells = await readRanges(context, places, indents);
  return places.map((place, t) => {
    const [headers, ...rows] = cells[t];
    return {
      place: { sheet: place.sheet, top: place.row + 1, left: place.col, headers },
      grid: { headers, rows },
    };
  });
}

/**
 * The ranges' values, one sync per read chunk. With `indents` (a setup source, on a host with
 * ExcelApi 1.9), each chunk's indent levels come in the same sync as its values, and indented
 * text gains leading spaces (sourceIndent.ts); the chunks are smaller, as the response is larger.
 */
async function readRanges(
  context: Excel.RequestContext,
  places: readonly CellRange[],
  indents: boolean,
): Promise<unknown[][][]> {
  const cells = places.map((place) => new Array<unknown[]>(place.rowCount));
  const budget = indents ? READ_BUDGET_CELLS_WITH_INDENTS : READ_BUDGET_CELLS;
  for (const batch of planReads(places, budget)) {
    const loaded = batch.map(({ table, fromRow, rowCount }) => {
      const range = context.workbook.worksheets
        .getItem(places[table].sheet)
        .getRangeByIndexes(places[table].row + fromRow, places[table].col, rowCount, places[table].colCount);
      return {
        values: range.load("values"),
        properties: indents ? range.getCellProperties({ format: { indentLevel: true } }) : null,
      };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per read chunk, each under the response limit
    await context.sync();
    batch.forEach(({ table, fromRow }, i) => {
      const { values, properties } = loaded[i];
      const rows =
        properties === null
          ? values.values
          : withIndents(
              values.values,
              properties.value.map((row) => row.map((cell) => cell.format?.indentLevel ?? 0)),
            );
      rows.forEach((row, r) => {
        cells[table][fromRow + r] = row;
      });
    });
  }
  return cells;
}

function hintFrom(table: ReadTable): TableHint {
  const idColumn = findColumn(table.place.headers, ID_HEADER);
  const rows = new Map<string, number>();
  table.grid.rows.forEach((cells, i) => {
    const key = idKey(cells[idColumn]);
    if (key !== undefined && !rows.has(key)) rows.set(key, i);
  });
  return {
    sheet: table.place.sheet,
    top: table.place.top,
    left: table.place.left,
    width: table.place.headers.length,
    rows,
  };
}

/** A located table's rows as a hint, which `writeRow` extends with the rows it appends. */
interface RowBook extends TableHint {
  readonly rows: Map<string, number>;
  /** The body row the next appended row gets. */
  next: number;
}

function hintFromLocated(place: Located, rows: ReadonlyMap<string, number>): RowBook {
  return {
    sheet: place.sheet,
    top: place.top,
    left: place.left,
    width: place.headers.length,
    rows: new Map(rows),
    next: place.ids.length,
  };
}

function hintsFromLayout(layout: PlanLayout): Partial<Record<HintTable, TableHint>> {
  const hint = (table: HintTable, ids: readonly string[]): TableHint | undefined => {
    const found = layout.tables.find((candidate) => candidate.table === table);
    if (found === undefined) return undefined;
    return {
      sheet: found.sheet,
      top: 1,
      left: 0,
      width: found.colCount,
      rows: new Map(ids.map((id, i) => [idKey(id) as string, i])),
    };
  };
  const hierarchy = layout.tables.find((table) => table.table === "hierarchy") as TableLayout;
  return {
    hierarchy: hint("hierarchy", layout.rowIds.slice(0, hierarchy.rowCount - 1)),
    status: hint("status", layout.rowIds),
    inputs: hint("inputs", layout.rowIds),
  };
}

/** Worksheet proxies by name, one per sheet for the whole batch. */
class SheetCache {
  private readonly sheets = new Map<string, Excel.Worksheet>();

  constructor(private readonly context: Excel.RequestContext) {}

  get(name: string): Excel.Worksheet {
    let sheet = this.sheets.get(name.toLowerCase());
    if (sheet === undefined) {
      sheet = this.context.workbook.worksheets.getItem(name);
      this.sheets.set(name.toLowerCase(), sheet);
    }
    return sheet;
  }

  add(name: string): Excel.Worksheet {
    const sheet = this.context.workbook.worksheets.add(name);
    this.sheets.set(name.toLowerCase(), sheet);
    return sheet;
  }
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

function writeSlice(worksheets: SheetCache, slice: BlockSlice): void {
  const { block, fromRow, rowCount } = slice;
  const range = worksheets.get(block.sheet).getRangeByIndexes(block.row + fromRow, block.col, rowCount, block.colCount);
  const { formats } = block;
  // Formats first: they are in place when the values arrive.
  if (formats !== null) range.numberFormat = Array.from({ length: rowCount }, () => [...formats]);
  if (block.cells === null) return;
  const inputs = blockInputs(block, fromRow, rowCount);
  if (blockHasFormulas(block)) range.formulas = inputs;
  else range.values = inputs;
}

/** One audit row, or one node's targets, of a top-down save, with its estimated request bytes. */
type TopDownItem =
  | { readonly entry: AuditEntry; readonly bytes: number }
  | {
      readonly change: TopDownChange;
      readonly writes: readonly ColumnWrite[];
      readonly bytes: number;
    };

const EXCEL_CHART_TYPES: Readonly<Record<DashboardChartType, "ColumnClustered" | "BarClustered">> = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
};

/** Queues a native chart: its series are the source's columns, named by the header row. */
function addChart(worksheets: SheetCache, spec: ChartSpec): void {
  const sheet = worksheets.get(spec.sheet);
  const { source, position } = spec;
  const chart = sheet.charts.add(
    EXCEL_CHART_TYPES[spec.type],
    sheet.getRangeByIndexes(source.row, source.col, source.rowCount, source.colCount),
    "Columns",
  );
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.setPosition(
    cellAddress(position.row, position.col),
    cellAddress(position.row + position.rowCount - 1, position.col + position.colCount - 1),
  );
}

function addToleranceRules(worksheets: SheetCache, layout: PlanLayout): void {
  for (const rule of layout.rules) {
    const format = worksheets.get(rule.range.sheet).getRange(localAddress(rule.range)).conditionalFormats.add("Custom");
    format.custom.rule.formula = rule.formula;
    format.custom.format.fill.color = rule.fill;
    format.custom.format.font.color = rule.fontColor;
  }
}

/** Queues the audit rows, first recreating the audit table should someone have deleted it. */
function appendAudit(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  tableMissing: boolean,
  sheetMissing: boolean,
  audit: readonly AuditEntry[],
): void {
  if (audit.length === 0) return;
  if (tableMissing) {
    const sheet = sheetMissing ? worksheets.add(AUDIT_TABLE.sheet) : worksheets.get(AUDIT_TABLE.sheet);
    sheet.tables.add(sheet.getRangeByIndexes(0, 0, AUDIT_TABLE.rowCount, AUDIT_TABLE.colCount), true).name =
      AUDIT_TABLE.name;
    writeSlice(worksheets, { block: auditHeaderBlock(), fromRow: 0, rowCount: 1 });
  }
  context.workbook.tables.getItem(TABLES.audit).rows.add(
    undefined,
    audit.map((entry) => auditCells(entry).map(toCellInput)),
  );
}

/** Queues one node's cells into its row of a table, or appends a row (recording it in `hint`). */
function writeRow(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  place: Located,
  table: string,
  id: string,
  row: number | undefined,
  writes: readonly ColumnWrite[],
  book: RowBook,
): void {
  if (row === undefined) {
    const idColumn = findColumn(place.headers, ID_HEADER);
    context.workbook.tables
      .getItem(table)
      .rows.add(undefined, [newRow(place.headers.length, idColumn, id, writes).map(toCellInput)]);
    book.rows.set(idKey(id) as string, book.next++);
    return;
  }
  const sheet = worksheets.get(place.sheet);
  for (const run of contiguousRuns(writes)) {
    sheet.getRangeByIndexes(place.top + row, place.left + run.col, 1, run.cells.length).values = [
      run.cells.map(toCellInput),
    ];
  }
}
