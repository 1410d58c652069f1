/**
 * The plan in an Excel workbook, through Office.js: the only home of `Excel.run` in the add-in.
 * Every method is one logical step, in a module of its own: read what it needs in as few syncs as
 * it can, decide with the pure layout (src/core/plan/layout/), write in one sync, or in one sync
 * per chunk when the write is large (see chunks.ts). Nothing syncs per row.
 *
 * Syncs per method ("chunks" as `chunkBlocks` and `planReads` in chunks.ts cut them):
 * - readPlan: 2 + read chunks (which tables exist; their sizes; their cells).
 * - writePlan: 1 + write chunks on a new workbook; 2 + read chunks + write chunks over a plan;
 *   1 more on a host without dynamic arrays (the report's warning).
 * - saveEntries: 2 (read the hinted rows, write them with the audit entries) when this object has
 *   read or written the plan before, which tells it on which table row each node is; 4 when it has
 *   not, or someone sorted, inserted rows or set up again since (the Id column is searched, then
 *   the rows found are read). What it reads does not grow with the plan unless it has to search.
 *   The audit table's last row (for the hash chain, auditChain.ts) is read in the first sync once
 *   this object has seen the table; 1 more sync on a save that has not.
 * - saveTopDown: 3 (find the rows, read the changed nodes' targets rows for the conflict check,
 *   write), plus one per further write chunk (audit rows and targets of thousands of nodes).
 * - moveAccounts: 4 (the table names, with the audit table's tail once this object has seen it;
 *   the accounts table's place; its cells; the write), plus one per further read chunk.
 * - saveBalancing: 2 (the settings table, with the audit table's tail once this object has seen
 *   it; the write), 3 before.
 * - onPlanChanged: 1 to register, 1 the first time an event names a table not seen before.
 * - readPlan after this object's own successful save: none, where Excel has table change events
 *   (the plan read before, patched with what the save wrote; dropped on any change by others).
 * - writeDashboard: 2 to insert the sheet, 3 to refresh it (its charts' names are read once the
 *   sheet is known to exist), plus one per further write chunk.
 * - readSelection: 2, plus one per further read chunk. readTable: 3, plus one per further read chunk.
 * - mentionOnNode: 2 (find the node's row, add the comment).
 * - selectNode: 2. listTables, selectSourceRow (range): 1.
 * - addTable: 2 (what exists, with the settings; the write).
 * - readPlan reads the optional capacity table with the others, in the same syncs.
 * - saveSnapshot: 4 (names, where the tables are, their cells, the write), plus one per further
 *   read or write chunk. listSnapshots: 2 (1 without snapshots). readSnapshot: 4, plus read chunks.
 */
import type { ChainedAuditRow } from "../core/audit/chain";
import type { AuditEntry, Plan } from "../core/plan/types";
import { withBalancing, withEntries, withTopDown } from "../core/plan/patch";
import type { BalancingSettings } from "../core/territory/balancingSettings";
import type { DashboardLayout } from "../core/progress/dashboard";
import type { Snapshot, SnapshotInfo } from "../core/sharing/snapshots";
import type {
  AccountMove,
  OptionalTable,
  OptionalTableAdded,
  AccountsTableRef,
  DashboardWrite,
  EntryChange,
  PlanChange,
  PlanSetup,
  PlanWorkbook,
  SaveBalancingResult,
  SaveResult,
  SaveTopDownResult,
  SetupOutcome,
  SetupProgress,
  Mention,
  MoveAccountsResult,
  SourceRef,
  SourceTable,
  TopDownChange,
} from "../workbook/PlanWorkbook";
import { AuditTail } from "./auditChain";
import { WRITE_BUDGET_BYTES } from "./chunks";
import { RowHints } from "./hints";
import { excelHasCellProperties, excelRun, type ExcelRun } from "./run";
import { excelHasTableEvents, onPlanChanged, OwnWrites, watchPlanTables } from "./planChanges";
import { onSelectNode, selectNode } from "./selection";
import { withOfficeMessages } from "./messages";
import type { StoppedSetup, Writes } from "./writes";
import type { MadeFile } from "../core/sharing/madeFiles";

let writes: Promise<Writes> | null = null;
let reads: Promise<typeof import("./readPlan")> | null = null;

/**
 * Reading the plan (readPlan.ts and the layout's readers), in a chunk of its own: fetched when the
 * pane first reads the plan, alongside the first view's own chunk, rather than making the first
 * view larger (its budget, scripts/bundle-budget.cjs).
 */
function loadReads(): Promise<typeof import("./readPlan")> {
  reads ??= import(/* webpackChunkName: "excel-reads" */ "./readPlan").catch((error: unknown) => {
    reads = null;
    throw error;
  });
  return reads;
}

/** The adapter's writes (writes.ts), in a chunk of their own that the first view does not wait for. */
function loadWrites(): Promise<Writes> {
  writes ??= import(/* webpackChunkName: "excel-writes" */ "./writes").catch((error: unknown) => {
    writes = null;
    throw error;
  });
  return writes;
}

export class ExcelPlanWorkbook implements PlanWorkbook {
  /** Where this object last saw each node's rows: what lets saveEntries read them in its first sync. */
  private readonly hints = new RowHints();
  /** Whether the audit table exists as last seen, so saves read its last row in their first sync. */
  private readonly auditTail = new AuditTail();
  private readonly own: OwnWrites;
  /**
   * The plan as last read, patched after this object's own saves, so a read after the pane's own
   * save costs no sync. Kept only while Excel reports every other change (ExcelApi 1.7 table
   * events): any such change drops it. `watching` is the registration, made on the first read.
   */
  private cached: Plan | null = null;
  /**
   * The audit log as last read, with this object's own appends since: views re-read it after each
   * save, and the whole log is the largest table of a plan. Kept and dropped as `cached` is.
   */
  private cachedAudit: AuditEntry[] | null = null;
  private watching: Promise<unknown> | null = null;
  /** Counts the changes reported by others, so a read that one overtook is not kept. */
  private changesSeen = 0;

  private readonly run: ExcelRun;

  constructor(
    run: ExcelRun = excelRun,
    private readonly writeBudget: number = WRITE_BUDGET_BYTES,
    private readonly hasCellProperties: () => boolean = excelHasCellProperties,
    private readonly hasTableEvents: () => boolean = excelHasTableEvents,
    now: () => number = Date.now,
  ) {
    // Excel's raw errors (cell edit mode, a protected sheet, ...) reach the pane as what to do.
    this.run = withOfficeMessages(run);
    this.own = new OwnWrites(now);
  }

  /**
   * Runs a write as this object's own (its change events are not reported), retrying once should
   * the audit table this object last saw be gone: the first sync, which only reads, then fails.
   */
  private write<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.own.around(async () => {
      const expected = this.auditTail.known;
      try {
        return await this.run(batch);
      } catch (error) {
        if (!expected || this.auditTail.synced) throw error;
        this.auditTail.known = false;
        return this.run(batch);
      }
    });
  }

  async readPlan(): Promise<Plan | null> {
    if (this.cached !== null) return this.cached;
    if (this.watching === null && this.hasTableEvents()) {
      this.watching = watchPlanTables(this.run, this.own, () => {
        this.changesSeen++;
        this.cached = null;
        this.cachedAudit = null;
      }).ready;
    }
    if (this.watching !== null) await this.watching;
    const seen = this.changesSeen;
    const { readPlan } = await loadReads();
    const plan = await this.run((context) => readPlan(context, this.hints, this.auditTail));
    if (this.watching !== null && seen === this.changesSeen) this.cached = plan;
    // Fetched while the user reads the plan, so the first save does not wait for it.
    loadWrites().catch(() => undefined);
    return plan;
  }

  /**
   * Keeps the cached plan and audit log only if `save` went through, patched with what it wrote
   * (`appended`: the audit entries it added).
   */
  private async patching<T extends { ok: boolean }>(
    save: () => Promise<T>,
    patch: (plan: Plan) => Plan,
    appended: readonly AuditEntry[],
  ): Promise<T> {
    const before = this.cached;
    const auditBefore = this.cachedAudit;
    const seen = this.changesSeen;
    this.cached = null;
    this.cachedAudit = null;
    const result = await save();
    // A conflict means someone else wrote: read again. So does a change reported meanwhile.
    if (result.ok && seen === this.changesSeen) {
      if (before !== null) this.cached = patch(before);
      if (auditBefore !== null) this.cachedAudit = [...auditBefore, ...appended];
    }
    return result;
  }

  async readSelection(): Promise<SourceTable> {
    const { readSelection } = await loadWrites();
    return this.run((context) => readSelection(context, this.hasCellProperties));
  }

  async listTables(): Promise<string[]> {
    const { listTables } = await loadWrites();
    return this.run(listTables);
  }

  async readTable(name: string): Promise<SourceTable> {
    const { readTable } = await loadWrites();
    return this.run((context) => readTable(context, name, this.hasCellProperties));
  }

  /** Where the last setup stopped, if it did: the same setup again resumes there. */
  private stopped: StoppedSetup | null = null;

  async writePlan(setup: PlanSetup, progress?: SetupProgress): Promise<SetupOutcome> {
    const { SetupStoppedError, writePlan } = await loadWrites();
    this.cached = null;
    this.cachedAudit = null;
    const resume = this.stopped !== null && sameSetup(this.stopped.setup, setup) ? this.stopped : null;
    let outcome: SetupOutcome;
    try {
      outcome = await this.own.around(() =>
        this.run((context) => writePlan(context, setup, this.writeBudget, this.hints, progress, resume)),
      );
      this.stopped = null;
    } catch (error) {
      if (error instanceof SetupStoppedError) this.stopped = error.stopped;
      throw error;
    }
    this.auditTail.known = true;
    return outcome;
  }

  async saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult> {
    const { saveEntries } = await loadWrites();
    return this.patching(
      () => this.write((context) => saveEntries(context, this.hints, changes, audit, this.auditTail)),
      (plan) =>
        withEntries(
          plan,
          changes.map((change) => change.next),
        ),
      audit,
    );
  }

  async saveTopDown(changes: readonly TopDownChange[], audit: readonly AuditEntry[]): Promise<SaveTopDownResult> {
    const { saveTopDown } = await loadWrites();
    return this.patching(
      () => this.write((context) => saveTopDown(context, changes, audit, this.writeBudget, this.auditTail)),
      (plan) => withTopDown(plan, changes),
      audit,
    );
  }

  async moveAccounts(
    ref: AccountsTableRef,
    moves: readonly AccountMove[],
    audit: readonly AuditEntry[],
  ): Promise<MoveAccountsResult> {
    const { moveAccounts } = await loadWrites();
    const auditBefore = this.cachedAudit;
    const seen = this.changesSeen;
    this.cachedAudit = null;
    const result = await this.write((context) => moveAccounts(context, ref, moves, audit, this.auditTail));
    if (auditBefore !== null && seen === this.changesSeen) {
      const moved = new Set(result.moved);
      this.cachedAudit = [...auditBefore, ...audit.filter((_, i) => moved.has(moves[i].account))];
    }
    return result;
  }

  async saveBalancing(
    balancing: BalancingSettings,
    expected: BalancingSettings | undefined,
    audit: readonly AuditEntry[],
  ): Promise<SaveBalancingResult> {
    const { saveBalancing } = await loadWrites();
    return this.patching(
      () => this.write((context) => saveBalancing(context, balancing, expected, audit, this.auditTail)),
      (plan) => withBalancing(plan, balancing),
      audit,
    );
  }

  async writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite> {
    const { writeDashboard } = await loadWrites();
    return this.own.around(() => this.run((context) => writeDashboard(context, dashboard, this.writeBudget)));
  }

  async addTable(kind: OptionalTable): Promise<OptionalTableAdded> {
    const { addOptionalTable } = await loadWrites();
    this.cached = null;
    return this.own.around(() => this.run((context) => addOptionalTable(context, kind)));
  }

  async readAudit(): Promise<AuditEntry[]> {
    if (this.cachedAudit !== null) return [...this.cachedAudit];
    const { readAudit } = await loadWrites();
    const seen = this.changesSeen;
    const audit = await this.run(readAudit);
    // Like the plan, kept only while Excel reports others' changes (registered by readPlan).
    if (this.watching !== null && seen === this.changesSeen) this.cachedAudit = audit;
    return [...audit];
  }

  async readAuditChain(): Promise<ChainedAuditRow[]> {
    const { readAuditRows } = await loadWrites();
    return this.run(readAuditRows);
  }

  async saveSnapshot(info: SnapshotInfo): Promise<void> {
    const { saveSnapshot } = await loadWrites();
    return this.own.around(() => this.run((context) => saveSnapshot(context, info, this.writeBudget)));
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    const { listSnapshots } = await loadWrites();
    return this.run(listSnapshots);
  }

  async readSnapshot(name: string): Promise<Snapshot> {
    const { readSnapshot } = await loadWrites();
    return this.run((context) => readSnapshot(context, name));
  }

  async recordMadeFiles(files: readonly MadeFile[]): Promise<void> {
    const { recordMadeFiles } = await loadWrites();
    return this.run((context) => recordMadeFiles(context, files, this.writeBudget));
  }

  async readMadeFiles(): Promise<ReadonlyMap<string, MadeFile>> {
    const { readMadeFiles } = await loadWrites();
    return this.run(readMadeFiles);
  }

  async mentionOnNode(id: string, mention: Mention, text: string): Promise<void> {
    const { commentError, mentionOnNode } = await loadWrites();
    try {
      await this.run((context) => mentionOnNode(context, id, mention, text));
    } catch (error) {
      throw commentError(error);
    }
  }

  async selectNode(id: string): Promise<void> {
    return this.run((context) => selectNode(context, id));
  }

  async selectSourceRow(source: SourceRef, row: number): Promise<void> {
    const { selectSourceRow } = await loadWrites();
    return this.run((context) => selectSourceRow(context, source, row));
  }

  onSelectNode(listener: (id: string | null) => void): () => void {
    return onSelectNode(this.run, listener);
  }

  onPlanChanged(listener: (change: PlanChange) => void): () => void {
    return onPlanChanged(this.run, this.own, this.hasTableEvents, listener);
  }
}

/** The same setup: what the user asked to write again after a stop. */
function sameSetup(a: PlanSetup, b: PlanSetup): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
