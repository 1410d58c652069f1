import type {
  AuditEntry,
  IdentitySource,
  NodeEntry,
  PeriodValues,
  Plan,
  PlanNode,
  PlanSettings,
  TopDownChange,
} from "../core/plan/types";
import type { ChainedAuditRow } from "../core/audit/chain";
import type { Snapshot, SnapshotInfo } from "../core/sharing/snapshots";
import type { MadeFile } from "../core/sharing/madeFiles";
import type { DashboardLayout } from "../core/progress/dashboard";
import type { AccountMove, AccountsTableRef, MoveAccountsResult } from "../core/territory/accountMoves";
import type { OptionalTable } from "../core/plan/layout/optionalTables";
import type { BalancingSettings } from "../core/territory/balancingSettings";

export { PlanLayoutError, type LayoutProblem } from "../core/plan/layout";
export type { ChainedAuditRow } from "../core/audit/chain";
export type { AccountMove, AccountsTableRef, MoveAccountsResult, RefusedMove } from "../core/territory/accountMoves";

/**
 * The only way the task pane talks to a workbook. Two implementations: `ExcelPlanWorkbook`
 * (src/excel, Office.js) and `MemoryPlanWorkbook` (src/workbook/memory, in-memory cells, used by
 * tests and the workbench); both lay the plan out as src/core/plan/layout/ describes. Each method
 * is one logical step: the Excel implementation makes a small constant number of `context.sync()`
 * calls per method (plus one per read or write chunk), never one per row.
 *
 * Errors: a plan whose tables someone broke (a missing table or column, a status that is not one,
 * an id on two rows, a cycle) makes `readPlan` and the writes throw `PlanLayoutError`, whose
 * `problems` name the sheet and row of each; other failures are plain `Error`s with a message.
 */
export interface PlanWorkbook {
  /**
   * The plan stored in this workbook, or null if none has been set up. Nodes come in the order of
   * the hierarchy table (tree order, as `writePlan` writes it); every node has an entry and a
   * top-down row (nulls where nothing is entered).
   */
  readPlan(): Promise<Plan | null>;

  /**
   * Raw cells of the current selection, for "set up from selection", as values (never formulas).
   * First row may be headers. A selection of whole columns is cut to the cells in use.
   */
  readSelection(): Promise<SourceTable>;
  /** Names of the tables in the workbook the user could set up from (plan tables excluded). */
  listTables(): Promise<string[]>;
  /** The table's cells as values, its header row first. */
  readTable(name: string): Promise<SourceTable>;

  /**
   * Creates the plan, or updates it over an existing one: writes settings and hierarchy (in tree
   * order: depth-first, siblings in the order given), keeps every existing input, target, status
   * and comment by node id, and (re)builds the report. Rows of nodes no longer in the hierarchy
   * stay in the workbook (below the others) and come back if the node does; columns of periods
   * no longer in the plan stay while they hold values. Throws `PlanLayoutError` for a setup that is
   * not a plan (no nodes or periods, a period twice, an invalid hierarchy, ...).
   * Audited: setting up again writes one row per renamed, moved, added or removed node, owner
   * reassigned and setting changed (src/core/audit/setupAudit.ts), stamped with `setup.by`,
   * chained like every audit row (src/core/audit/chain.ts); the first setup starts an empty log.
   */
  writePlan(setup: PlanSetup, progress?: SetupProgress): Promise<SetupOutcome>;

  /**
   * Writes node entries, and appends `audit`, if, and only if, every row still holds what
   * `expected` says was read (every stored field: values, status, comment, return reason, updated
   * at and by; src/workbook/conflicts.ts) and every node is still in the hierarchy.
   * Otherwise writes nothing (no entry, no audit) and returns each conflicting row as it is now.
   * Excel: 2 syncs once this object has read the plan (3 if a co-author moved the rows since).
   */
  saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult>;

  /**
   * Writes top-down targets (null clears a period) with their audit entries, if, and only if,
   * every node's targets row still holds, period by period, what `expected` says was read (a node
   * without a row counts as all blank). Otherwise writes nothing (no target, no audit) and returns
   * each conflicting node's targets as they are now. Throws, writing nothing, if a node is not in
   * the hierarchy. Excel: 3 syncs (find, read the rows, write), plus one per further write chunk.
   */
  saveTopDown(changes: readonly TopDownChange[], audit: readonly AuditEntry[]): Promise<SaveTopDownResult>;

  /**
   * Balancing: writes each move's new territory into the accounts table's territory column (user
   * text kept as text) and appends `audit[i]` for each `moves[i]` written. A move whose account is
   * no longer in the table, or whose territory cell no longer holds `from` (a co-author changed it),
   * is refused with a message naming the account and row; the others are written. Throws, writing
   * nothing, for a missing table or column. Excel: 4 syncs (the table names, the table's place, its
   * cells, the write; the audit table's tail shares the first two), plus one per further read chunk.
   */
  moveAccounts(
    ref: AccountsTableRef,
    moves: readonly AccountMove[],
    audit: readonly AuditEntry[],
  ): Promise<MoveAccountsResult>;

  /**
   * Adds one of the plan's optional tables and selects its first cell: the capacity table (sheet
   * GU Capacity, table GuCapacity: src/core/plan/layout/capacityTable.ts) or last year's values
   * (GU Reference, GuReference: referenceTable.ts), headers for the plan's periods and one blank
   * row to type or paste into; "exists" and nothing written when the table is already there (its
   * sheet is brought to the front). Throws when a sheet of that name exists without the table, or
   * there is no plan. Excel: 2 syncs (what exists and the settings; the write).
   */
  addTable(kind: OptionalTable): Promise<OptionalTableAdded>;

  /**
   * Keeps the Balance view's accounts table, driver weights and band in the plan's settings table
   * (rows accountsTable, workloadWeights, balanceBand; added below the table the first time) and
   * appends `audit`. Refused, writing nothing, when the table holds other balancing than `expected`
   * (a co-author kept theirs since this plan was read): `current` says what it holds. Excel: 2
   * syncs (the settings table with the audit table's tail, the write; 3 before the tail is known).
   */
  saveBalancing(
    balancing: BalancingSettings,
    expected: BalancingSettings | undefined,
    audit: readonly AuditEntry[],
  ): Promise<SaveBalancingResult>;

  /** The audit log, oldest first. */
  readAudit(): Promise<AuditEntry[]>;

  /**
   * The audit log as stored, with each row's chain hash and sheet row, for the pane's check
   * (`verifyAuditChain` in src/core/audit/chain.ts).
   */
  readAuditChain(): Promise<ChainedAuditRow[]>;

  /**
   * Called when the plan's tables change other than through this object (a co-author, the user
   * typing in GU Inputs, the workbench grid); changes this object writes are not reported.
   * Excel: `TableCollection.onChanged` (ExcelApi 1.7); hosts without it never call the listener.
   * Returns unsubscribe.
   */
  onPlanChanged(listener: (change: PlanChange) => void): () => void;

  /**
   * Saves a named snapshot of every node's inputs, own top-down targets and status inside the
   * workbook: a sheet and table of its own, listed in the snapshots table (src/core/sharing/
   * snapshots.ts). Throws `SnapshotError`, writing nothing, for a blank name or one already used.
   * Excel: 4 syncs (one more per extra read or write chunk of a large plan).
   */
  saveSnapshot(info: SnapshotInfo): Promise<void>;
  /** The snapshots saved in this workbook, oldest first. Excel: 2 syncs (1 if there are none). */
  listSnapshots(): Promise<SnapshotInfo[]>;
  /**
   * One snapshot as saved; throws `SnapshotError` for a name no snapshot has.
   * Excel: 4 syncs (one more per extra read chunk).
   */
  readSnapshot(name: string): Promise<Snapshot>;

  /**
   * Inserts the dashboard sheet (`dashboardLayout` in src/core/progress/dashboard.ts), or refreshes
   * it: the sheet's cells are replaced by the layout's blocks, the charts it inserted before (found
   * by name) by its charts; other charts on the sheet stay. The sheet becomes the active one.
   * Excel: 2 syncs to insert, 3 to refresh (the old charts' names are read once the sheet is known
   * to exist), plus one per further write chunk.
   */
  writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite>;

  /**
   * Appends the record of contributor workbooks just made to the plan's GU Files table
   * (src/core/sharing/madeFiles.ts), creating it the first time. Collect trusts only this record.
   */
  recordMadeFiles(files: readonly MadeFile[]): Promise<void>;
  /** Every contributor workbook the plan recorded, by file id key; empty if none was made. */
  readMadeFiles(): Promise<ReadonlyMap<string, MadeFile>>;

  /**
   * Adds a threaded comment on the node's Name cell in the hierarchy sheet that @mentions
   * `mention` and then says `text` (kept as text, never markup). Excel (ExcelApi 1.11) e-mails the
   * person where the workbook is on OneDrive or SharePoint with Microsoft 365; where the host
   * has no threaded comments it throws an error saying so. Throws for an unknown id.
   * Excel: 2 syncs (find the row, add the comment).
   */
  mentionOnNode(id: string, mention: Mention, text: string): Promise<void>;

  /** Selects the node's row in the hierarchy sheet (navigation, "go to"); throws for an unknown id. */
  selectNode(id: string): Promise<void>;
  /**
   * Selects a row of a source (setup problem "go to"): `row` is the 1-based position in
   * `SourceTable.rows`, header row included (a `SetupProblem`'s `sourceIndex + 1`).
   */
  selectSourceRow(source: SourceRef, row: number): Promise<void>;
  /**
   * Called with the node id whose row the user selected in any of the plan's sheets (hierarchy,
   * inputs, targets, status, report, audit), null for any other cell. Returns unsubscribe.
   */
  onSelectNode(listener: (id: string | null) => void): () => void;
}

/** A person to @mention: the name shown in the comment and the address Microsoft 365 e-mails. */
export interface Mention {
  readonly name: string;
  readonly email: string;
}

export interface SourceTable {
  /** Where the cells came from, so problems can link back to a row. */
  readonly ref: SourceRef;
  readonly rows: readonly (readonly unknown[])[];
  /**
   * The 1-based sheet row of `rows[0]` (a table's header row), so that setup problems name the
   * rows the user sees in Excel.
   */
  readonly firstRow: number;
}

export type SourceRef =
  | { readonly kind: "range"; readonly sheet: string; readonly address: string }
  | { readonly kind: "table"; readonly name: string };

/**
 * How a long setup reports and stops (optional: a workbook may ignore it). Excel reports one step
 * per write chunk and stops between chunks when `signal` aborts; calling `writePlan` again with the
 * same setup after a failure or a cancel resumes where it stopped.
 */
export interface SetupProgress {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** What a finished setup found out about the host. */
export interface SetupOutcome {
  /**
   * False where Excel has no dynamic arrays: the report's spilled columns show only their first
   * row there, and its title row says the report needs Excel with dynamic arrays; the plan's
   * tables, and so the task pane, work as usual.
   */
  readonly dynamicArrays: boolean;
}

export interface PlanSetup {
  readonly settings: PlanSettings;
  readonly nodes: readonly PlanNode[];
  /** Who sets the plan up, for its audit rows; absent: an unnamed user, now. */
  readonly by?: SetupActor;
}

export interface SetupActor {
  readonly user: string;
  readonly identity?: IdentitySource;
  /** ISO timestamp; absent: the time of the write. */
  readonly time?: string;
}

/** A change of the plan made other than through this PlanWorkbook (see `onPlanChanged`). */
export interface PlanChange {
  /** "local": this user, in the sheet; "remote": a co-author (Excel's `EventSource`). */
  readonly origin: "local" | "remote";
}

export interface EntryChange {
  /** The row as read before editing; null if the node had no row yet. */
  readonly expected: NodeEntry | null;
  readonly next: NodeEntry;
}

export type SaveResult = { readonly ok: true } | { readonly ok: false; readonly conflicts: readonly EntryConflict[] };

export interface EntryConflict {
  readonly id: string;
  readonly mine: NodeEntry;
  /** The row as a co-author left it; null if the node was deleted. */
  readonly theirs: NodeEntry | null;
}

/** Declared in core (src/core/plan/types.ts), which must not import from here. */
export type { TopDownChange } from "../core/plan/types";

export type SaveTopDownResult =
  { readonly ok: true } | { readonly ok: false; readonly conflicts: readonly TopDownConflict[] };

export interface TopDownConflict {
  readonly id: string;
  readonly mine: PeriodValues;
  /** The node's targets as a co-author left them; null if the node has no targets row. */
  readonly theirs: PeriodValues | null;
}

export type OptionalTableAdded = "added" | "exists";
export type { OptionalTable } from "../core/plan/layout/optionalTables";

/** Whether `writeDashboard` added the sheet or replaced what was on it. */
export type DashboardWrite = "inserted" | "refreshed";

export type SaveBalancingResult =
  { readonly ok: true } | { readonly ok: false; readonly current: BalancingSettings | undefined };
