/**
 * The plan in an Excel workbook, through Office.js: the only home of `Excel.run` in the add-in.
 * Every method is one logical step, in a module of its own: read what it needs in as few syncs as
 * it can, decide with the pure layout (src/core/plan/layout/), write in one sync, or in one sync
 * per chunk when the write is large (see chunks.ts). Nothing syncs per row.
 *
 * Syncs per method ("chunks" as `chunkBlocks` and `planReads` in chunks.ts cut them):
 * - readPlan: 2 + read chunks (which tables exist; their sizes; their cells).
 * - writePlan: 1 + write chunks on a new workbook; 2 + read chunks + write chunks over a plan.
 * - saveEntries: 2 (read the hinted rows, write them with the audit entries) when this object has
 *   read or written the plan before, which tells it on which table row each node is; 4 when it has
 *   not, or someone sorted, inserted rows or set up again since (the Id column is searched, then
 *   the rows found are read). What it reads does not grow with the plan unless it has to search.
 * - saveTopDown: 2, plus one per further write chunk (audit rows and targets of thousands of nodes).
 * - writeDashboard: 2 to insert the sheet, 3 to refresh it (its charts' names are read once the
 *   sheet is known to exist), plus one per further write chunk.
 * - readSelection: 2, plus one per further read chunk. readTable: 3, plus one per further read chunk.
 * - selectNode: 2. listTables, selectSourceRow (range): 1.
 * - saveSnapshot: 4 (names, where the tables are, their cells, the write), plus one per further
 *   read or write chunk. listSnapshots: 2 (1 without snapshots). readSnapshot: 4, plus read chunks.
 */
import type { AuditEntry, Plan } from "../core/plan/types";
import type { DashboardLayout } from "../core/progress/dashboard";
import type { Snapshot, SnapshotInfo } from "../core/sharing/snapshots";
import type {
  DashboardWrite,
  EntryChange,
  PlanSetup,
  PlanWorkbook,
  SaveResult,
  SetupProgress,
  SourceRef,
  SourceTable,
  TopDownChange,
} from "../workbook/PlanWorkbook";
import { readAudit } from "./audit";
import { WRITE_BUDGET_BYTES } from "./chunks";
import { writeDashboard } from "./dashboard";
import { RowHints } from "./hints";
import { readPlan } from "./readPlan";
import { excelHasCellProperties, excelRun, type ExcelRun } from "./run";
import { saveEntries } from "./saveEntries";
import { onSelectNode, selectNode } from "./selection";
import { withOfficeMessages } from "./messages";
import { listSnapshots, readSnapshot, saveSnapshot } from "./snapshots";
import { readMadeFiles, recordMadeFiles } from "./madeFiles";
import type { MadeFile } from "../core/sharing/madeFiles";
import { listTables, readSelection, readTable, selectSourceRow } from "./sources";
import { saveTopDown } from "./topDown";
import { SetupStoppedError, writePlan, type StoppedSetup } from "./writePlan";

export class ExcelPlanWorkbook implements PlanWorkbook {
  /** Where this object last saw each node's rows: what lets saveEntries read them in its first sync. */
  private readonly hints = new RowHints();

  private readonly run: ExcelRun;

  constructor(
    run: ExcelRun = excelRun,
    private readonly writeBudget: number = WRITE_BUDGET_BYTES,
    private readonly hasCellProperties: () => boolean = excelHasCellProperties,
  ) {
    // Excel's raw errors (cell edit mode, a protected sheet, ...) reach the pane as what to do.
    this.run = withOfficeMessages(run);
  }

  async readPlan(): Promise<Plan | null> {
    return this.run((context) => readPlan(context, this.hints));
  }

  async readSelection(): Promise<SourceTable> {
    return this.run((context) => readSelection(context, this.hasCellProperties));
  }

  async listTables(): Promise<string[]> {
    return this.run(listTables);
  }

  async readTable(name: string): Promise<SourceTable> {
    return this.run((context) => readTable(context, name, this.hasCellProperties));
  }

  /** Where the last setup stopped, if it did: the same setup again resumes there. */
  private stopped: StoppedSetup | null = null;

  async writePlan(setup: PlanSetup, progress?: SetupProgress): Promise<void> {
    const resume = this.stopped !== null && sameSetup(this.stopped.setup, setup) ? this.stopped : null;
    try {
      await this.run((context) => writePlan(context, setup, this.writeBudget, this.hints, progress, resume));
      this.stopped = null;
    } catch (error) {
      if (error instanceof SetupStoppedError) this.stopped = error.stopped;
      throw error;
    }
  }

  async saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult> {
    return this.run((context) => saveEntries(context, this.hints, changes, audit));
  }

  async saveTopDown(changes: readonly TopDownChange[], audit: readonly AuditEntry[]): Promise<void> {
    return this.run((context) => saveTopDown(context, changes, audit, this.writeBudget));
  }

  async writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite> {
    return this.run((context) => writeDashboard(context, dashboard, this.writeBudget));
  }

  async readAudit(): Promise<AuditEntry[]> {
    return this.run(readAudit);
  }

  async saveSnapshot(info: SnapshotInfo): Promise<void> {
    return this.run((context) => saveSnapshot(context, info, this.writeBudget));
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    return this.run(listSnapshots);
  }

  async readSnapshot(name: string): Promise<Snapshot> {
    return this.run((context) => readSnapshot(context, name));
  }

  async recordMadeFiles(files: readonly MadeFile[]): Promise<void> {
    return this.run((context) => recordMadeFiles(context, files, this.writeBudget));
  }

  async readMadeFiles(): Promise<ReadonlyMap<string, MadeFile>> {
    return this.run(readMadeFiles);
  }

  async selectNode(id: string): Promise<void> {
    return this.run((context) => selectNode(context, id));
  }

  async selectSourceRow(source: SourceRef, row: number): Promise<void> {
    return this.run((context) => selectSourceRow(context, source, row));
  }

  onSelectNode(listener: (id: string | null) => void): () => void {
    return onSelectNode(this.run, listener);
  }

  /** Minimal, for compilation only: the "audit" branch implements the change events (CONTRACTS item 1). */
  onPlanChanged(): () => void {
    return () => undefined;
  }
}

/** The same setup: what the user asked to write again after a stop. */
function sameSetup(a: PlanSetup, b: PlanSetup): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
