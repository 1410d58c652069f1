import { MAX_COLUMNS, MAX_ROWS, localAddress, type CellRange } from "../../core/a1";
import { auditTableRows } from "../../core/audit/auditRows";
import { idKey } from "../../core/cell";
import { nextTask } from "../../core/nextTask";
import type { Stages } from "../../core/stages";
import { layoutMessages, sharingMessages } from "../../core/messages";
import {
  AUDIT_TABLE,
  HIERARCHY_HEADERS,
  READ_TABLES,
  PlanLayoutError,
  SHEETS,
  TABLES,
  auditHeaderBlock,
  balancingIn,
  balancingWrites,
  blockFormats,
  blockInputs,
  blockRange,
  buildPlanLayoutInTasks,
  type PlanLayout,
  findColumn,
  hierarchyRowOf,
  isPlanTable,
  lastChainHash,
  missingAuditColumns,
  newRowInputs,
  nodeCellFor,
  nodeIdIn,
  periodColumns,
  planFromGrids,
  planFromGridsInParts,
  readValues,
  readAuditChain,
  readAuditGrid,
  readPlanGrids,
  rowIndex,
  runInputs,
  statusColumns,
  statusWrites,
  toCellInput,
  valueWrites,
  type CellBlock,
  type CellInput,
  type ColumnWrite,
  type LayoutProblem,
  type PlanGrids,
  type PlanTable,
  type TableGrid,
  type TableLayout,
} from "../../core/plan/layout";
import { withIndents } from "../../core/plan/sourceIndent";
import { optionalTableLayout, optionalTableMessages } from "../../core/plan/layout/optionalTables";
import type { ChainedAuditRow } from "../../core/audit/chain";
import { setupAudit, setupStamp } from "../../core/audit/setupAudit";
import type { AuditEntry, Plan } from "../../core/plan/types";
import { DASHBOARD_CHARTS, type DashboardLayout } from "../../core/progress/dashboard";
import {
  accountColumns,
  planAccountWrites,
  type AccountMove,
  type AccountsTableRef,
  type MoveAccountsResult,
} from "../../core/territory/accountMoves";
import type {
  OptionalTable,
  OptionalTableAdded,
  DashboardWrite,
  EntryChange,
  Mention,
  PlanChange,
  PlanSetup,
  PlanWorkbook,
  SaveBalancingResult,
  SaveResult,
  SaveTopDownResult,
  SetupOutcome,
  SourceRef,
  SourceTable,
  TopDownChange,
} from "../PlanWorkbook";
import { entryConflicts, topDownConflicts } from "../conflicts";
import { withBalancing, withEntries, withTopDown } from "../../core/plan/patch";
import { sameBalancing, type BalancingSettings } from "../../core/territory/balancingSettings";
import { rangeSourceCells, selectedCells, sourceRow } from "../sources";
import { MemoryWorkbook, type CellValue, type WorkbookEvent } from "./MemoryWorkbook";
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
} from "../../core/sharing/snapshots";
import type { MadeFile } from "../../core/sharing/madeFiles";
import { readMadeFiles, recordMadeFiles } from "./madeFiles";
import { valueColumns } from "../../core/plan/measures";

/** Whether a workbook event changed cells of the plan's tables (the report holds only formulas). */
function changesPlan(event: WorkbookEvent): boolean {
  if (event.type !== "cells") return false;
  const sheet = event.range.sheet.toLowerCase();
  return PLAN_SHEETS.has(sheet);
}

const PLAN_SHEETS = new Set(
  Object.values(SHEETS)
    .filter((name) => name !== SHEETS.report)
    .map((name) => name.toLowerCase()),
);

/**
 * The plan in a `MemoryWorkbook`, laid out exactly as in Excel (src/core/plan/layout/): the
 * workbench renders the same sheets and tables, and tests exercise the same reading and writing.
 */
/** An @mention comment as `mentionOnNode` left it on the hierarchy sheet. */
export interface NodeComment {
  readonly id: string;
  readonly sheet: string;
  readonly address: string;
  readonly mention: Mention;
  readonly text: string;
}

/** Cells per chunk of a long read, as the Excel adapter's `READ_BUDGET_CELLS` (src/excel/chunks.ts). */
const READ_CHUNK_CELLS = 100_000;

export class MemoryPlanWorkbook implements PlanWorkbook {
  /** Above 0 while this object writes: changes it makes are not reported as someone else's. */
  private writing = 0;
  /**
   * The plan as last read, patched by this object's own saves; dropped on any change made other
   * than through this object, so a read after a save is cheap and a read after an edit is fresh.
   */
  private cached: Plan | null = null;
  /** The audit log as last read, with this object's own appends since; dropped as `cached` is. */
  private cachedAudit: AuditEntry[] | null = null;
  /**
   * The plan's tables as `cached` was read from them, for where each node's row is: a save finds
   * its rows there instead of reading every table again. Its values go stale with this object's
   * own writes, so saves read what they compare from the rows themselves; appending a row drops it.
   */
  private cachedGrids: PlanGrids | null = null;
  /** Where each id's row is in a table of `cachedGrids` (see `rowsOf`). */
  private readonly rowIndexes = new WeakMap<TableGrid, ReadonlyMap<string, number>>();
  /** Counts the workbook's changes (this object's own too), for reads that span several tasks. */
  private changes = 0;

  constructor(readonly workbook: MemoryWorkbook = new MemoryWorkbook()) {
    workbook.onChange((event) => {
      if (event.type === "selection") return;
      this.changes++;
      if (this.writing === 0) this.forget();
    });
  }

  /**
   * As in Excel, whose values arrive only after a sync ("Asynchronous nature of the promise-based
   * APIs", https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model),
   * the caller's task ends before the tables are read, and the plan is made of them in the tasks
   * after, as the Excel adapter makes it (`planFromGridsInParts`): none is part of the task that
   * draws the pane (the tables and the plan were 0.2–0.25 s in one at 10,000 nodes).
   */
  async readPlan(): Promise<Plan | null> {
    for (;;) {
      if (this.cached !== null) return this.cached;
      await nextTask();
      if (this.cached !== null) return this.cached;
      if (this.workbook.table(TABLES.settings) === undefined) return null;
      const changes = this.changes;
      const grids = this.grids(READ_TABLES);
      const plan = await planFromGridsInParts(grids);
      if (this.cached !== null) return this.cached;
      // A change meanwhile (a co-author's save, typing in a table) is read with the rest, again.
      if (changes === this.changes) return this.keep(plan, grids).plan;
    }
  }

  onPlanChanged(listener: (change: PlanChange) => void): () => void {
    return this.workbook.onChange((event) => {
      if (this.writing === 0 && changesPlan(event)) listener({ origin: "local" });
    });
  }

  /** Runs `write` as this object's own change (see `writing`). */
  private own<T>(write: () => T): T {
    this.writing++;
    try {
      return write();
    } finally {
      this.writing--;
    }
  }

  async readSelection(): Promise<SourceTable> {
    const selection = this.workbook.selection();
    const { cells, ref, firstRow } = selectedCells(selection, this.workbook.usedRange(selection.sheet));
    return { ref, rows: cells === null ? [] : this.indentedValues(cells), firstRow };
  }

  async listTables(): Promise<string[]> {
    return this.workbook.tableNames().filter((name) => !isPlanTable(name));
  }

  async readTable(name: string): Promise<SourceTable> {
    const table = this.workbook.table(name);
    if (table === undefined) throw new Error(layoutMessages.noSuchTable(name));
    return {
      ref: { kind: "table", name: table.name },
      rows: this.indentedValues(table.range),
      firstRow: table.range.row + 1,
    };
  }

  /** Values of a setup source, indented text as leading spaces (see sourceIndent.ts). */
  private indentedValues(range: CellRange): unknown[][] {
    return withIndents(this.workbook.values(range), this.workbook.indentLevels(range));
  }

  /** Its readers (the workbench's formula engine) spill arrays, as Excel with dynamic arrays does. */
  async writePlan(setup: PlanSetup): Promise<SetupOutcome> {
    // What the Excel adapter's setup reads too: the plan's tables and the optional ones it builds the report by.
    const before = this.grids(READ_TABLES);
    const layout = await buildPlanLayoutInTasks(setup, before);
    const read = before.settings === undefined ? null : readPlanGrids(before);
    const audit = setupAudit(
      read === null ? null : read.ok ? read.plan : "unreadable",
      setup,
      setupStamp(setup.by, new Date().toISOString()),
    );
    // Laid out and written in tasks, a table or block each, as the Excel adapter's reads and writes
    // go in separate syncs: setting up a 10,000-node plan again was a task of 0.25 s, and with a
    // second measure 0.5 s. Each part is this object's own change; a
    // change between two parts (a user typing) is someone else's.
    const parts = this.writeLayout(layout, audit);
    for (;;) {
      await nextTask();
      this.forget();
      if (this.own(() => parts.next()).done === true) break;
    }
    return { dynamicArrays: true };
  }

  private *writeLayout(layout: PlanLayout, audit: readonly AuditEntry[]): Stages<void> {
    for (const table of layout.tables) {
      this.placeTable(table);
      yield;
    }
    this.ensureAuditTable();
    this.ensureSheet(SHEETS.report);
    this.workbook.clear({
      sheet: SHEETS.report,
      row: 0,
      col: 0,
      rowCount: MAX_ROWS,
      colCount: MAX_COLUMNS,
    });
    this.workbook.clearConditionalFormats(SHEETS.report);
    for (const block of layout.blocks) {
      yield;
      this.writeBlock(block);
    }
    for (const rule of layout.rules) this.workbook.addConditionalFormat(rule);
    this.appendAudit(audit);
  }

  async saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult> {
    const { plan, grids } = this.requirePlan();
    const periods = valueColumns(plan.settings);
    const conflicts = entryConflicts(
      changes,
      ({ next }) => {
        const node = plan.nodes.find((candidate) => idKey(candidate.id) === idKey(next.id));
        return node === undefined ? undefined : (plan.entries.get(node.id) ?? null);
      },
      periods.length,
    );
    if (conflicts.length > 0) return { ok: false, conflicts };

    const problems: LayoutProblem[] = [];
    const status = grids.status as TableGrid;
    const inputs = grids.inputs as TableGrid;
    const statusCols = statusColumns(status.headers, problems);
    const valueCols = periodColumns("inputs", inputs.headers, periods, problems);
    if (statusCols === null || valueCols === null) throw new PlanLayoutError(problems);
    const statusRows = this.rowsOf("status", status, statusCols.id);
    const inputRows = this.rowsOf("inputs", inputs, valueCols[0]);

    this.own(() => {
      this.appendAudit(audit);
      for (const { next } of changes) {
        const key = idKey(next.id) as string;
        this.writeRow(
          "status",
          status.headers.length,
          statusCols.id,
          next.id,
          statusRows.get(key),
          statusWrites(next, statusCols),
        );
        this.writeRow(
          "inputs",
          inputs.headers.length,
          valueCols[0],
          next.id,
          inputRows.get(key),
          valueWrites(next.values, valueCols),
        );
      }
    });
    this.cached = withEntries(
      plan,
      changes.map((change) => change.next),
    );
    return { ok: true };
  }

  async saveTopDown(changes: readonly TopDownChange[], audit: readonly AuditEntry[]): Promise<SaveTopDownResult> {
    const { plan, grids } = this.requirePlan();
    const known = new Set(plan.nodes.map((node) => idKey(node.id)));
    const unknown = changes.find((change) => !known.has(idKey(change.id)));
    if (unknown !== undefined) throw new Error(layoutMessages.noSuchNode(unknown.id));
    const problems: LayoutProblem[] = [];
    const targets = grids.targets as TableGrid;
    const columns = periodColumns("targets", targets.headers, valueColumns(plan.settings), problems);
    if (columns === null) throw new PlanLayoutError(problems);
    const rows = this.rowsOf("targets", targets, columns[0]);
    const conflicts = topDownConflicts(
      changes,
      (change) => {
        const row = rows.get(idKey(change.id) as string);
        return row === undefined ? null : readValues(this.bodyRow("targets", row), columns);
      },
      valueColumns(plan.settings).length,
    );
    if (conflicts.length > 0) return { ok: false, conflicts };
    this.own(() => {
      this.appendAudit(audit);
      for (const change of changes) {
        const row = rows.get(idKey(change.id) as string);
        this.writeRow(
          "targets",
          targets.headers.length,
          columns[0],
          change.id,
          row,
          valueWrites(change.values, columns),
        );
      }
    });
    this.cached = withTopDown(plan, changes);
    return { ok: true };
  }

  async moveAccounts(
    ref: AccountsTableRef,
    moves: readonly AccountMove[],
    audit: readonly AuditEntry[],
  ): Promise<MoveAccountsResult> {
    const table = this.workbook.table(ref.table);
    if (table === undefined) throw new Error(layoutMessages.noSuchTable(ref.table));
    const [headers, ...rows] = this.workbook.values(table.range);
    const columns = accountColumns(ref, headers ?? []);
    const { writes, refused } = planAccountWrites(ref, rows, columns, table.range.row + 2, moves);
    this.own(() => {
      this.appendAudit(writes.map((write) => audit[write.move]));
      for (const write of writes)
        this.writeBodyCell(table.range, write.bodyRow, columns.territory, toCellInput(moves[write.move].to));
    });
    return { moved: writes.map((write) => moves[write.move].account), refused };
  }

  async addTable(kind: OptionalTable): Promise<OptionalTableAdded> {
    const { plan } = this.requirePlan();
    const { table, blocks } = optionalTableLayout(kind, plan.settings);
    const existing = this.workbook.table(table.name);
    if (existing !== undefined) {
      // As Excel's activate(): the table's sheet comes to the front, nothing is written.
      this.workbook.select({ ...existing.range, rowCount: 1, colCount: 1 });
      return "exists";
    }
    if (this.workbook.hasSheet(table.sheet)) throw new Error(optionalTableMessages.sheetTaken(kind, table.sheet));
    this.forget();
    this.own(() => {
      this.placeTable(table);
      for (const block of blocks) this.writeBlock(block);
      this.workbook.select({ sheet: table.sheet, row: 1, col: 0, rowCount: 1, colCount: 1 });
    });
    return "added";
  }

  async saveBalancing(
    balancing: BalancingSettings,
    expected: BalancingSettings | undefined,
    audit: readonly AuditEntry[],
  ): Promise<SaveBalancingResult> {
    const table = this.workbook.table(TABLES.settings);
    if (table === undefined) throw new Error(layoutMessages.noPlan);
    const [headers, ...rows] = this.workbook.values(table.range);
    const grid = { headers, rows };
    const current = balancingIn(grid);
    if (!sameBalancing(current, expected)) return { ok: false, current };
    const writes = balancingWrites(grid, balancing);
    if (writes === null) throw new Error(layoutMessages.settingsUnreadable(TABLES.settings));
    this.own(() => {
      this.appendAudit(audit);
      for (const update of writes.updates) this.writeBodyCell(table.range, update.bodyRow, update.column, update.value);
      if (writes.appends.length > 0) this.workbook.appendTableRows(TABLES.settings, writes.appends);
    });
    if (this.cached !== null) this.cached = withBalancing(this.cached, balancing);
    this.cachedGrids = null;
    return { ok: true };
  }

  async readAudit(): Promise<AuditEntry[]> {
    if (this.cachedAudit === null) {
      const grid = await this.auditGrid();
      this.cachedAudit ??= grid === undefined ? [] : readAuditGrid(grid);
    }
    return [...this.cachedAudit];
  }

  async readAuditChain(): Promise<ChainedAuditRow[]> {
    const grid = await this.auditGrid();
    return grid === undefined ? [] : readAuditChain(grid);
  }

  /**
   * The audit table read as the Excel adapter reads it, a chunk of rows per sync (`readTables`),
   * with the page free between two chunks: a 50,000-node plan's log (2 million cells) read at once
   * blocked the page for a second. A change made between two chunks (a save appending its rows)
   * starts the read again, so the log read is the log as it is at its end.
   */
  private async auditGrid(): Promise<TableGrid | undefined> {
    for (;;) {
      const changes = this.changes;
      const info = this.workbook.table(TABLES.audit);
      if (info === undefined) return undefined;
      const { range } = info;
      const [headers] = this.workbook.values({ ...range, rowCount: 1 });
      const rowsPerRead = Math.max(1, Math.floor(READ_CHUNK_CELLS / range.colCount));
      const rows: CellValue[][] = [];
      for (let row = 1; row < range.rowCount && changes === this.changes; row += rowsPerRead) {
        if (row > 1) await nextTask();
        const rowCount = Math.min(rowsPerRead, range.rowCount - row);
        for (const cells of this.workbook.values({ ...range, row: range.row + row, rowCount })) rows.push(cells);
      }
      if (changes === this.changes) return { headers, rows };
    }
  }

  async writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite> {
    return this.own(() => this.insertDashboard(dashboard));
  }

  private insertDashboard(dashboard: DashboardLayout): DashboardWrite {
    const { sheet } = dashboard;
    const inserted = !this.workbook.hasSheet(sheet);
    if (inserted) this.workbook.addSheet(sheet);
    else {
      this.workbook.clear({ sheet, row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLUMNS });
      this.workbook.clearConditionalFormats(sheet);
      // Every chart a dashboard inserts, so a refresh without the filled map removes the one before.
      for (const name of Object.values(DASHBOARD_CHARTS)) this.workbook.removeChart(sheet, name);
    }
    for (const block of dashboard.blocks) this.writeBlock(block);
    for (const rule of dashboard.rules) this.workbook.addConditionalFormat(rule);
    for (const chart of dashboard.charts) {
      this.workbook.addChart({
        sheet: chart.sheet,
        name: chart.name,
        type: chart.type,
        title: chart.title,
        source: chart.source,
        position: chart.position,
        ...(chart.mapLevel === undefined ? {} : { mapLevel: chart.mapLevel }),
      });
    }
    return inserted ? "inserted" : "refreshed";
  }

  async saveSnapshot(info: SnapshotInfo): Promise<void> {
    const { plan } = this.requirePlan();
    this.own(() => this.writeSnapshot(plan, info));
  }

  private writeSnapshot(plan: Plan, info: SnapshotInfo): void {
    const taken = new Set(
      [...this.workbook.sheetNames(), ...this.workbook.tableNames()].map((name) => name.toLowerCase()),
    );
    const index = this.workbook.table(SNAPSHOT_INDEX.table);
    const write = snapshotWrite(plan, info, readSnapshotIndex(this.namedGrid(SNAPSHOT_INDEX.table)), taken);
    this.workbook.addSheet(write.sheet);
    this.workbook.addTable(write.table, {
      sheet: write.sheet,
      row: 0,
      col: 0,
      rowCount: write.rowCount,
      colCount: write.colCount,
    });
    for (const block of write.blocks) this.writeBlock(block);
    const row = write.indexRow.map(toCellInput);
    if (index !== undefined) {
      this.workbook.appendTableRows(SNAPSHOT_INDEX.table, [row]);
      return;
    }
    const header = snapshotIndexHeader();
    this.ensureSheet(header.sheet);
    this.workbook.addTable(SNAPSHOT_INDEX.table, { ...blockRange(header), rowCount: 2 });
    this.writeBlock(header);
    this.workbook.write({ ...blockRange(header), row: 1 }, [row]);
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    return snapshotInfos(readSnapshotIndex(this.namedGrid(SNAPSHOT_INDEX.table)));
  }

  async readSnapshot(name: string): Promise<Snapshot> {
    const entry = findSnapshot(readSnapshotIndex(this.namedGrid(SNAPSHOT_INDEX.table)), name);
    const grid = this.namedGrid(entry.table);
    if (grid === undefined) throw new SnapshotError(sharingMessages.noSuchSnapshot(entry.name));
    return readSnapshotGrid(entry, grid);
  }

  async recordMadeFiles(files: readonly MadeFile[]): Promise<void> {
    recordMadeFiles(this.workbook, files);
  }

  async readMadeFiles(): Promise<ReadonlyMap<string, MadeFile>> {
    return readMadeFiles(this.workbook);
  }

  /** Any table's cells, header row apart; undefined if there is no such table. */
  private namedGrid(name: string): TableGrid | undefined {
    const info = this.workbook.table(name);
    if (info === undefined) return undefined;
    const [headers, ...rows] = this.workbook.values(info.range);
    return { headers, rows };
  }

  /** The @mention comments added, oldest first: where Excel would show them, and what they say. */
  readonly comments: NodeComment[] = [];

  async mentionOnNode(id: string, mention: Mention, text: string): Promise<void> {
    const table = this.workbook.table(TABLES.hierarchy);
    if (table === undefined) throw new Error(layoutMessages.noSuchNode(id));
    const [headers, ...rows] = this.workbook.values(table.range);
    const row = hierarchyRowOf(rows, id);
    const col = Math.max(0, findColumn(headers, HIERARCHY_HEADERS[2]));
    const cell = {
      sheet: table.range.sheet,
      row: table.range.row + 1 + row,
      col: table.range.col + col,
      rowCount: 1,
      colCount: 1,
    };
    this.comments.push({ id, address: localAddress(cell), sheet: cell.sheet, mention, text });
  }

  async selectNode(id: string): Promise<void> {
    const table = this.workbook.table(TABLES.hierarchy);
    if (table === undefined) throw new Error(layoutMessages.noSuchNode(id));
    const ids = this.workbook.values({
      ...table.range,
      row: table.range.row + 1,
      rowCount: table.range.rowCount - 1,
      colCount: 1,
    });
    const index = hierarchyRowOf(ids, id);
    this.workbook.select({ ...table.range, row: table.range.row + 1 + index, rowCount: 1 });
  }

  async selectSourceRow(source: SourceRef, row: number): Promise<void> {
    this.workbook.select(sourceRow(this.sourceRange(source), row));
  }

  onSelectNode(listener: (id: string | null) => void): () => void {
    return this.workbook.onChange((event) => {
      if (event.type !== "selection") return;
      listener(this.nodeAt(event.range));
    });
  }

  // -------------------------------------------------------------------------------------------

  private nodeAt(range: CellRange): string | null {
    const cell = nodeCellFor(range.sheet, range.row);
    if (cell === null || !this.workbook.hasSheet(cell.sheet)) return null;
    return nodeIdIn(this.workbook.value(cell.sheet, cell.row, cell.col));
  }

  private sourceRange(source: SourceRef): CellRange {
    if (source.kind === "table") {
      const table = this.workbook.table(source.name);
      if (table === undefined) throw new Error(layoutMessages.noSuchTable(source.name));
      return table.range;
    }
    if (!this.workbook.hasSheet(source.sheet)) throw new Error(layoutMessages.noSuchSheet(source.sheet));
    return rangeSourceCells(source);
  }

  private requirePlan(): { plan: Plan; grids: PlanGrids } {
    if (this.cached !== null && this.cachedGrids !== null) return { plan: this.cached, grids: this.cachedGrids };
    const grids = this.grids(READ_TABLES);
    if (grids.settings === undefined) throw new Error(layoutMessages.noPlan);
    return this.keep(planFromGrids(grids), grids);
  }

  /** Keeps `plan`, made of `grids`, as the one read. */
  private keep(plan: Plan, grids: PlanGrids): { plan: Plan; grids: PlanGrids } {
    this.cached = plan;
    this.cachedGrids = grids;
    return { plan, grids };
  }

  /**
   * Each id's body row in `grid` (a table of `cachedGrids`), indexed once per grid: a save finds a
   * few rows among every node's. An id on more than one row is the read's problem, not a save's.
   */
  private rowsOf(table: PlanTable, grid: TableGrid, idColumn: number): ReadonlyMap<string, number> {
    let rows = this.rowIndexes.get(grid);
    if (rows === undefined) {
      rows = rowIndex(table, grid.rows, idColumn, []);
      this.rowIndexes.set(grid, rows);
    }
    return rows;
  }

  /** A per-node table's body row as it is now. */
  private bodyRow(table: PlanTable, row: number): unknown[] {
    const { range } = this.workbook.table(TABLES[table]) as { range: CellRange };
    return this.workbook.values({ ...range, row: range.row + 1 + row, rowCount: 1 })[0];
  }

  /** Drops what was read: someone else changed the workbook, or this object set the plan up anew. */
  private forget(): void {
    this.cached = null;
    this.cachedAudit = null;
    this.cachedGrids = null;
  }

  private grids(tables: readonly PlanTable[]): PlanGrids {
    const grids: PlanGrids = {};
    for (const table of tables) {
      const info = this.workbook.table(TABLES[table]);
      if (info === undefined) continue;
      const [headers, ...rows] = this.workbook.values(info.range);
      grids[table] = { headers, rows };
    }
    return grids;
  }

  private ensureSheet(name: string): void {
    if (!this.workbook.hasSheet(name)) this.workbook.addSheet(name);
  }

  /** The table over exactly the layout's range: created, or cleared and resized. */
  private placeTable(layout: TableLayout): void {
    const range: CellRange = {
      sheet: layout.sheet,
      row: 0,
      col: 0,
      rowCount: layout.rowCount,
      colCount: layout.colCount,
    };
    const existing = this.workbook.table(layout.name);
    if (existing === undefined) {
      this.ensureSheet(layout.sheet);
      this.workbook.addTable(layout.name, range);
      return;
    }
    this.workbook.clear(existing.range);
    this.workbook.resizeTable(layout.name, range);
  }

  private ensureAuditTable(): void {
    if (this.workbook.table(TABLES.audit) !== undefined) return;
    this.placeTable(AUDIT_TABLE);
    this.writeBlock(auditHeaderBlock());
  }

  private writeBlock(block: CellBlock): void {
    const range = blockRange(block);
    const formats = blockFormats(block);
    if (formats !== null) this.workbook.setNumberFormats(range, formats);
    if (block.cells !== null) this.workbook.write(range, blockInputs(block));
  }

  /**
   * Appends the entries chained below the table's last row, first adding the Identity and Hash
   * columns to a table made before them.
   */
  private appendAudit(audit: readonly AuditEntry[]): void {
    if (audit.length === 0) return;
    if (this.cachedAudit !== null) this.cachedAudit = this.cachedAudit.concat(audit);
    this.ensureAuditTable();
    let { range } = this.workbook.table(TABLES.audit) as { range: CellRange };
    let [headers] = this.workbook.values({ ...range, rowCount: 1 });
    const missing = missingAuditColumns(headers);
    if (missing.length > 0) {
      this.workbook.resizeTable(TABLES.audit, { ...range, colCount: range.colCount + missing.length });
      this.workbook.write({ ...range, col: range.col + range.colCount, rowCount: 1, colCount: missing.length }, [
        missing.map(toCellInput),
      ]);
      range = (this.workbook.table(TABLES.audit) as { range: CellRange }).range;
      [headers] = this.workbook.values({ ...range, rowCount: 1 });
    }
    const last =
      range.rowCount > 1
        ? this.workbook.values({ ...range, row: range.row + range.rowCount - 1, rowCount: 1 })[0]
        : undefined;
    this.workbook.appendTableRows(TABLES.audit, auditTableRows(headers, lastChainHash(headers, last), audit));
  }

  /** One cell of a table's body row (0-based row and column within the table whose range is `range`). */
  private writeBodyCell(range: CellRange, bodyRow: number, column: number, value: CellInput): void {
    this.workbook.write(
      { sheet: range.sheet, row: range.row + 1 + bodyRow, col: range.col + column, rowCount: 1, colCount: 1 },
      [[value]],
    );
  }

  /** Writes one node's cells into its row of a per-node table, appending the row if it has none. */
  private writeRow(
    table: PlanTable,
    width: number,
    idColumn: number,
    id: string,
    row: number | undefined,
    writes: readonly ColumnWrite[],
  ): void {
    const name = TABLES[table];
    if (row === undefined) {
      this.workbook.appendTableRows(name, [newRowInputs(width, idColumn, id, writes)]);
      this.cachedGrids = null;
      return;
    }
    const range = (this.workbook.table(name) as { range: CellRange }).range;
    for (const run of runInputs(writes)) {
      this.workbook.write(
        {
          sheet: range.sheet,
          row: range.row + 1 + row,
          col: range.col + run.col,
          rowCount: 1,
          colCount: run.inputs.length,
        },
        [run.inputs],
      );
    }
  }
}
