import type {
  AuditEntry,
  NodeEntry,
  PeriodValues,
  Plan,
  PlanNode,
  PlanSettings,
  Status,
} from "../../../src/core/plan/types";
import type { Snapshot, SnapshotInfo } from "../../../src/core/sharing/snapshots";
import type { MadeFile } from "../../../src/core/sharing/madeFiles";
import type { DashboardLayout } from "../../../src/core/progress/dashboard";
import {
  accountColumns,
  planAccountWrites,
  type AccountMove,
  type AccountsTableRef,
  type MoveAccountsResult,
} from "../../../src/core/territory/accountMoves";
import { sameBalancing, type BalancingSettings } from "../../../src/core/territory/balancingSettings";
import { withBalancing } from "../../../src/core/plan/patch";
import type {
  OptionalTable,
  OptionalTableAdded,
  ChainedAuditRow,
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
} from "../../../src/workbook/PlanWorkbook";

type Method = Exclude<keyof PlanWorkbook, "onSelectNode" | "onPlanChanged">;

/**
 * A PlanWorkbook that keeps the plan as plain data and records what the task pane asked of it.
 * `failWith` makes a method reject, `conflictOnSave` makes the next save report a co-author's row.
 */
export class FakePlanWorkbook implements PlanWorkbook {
  readonly written: PlanSetup[] = [];
  readonly saved: { changes: readonly EntryChange[]; audit: readonly AuditEntry[] }[] = [];
  /** What saves appended to the audit log; `readAudit` gives `auditChain` (what a test put there) first. */
  readonly audit: AuditEntry[] = [];
  readonly selectedNodes: string[] = [];
  /** The @mention comments the pane asked for, in order. */
  readonly mentions: { id: string; mention: Mention; text: string }[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly madeFiles = new Map<string, MadeFile>();
  readonly dashboards: DashboardLayout[] = [];
  readonly selectedSourceRows: { source: SourceRef; row: number }[] = [];
  readonly failures = new Map<Method, Error>();
  selection: SourceTable = { ref: { kind: "range", sheet: "Sheet1", address: "A1" }, rows: [], firstRow: 1 };
  tables = new Map<string, SourceTable>();
  conflictOnSave: NodeEntry | null = null;
  /** What setups report of the host: false plays an Excel without dynamic arrays. */
  dynamicArrays = true;
  /** What the next saveTopDown finds instead of what was read: id -> a co-author's targets. */
  conflictOnTopDown: ReadonlyMap<string, PeriodValues | null> | null = null;
  /** The audit log as `readAuditChain` returns it. */
  auditChain: ChainedAuditRow[] = [];
  private readonly listeners = new Set<(id: string | null) => void>();
  private readonly planListeners = new Set<(change: PlanChange) => void>();
  /** How many times the pane read the plan: a save patches it in memory instead of reading it again. */
  reads = 0;

  constructor(public plan: Plan | null = null) {}

  failWith(method: Method, message: string): void {
    this.failures.set(method, new Error(message));
  }

  /** What Excel does when someone (`origin`) changes the plan's tables outside the pane. */
  changeInSheet(origin: PlanChange["origin"] = "local"): void {
    for (const listener of this.planListeners) listener({ origin });
  }

  /** What Excel does when the user selects a row in the sheet. */
  selectInSheet(id: string | null): void {
    for (const listener of this.listeners) listener(id);
  }

  /** What Excel reports when a co-author (or the user, in the sheets) changes the plan's tables. */
  changeOutside(plan: Plan, origin: PlanChange["origin"] = "remote"): void {
    this.plan = plan;
    for (const listener of this.planListeners) listener({ origin });
  }

  onPlanChanged(listener: (change: PlanChange) => void): () => void {
    this.planListeners.add(listener);
    return () => this.planListeners.delete(listener);
  }

  async readPlan(): Promise<Plan | null> {
    this.check("readPlan");
    this.reads++;
    return this.plan;
  }

  async readSelection(): Promise<SourceTable> {
    this.check("readSelection");
    return this.selection;
  }

  async listTables(): Promise<string[]> {
    this.check("listTables");
    return [...this.tables.keys()];
  }

  async readTable(name: string): Promise<SourceTable> {
    this.check("readTable");
    const table = this.tables.get(name);
    if (table === undefined) throw new Error(`No table "${name}"`);
    return table;
  }

  /** What `moveAccounts` was asked, in order. */
  readonly accountMoves: { ref: AccountsTableRef; moves: readonly AccountMove[] }[] = [];

  /** Writes the moves into `tables` (the header row first) as both adapters do, through the same check. */
  async moveAccounts(
    ref: AccountsTableRef,
    moves: readonly AccountMove[],
    audit: readonly AuditEntry[],
  ): Promise<MoveAccountsResult> {
    this.check("moveAccounts");
    this.accountMoves.push({ ref, moves });
    const table = this.tables.get(ref.table);
    if (table === undefined) throw new Error(`No table "${ref.table}"`);
    const [headers, ...body] = table.rows;
    const columns = accountColumns(ref, headers ?? []);
    const { writes, refused } = planAccountWrites(ref, body, columns, table.firstRow + 1, moves);
    const rows = body.map((row) => [...row]);
    for (const write of writes) rows[write.bodyRow][columns.territory] = moves[write.move].to;
    this.tables.set(ref.table, { ...table, rows: [headers, ...rows] });
    this.audit.push(...writes.map((write) => audit[write.move]));
    return { moved: writes.map((write) => moves[write.move].account), refused };
  }

  /** Keeps balancing in the plan's settings with the same check as both adapters. */
  async saveBalancing(
    balancing: BalancingSettings,
    expected: BalancingSettings | undefined,
    audit: readonly AuditEntry[],
  ): Promise<SaveBalancingResult> {
    this.check("saveBalancing");
    if (this.plan === null) throw new Error("No plan");
    const current = this.plan.settings.balancing;
    if (!sameBalancing(current, expected)) return { ok: false, current };
    this.plan = withBalancing(this.plan, balancing);
    this.audit.push(...audit);
    return { ok: true };
  }

  async writePlan(setup: PlanSetup): Promise<SetupOutcome> {
    this.check("writePlan");
    this.written.push(setup);
    this.plan = {
      settings: setup.settings,
      nodes: setup.nodes,
      entries: this.plan?.entries ?? new Map(),
      topDown: this.plan?.topDown ?? new Map(),
    };
    return { dynamicArrays: this.dynamicArrays };
  }

  async saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult> {
    this.check("saveEntries");
    this.saved.push({ changes, audit });
    if (this.conflictOnSave !== null) {
      const theirs = this.conflictOnSave;
      return {
        ok: false,
        conflicts: changes.map((change) => ({ id: change.next.id, mine: change.next, theirs })),
      };
    }
    const plan = this.requirePlan();
    const entries = new Map(plan.entries);
    for (const change of changes) entries.set(change.next.id, change.next);
    this.plan = { ...plan, entries };
    this.audit.push(...audit);
    return { ok: true };
  }

  async saveTopDown(changes: readonly TopDownChange[]): Promise<SaveTopDownResult> {
    this.check("saveTopDown");
    if (this.conflictOnTopDown !== null) {
      const theirs = this.conflictOnTopDown;
      return {
        ok: false,
        conflicts: changes
          .filter((change) => theirs.has(change.id))
          .map((change) => ({ id: change.id, mine: change.values, theirs: theirs.get(change.id) ?? null })),
      };
    }
    const plan = this.requirePlan();
    const topDown = new Map(plan.topDown);
    for (const change of changes) topDown.set(change.id, change.values);
    this.plan = { ...plan, topDown };
    return { ok: true };
  }

  /** An empty capacity table (header and one blank row), as both workbooks add it. */
  async addTable(kind: OptionalTable): Promise<OptionalTableAdded> {
    this.check("addTable");
    const plan = this.requirePlan();
    if (plan[kind] !== undefined) return "exists";
    if (kind === "capacity") this.plan = { ...plan, capacity: { rows: [], firstRow: 2, problems: [] } };
    else if (kind === "reference") this.plan = { ...plan, reference: { values: new Map(), problems: [] } };
    else this.plan = { ...plan, profiles: { profiles: [], problems: [] } };
    return "added";
  }

  async readAudit(): Promise<AuditEntry[]> {
    this.check("readAudit");
    return [...this.auditChain.map((row) => row.entry), ...this.audit];
  }

  async readAuditChain(): Promise<ChainedAuditRow[]> {
    this.check("readAuditChain");
    return this.auditChain;
  }

  async writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite> {
    this.check("writeDashboard");
    this.dashboards.push(dashboard);
    return this.dashboards.length === 1 ? "inserted" : "refreshed";
  }

  async saveSnapshot(info: SnapshotInfo): Promise<void> {
    this.check("saveSnapshot");
    const plan = this.requirePlan();
    this.snapshots.push({
      ...info,
      periods: plan.settings.periods,
      rows: plan.nodes.map((node) => ({
        id: node.id,
        name: node.name,
        status: plan.entries.get(node.id)?.status ?? "Not started",
        inputs: plan.entries.get(node.id)?.values ?? [],
        targets: plan.topDown.get(node.id) ?? [],
      })),
    });
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    this.check("listSnapshots");
    return this.snapshots.map(({ name, time, user }) => ({ name, time, user }));
  }

  async readSnapshot(name: string): Promise<Snapshot> {
    this.check("readSnapshot");
    const snapshot = this.snapshots.find((candidate) => candidate.name === name);
    if (snapshot === undefined) throw new Error(`No snapshot "${name}"`);
    return snapshot;
  }

  async recordMadeFiles(files: readonly MadeFile[]): Promise<void> {
    this.check("recordMadeFiles");
    for (const file of files) this.madeFiles.set(file.fileId, file);
  }

  async readMadeFiles(): Promise<ReadonlyMap<string, MadeFile>> {
    this.check("readMadeFiles");
    return this.madeFiles;
  }

  async mentionOnNode(id: string, mention: Mention, text: string): Promise<void> {
    this.check("mentionOnNode");
    this.mentions.push({ id, mention, text });
  }

  async selectNode(id: string): Promise<void> {
    this.check("selectNode");
    this.selectedNodes.push(id);
  }

  async selectSourceRow(source: SourceRef, row: number): Promise<void> {
    this.check("selectSourceRow");
    this.selectedSourceRows.push({ source, row });
  }

  onSelectNode(listener: (id: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private check(method: Method): void {
    const failure = this.failures.get(method);
    if (failure !== undefined) throw failure;
  }

  private requirePlan(): Plan {
    if (this.plan === null) throw new Error("No plan");
    return this.plan;
  }
}

export const quarterSettings: PlanSettings = {
  name: "FY27 targets",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

/** [id, parent, name, owner] */
export type NodeRow = readonly [string, string, string, string];

export interface PlanData {
  readonly settings?: Partial<PlanSettings>;
  readonly nodes: readonly NodeRow[];
  /** id -> [values, status, comment?] */
  readonly entries?: Readonly<Record<string, readonly [PeriodValues, Status, string?]>>;
  readonly topDown?: Readonly<Record<string, PeriodValues>>;
}

export function makePlan({ settings, nodes, entries = {}, topDown = {} }: PlanData): Plan {
  const planNodes: PlanNode[] = nodes.map(([id, parent, name, owner]) => ({
    id,
    parent,
    name,
    owner,
    attributes: {},
  }));
  return {
    settings: { ...quarterSettings, ...settings },
    nodes: planNodes,
    entries: new Map(
      Object.entries(entries).map(([id, [values, status, comment = ""]]) => [
        id,
        {
          id,
          values,
          status,
          comment,
          returnReason: "",
          updatedAt: "2027-01-05T10:00:00.000Z",
          updatedBy: "someone",
        },
      ]),
    ),
    topDown: new Map(Object.entries(topDown)),
  };
}
