import * as React from "react";
import type { MadeFile } from "../../core/sharing/madeFiles";
import { nextTask } from "../../core/nextTask";
import type { AuditEntry, Plan } from "../../core/plan/types";
import { withBalancing, withEntries, withTopDown } from "../../core/plan/patch";
import type { BalancingSettings } from "../../core/territory/balancingSettings";
import type { DashboardLayout } from "../../core/progress/dashboard";
import type {
  AccountMove,
  AccountsTableRef,
  OptionalTable,
  OptionalTableAdded,
  ChainedAuditRow,
  DashboardWrite,
  EntryChange,
  Mention,
  MoveAccountsResult,
  SaveBalancingResult,
  PlanSetup,
  SetupOutcome,
  SetupProgress,
  PlanWorkbook,
  SaveResult,
  SaveTopDownResult,
  SourceRef,
  SourceTable,
  TopDownChange,
} from "../../workbook/PlanWorkbook";
import { progressPaneMessages, sharingMessages, taskPaneMessages } from "../../core/messages";
import type { Snapshot, SnapshotInfo } from "../../core/sharing/snapshots";

/** A failed workbook call, as the MessageBar shows it. */
export interface PaneError {
  readonly id: number;
  readonly title: string;
  readonly message: string;
}

/**
 * What the views may do to the workbook. Every action reports its own failure in `errors` and
 * resolves to `undefined` instead of throwing, so a view only decides what to do on success.
 */
export interface WorkbookActions {
  /** Reads the plan again; views keep their unsaved entries, which live in their own state. */
  reload(): Promise<void>;
  /**
   * Sets the plan up; `progress` reports its steps and cancels it (see `SetupProgress`). Undefined
   * if it failed.
   */
  writePlan(setup: PlanSetup, progress?: SetupProgress): Promise<SetupOutcome | undefined>;
  saveEntries(changes: readonly EntryChange[], audit: readonly AuditEntry[]): Promise<SaveResult | undefined>;
  /**
   * Writes top-down targets with their audit entries and patches the plan in memory; on a conflict
   * writes nothing and returns theirs for the view to merge; undefined if it failed.
   */
  saveTopDown(changes: readonly TopDownChange[], audit: readonly AuditEntry[]): Promise<SaveTopDownResult | undefined>;
  /** Adds one of the plan's optional tables, then reads the plan again; undefined if it failed. */
  addTable(kind: OptionalTable): Promise<OptionalTableAdded | undefined>;
  /** Inserts or refreshes the dashboard sheet; undefined if it failed. */
  writeDashboard(dashboard: DashboardLayout): Promise<DashboardWrite | undefined>;
  readSelection(): Promise<SourceTable | undefined>;
  listTables(): Promise<string[] | undefined>;
  readTable(name: string): Promise<SourceTable | undefined>;
  /**
   * Writes balancing moves into the accounts table with their audit rows (see
   * PlanWorkbook.moveAccounts); undefined if it failed.
   */
  moveAccounts(
    ref: AccountsTableRef,
    moves: readonly AccountMove[],
    audit: readonly AuditEntry[],
  ): Promise<MoveAccountsResult | undefined>;
  /**
   * Keeps the accounts table, driver weights and band in the plan's settings and patches the plan
   * in memory; on a conflict writes nothing and says what the settings hold; undefined if it failed.
   */
  saveBalancing(
    balancing: BalancingSettings,
    expected: BalancingSettings | undefined,
    audit: readonly AuditEntry[],
  ): Promise<SaveBalancingResult | undefined>;
  /** Saves a named snapshot of the plan in the workbook; false if it failed (a blank or used name, ...). */
  saveSnapshot(info: SnapshotInfo): Promise<boolean>;
  listSnapshots(): Promise<SnapshotInfo[] | undefined>;
  readSnapshot(name: string): Promise<Snapshot | undefined>;
  readAudit(): Promise<AuditEntry[] | undefined>;
  /** Records contributor workbooks made (GU Files) before they are handed out; false if it failed. */
  recordMadeFiles(files: readonly MadeFile[]): Promise<boolean>;
  /** The plan's records of the workbooks it made; undefined if they could not be read. */
  readMadeFiles(): Promise<ReadonlyMap<string, MadeFile> | undefined>;
  /** The audit log with each row's chain hash, for the "Audit log intact" check. */
  readAuditChain(): Promise<ChainedAuditRow[] | undefined>;
  /**
   * Adds a comment on the node's row that @mentions `mention` (see PlanWorkbook.mentionOnNode);
   * false if it failed, which the error bar then explains.
   */
  mentionOnNode(id: string, mention: Mention, text: string): Promise<boolean>;
  /** Selects the node in the tree and its row in the sheet. */
  selectNode(id: string): void;
  selectSourceRow(source: SourceRef, row: number): void;
  dismissError(id: number): void;
}

export interface WorkbookState {
  /** undefined while the first read is in flight; null when the workbook holds no plan. */
  readonly plan: Plan | null | undefined;
  /** A write is in flight: views disable their buttons. */
  readonly busy: boolean;
  readonly errors: readonly PaneError[];
  /** The node selected in the tree or, last, in the sheet. */
  readonly selectedNode: string | null;
  readonly actions: WorkbookActions;
}

/** How long a burst of outside changes may last before the plan is read again. */
const PLAN_CHANGE_DELAY_MS = 250;

/**
 * Builds the plan's view (every node's rollup and cascade) in tasks of its own, between reading the
 * plan and drawing it: at 10,000 nodes each of the three takes a fifth of a second, and in one or two
 * tasks they kept the page from answering input for longer than that (issue 11). The module is
 * loaded on demand: the views that show a plan load it anyway, the first view does not.
 */
async function prepareView(plan: Plan): Promise<void> {
  const [{ planViewInParts }] = await Promise.all([
    import(/* webpackChunkName: "plan-view" */ "../../core/plan/planView"),
    nextTask(),
  ]);
  await planViewInParts(plan);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : taskPaneMessages.unknownError;
}

/** The task pane's one hold on the workbook: the plan as last read, actions, and their failures. */
export function useWorkbook(workbook: PlanWorkbook): WorkbookState {
  const [plan, setPlan] = React.useState<Plan | null | undefined>(undefined);
  const [busyCount, setBusyCount] = React.useState(0);
  const [errors, setErrors] = React.useState<readonly PaneError[]>([]);
  const [selectedNode, setSelectedNode] = React.useState<string | null>(null);
  const nextErrorId = React.useRef(1);
  const latestRead = React.useRef(0);

  const report = React.useCallback((title: string, error: unknown): void => {
    const id = nextErrorId.current++;
    setErrors((current) => [...current, { id, title, message: describe(error) }]);
  }, []);

  const attempt = React.useCallback(
    async <T>(title: string, call: () => Promise<T>): Promise<T | undefined> => {
      setBusyCount((count) => count + 1);
      try {
        return await call();
      } catch (error) {
        report(title, error);
        return undefined;
      } finally {
        setBusyCount((count) => count - 1);
      }
    },
    [report],
  );

  const reload = React.useCallback(async (): Promise<void> => {
    // Only the newest read may land, so a slow early read never overwrites a later one.
    const read = ++latestRead.current;
    try {
      const next = await workbook.readPlan();
      if (next !== null && read === latestRead.current) await prepareView(next);
      if (read === latestRead.current) setPlan(next);
    } catch (error) {
      if (read === latestRead.current) {
        setPlan((current) => (current === undefined ? null : current));
        report(taskPaneMessages.readPlanFailed, error);
      }
    }
  }, [workbook, report]);

  React.useEffect(() => {
    void reload();
  }, [reload]);

  // Someone else changed the plan (a co-author, or typing in the plan's sheets): read it again in
  // place. Bursts of events (a paste, a co-author's save of many rows) make one read. Views keep
  // their unsaved entries in their own state, so nothing typed is lost.
  React.useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = workbook.onPlanChanged(() => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void reload();
      }, PLAN_CHANGE_DELAY_MS);
    });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      unsubscribe();
    };
  }, [workbook, reload]);

  /** After the pane's own successful write: the plan as the workbook now holds it, without reading it. */
  const patch = React.useCallback((update: (plan: Plan) => Plan): void => {
    // A read that started before the write would land with the old rows: it is dropped.
    latestRead.current++;
    setPlan((current) => (current === undefined || current === null ? current : update(current)));
  }, []);

  React.useEffect(() => workbook.onSelectNode(setSelectedNode), [workbook]);

  const actions = React.useMemo<WorkbookActions>(
    () => ({
      reload,
      async writePlan(setup, progress) {
        const outcome = await attempt(taskPaneMessages.writePlanFailed, () => workbook.writePlan(setup, progress));
        if (outcome !== undefined) await reload();
        return outcome;
      },
      async saveEntries(changes, audit) {
        const result = await attempt(taskPaneMessages.saveFailed, () => workbook.saveEntries(changes, audit));
        // A conflict leaves the plan as read, so the user's typing survives until they choose to reload.
        if (result?.ok)
          patch((current) =>
            withEntries(
              current,
              changes.map((change) => change.next),
            ),
          );
        return result;
      },
      async saveTopDown(changes, audit) {
        const result = await attempt(taskPaneMessages.saveFailed, () => workbook.saveTopDown(changes, audit));
        if (result?.ok) patch((current) => withTopDown(current, changes));
        return result;
      },
      async addTable(kind) {
        const added = await attempt(taskPaneMessages.addTableFailed(kind), () => workbook.addTable(kind));
        if (added !== undefined) await reload();
        return added;
      },
      writeDashboard: (dashboard) =>
        attempt(progressPaneMessages.writeDashboardFailed, () => workbook.writeDashboard(dashboard)),
      readSelection: () => attempt(taskPaneMessages.readSelectionFailed, () => workbook.readSelection()),
      listTables: () => attempt(taskPaneMessages.listTablesFailed, () => workbook.listTables()),
      readTable: (name) => attempt(taskPaneMessages.readTableFailed(name), () => workbook.readTable(name)),
      moveAccounts: (ref, moves, audit) =>
        attempt(sharingMessages.moveAccountsFailed, () => workbook.moveAccounts(ref, moves, audit)),
      async saveBalancing(balancing, expected, audit) {
        const result = await attempt(taskPaneMessages.keepBalancingFailed, () =>
          workbook.saveBalancing(balancing, expected, audit),
        );
        if (result?.ok) patch((current) => withBalancing(current, balancing));
        return result;
      },
      async saveSnapshot(info) {
        const saved = await attempt(sharingMessages.snapshotSaveFailed, async () => {
          await workbook.saveSnapshot(info);
          return true;
        });
        return saved === true;
      },
      listSnapshots: () => attempt(sharingMessages.snapshotListFailed, () => workbook.listSnapshots()),
      readSnapshot: (name) => attempt(sharingMessages.snapshotReadFailed(name), () => workbook.readSnapshot(name)),
      readAudit: () => attempt(sharingMessages.auditReadFailed, () => workbook.readAudit()),
      async recordMadeFiles(files) {
        const recorded = await attempt(taskPaneMessages.recordFailed, async () => {
          await workbook.recordMadeFiles(files);
          return true;
        });
        return recorded === true;
      },
      readMadeFiles: () => attempt(taskPaneMessages.readRecordsFailed, () => workbook.readMadeFiles()),
      readAuditChain: () => attempt(sharingMessages.auditReadFailed, () => workbook.readAuditChain()),
      async mentionOnNode(id, mention, text) {
        const added = await attempt(taskPaneMessages.mentionFailed, async () => {
          await workbook.mentionOnNode(id, mention, text);
          return true;
        });
        return added === true;
      },
      selectNode(id) {
        setSelectedNode(id);
        workbook.selectNode(id).catch((error: unknown) => report(taskPaneMessages.selectFailed, error));
      },
      selectSourceRow(source, row) {
        workbook.selectSourceRow(source, row).catch((error: unknown) => report(taskPaneMessages.goToRowFailed, error));
      },
      dismissError(id) {
        setErrors((current) => current.filter((error) => error.id !== id));
      },
    }),
    [workbook, attempt, reload, report, patch],
  );

  return { plan, busy: busyCount > 0, errors, selectedNode, actions };
}
