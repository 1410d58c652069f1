/**
 * The plan as plain data: what the workbook's tables hold, independent of Excel.
 * Values are per value column (one per measure and period), index-aligned with `valueColumns`
 * (measures.ts); `null` means "not entered".
 */
import type { CapacityRow } from "../territory/capacity";
import type { TerritoryProblem } from "../territory/messages";
import type { BalancingSettings } from "../territory/balancingSettings";
import type { Guardrails } from "./guardrailSettings";
import type { Measure, RatioMeasure } from "./measures";
import type { EntrySettings } from "./entrySettings";
import type { PlanCalendar } from "./planCalendar";

export type Status = "Not started" | "Draft" | "Submitted" | "Approved" | "Returned";

export const STATUSES: readonly Status[] = ["Not started", "Draft", "Submitted", "Approved", "Returned"];

export type Grain = "month" | "quarter" | "year";

export const GRAINS: readonly Grain[] = ["month", "quarter", "year"];

/** What a user can do to a node's workflow row. */
export type WorkflowAction = "saveDraft" | "submit" | "approve" | "return" | "reopen";

export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = ["saveDraft", "submit", "approve", "return", "reopen"];

/**
 * The part a user plays for one action: contributors act on the nodes they own, managers on the
 * nodes directly below theirs. One person is often both.
 */
export type Role = "contributor" | "manager";

export interface PlanSettings {
  readonly name: string;
  /** What is planned, e.g. "Revenue". */
  readonly metric: string;
  /** e.g. "EUR", "units". */
  readonly unit: string;
  /** Period labels, e.g. ["Q1 2027", "Q2 2027", ...]; each measure has one value column per period (measures.ts). */
  readonly periods: readonly string[];
  readonly decimals: number;
  /**
   * The measures planned beside the first (metric, unit, decimals), e.g. units beside revenue.
   * Absent: one measure, as plans made before measures existed.
   */
  readonly moreMeasures?: readonly Measure[];
  /** Measures computed from two of the others (margin % = Margin / Revenue); absent: none. */
  readonly ratios?: readonly RatioMeasure[];
  /** Allowed |variance %| before a node is flagged, as a fraction: 0.05 = 5 %. */
  readonly tolerance: number;
  /** ISO date (yyyy-mm-dd) by which contributors should submit, or null. */
  readonly deadline: string | null;
  readonly allowNegative: boolean;
  /**
   * How far a manager's target may stand above the sum of their team's, as a fraction from 1 to 3
   * (1.1 = 110 %): a manager with target T passes T / 1.1 down (`childrenShare`). Absent: 1, none,
   * as plans made before the setting existed.
   */
  readonly overAssignment?: number;
  /**
   * Who may enter top-down targets (Reconcile): owner names or e-mail addresses, matched ignoring
   * case. Absent or empty: anyone, as plans made before roles existed.
   */
  readonly topDownEditors?: readonly string[];
  /**
   * Who may approve and return: owner names or e-mail addresses; each still only for the nodes the
   * approval chain gives them. Absent or empty: every reviewing owner.
   */
  readonly approvers?: readonly string[];
  /** The accounts table, driver weights and band that Balance and the map use; absent until kept. */
  readonly balancing?: BalancingSettings;
  /** Bounds a submission must keep (guardrails.ts); absent: none, as plans made before them. */
  readonly guardrails?: Guardrails;
  /** The fiscal calendar the periods were made from (planCalendar.ts); absent: calendar periods. */
  readonly calendar?: PlanCalendar;
  /** Annual entry (entrySettings.ts); absent: a value per period, as plans made before it. */
  readonly entry?: EntrySettings;
}

export interface PlanNode {
  readonly id: string;
  /** "" for a root. */
  readonly parent: string;
  readonly name: string;
  /** Who enters this node's targets; "" if nobody. */
  readonly owner: string;
  /** Extra columns the user keeps in the hierarchy table, by header. */
  readonly attributes: Readonly<Record<string, string>>;
}

export type PeriodValues = readonly (number | null)[];

/** One node's workflow row: what the contributor entered and where it stands. */
export interface NodeEntry {
  readonly id: string;
  readonly values: PeriodValues;
  readonly status: Status;
  readonly comment: string;
  /** Why the manager returned it; "" unless Returned. */
  readonly returnReason: string;
  /** ISO timestamp of the last write to this row, "" if never written; used to detect concurrent edits. */
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface AuditEntry {
  /** ISO timestamp */
  readonly time: string;
  readonly user: string;
  readonly node: string;
  /** "status", "comment", a period label, "top-down <period>", ... */
  readonly field: string;
  readonly oldValue: string;
  readonly newValue: string;
  readonly note: string;
  /**
   * How `user` was established: "office-account" (the signed-in Office account, through SSO) or
   * "chosen" (picked from the plan's owners in the pane). Absent on rows written before it existed.
   */
  readonly identity?: IdentitySource;
}

export type IdentitySource = "office-account" | "chosen";

/**
 * The plan's optional capacity table (GU Capacity, src/core/plan/layout/capacityTable.ts) as read:
 * its rows as cells, checked against the hierarchy only where capacity is computed
 * (src/core/territory/planCapacity.ts), so a bad row never stops the plan being read.
 */
export interface CapacityTable {
  readonly rows: readonly CapacityRow[];
  /** The sheet row of `rows[0]`. */
  readonly firstRow: number;
  /** What is wrong with the table itself (a missing column), each naming how to fix it. */
  readonly problems: readonly string[];
}

/** Last year's values per node id, from the optional GU Reference table (layout/referenceTable.ts). */
export interface ReferenceValues {
  readonly values: ReadonlyMap<string, PeriodValues>;
  /** This year's forecast per node id, from the table's Forecast columns; absent without them. */
  readonly forecast?: ReadonlyMap<string, PeriodValues>;
  /** Rows left out, each naming its sheet row and the fix. */
  readonly problems: readonly TerritoryProblem[];
}

/** A seasonality profile of the plan's GU Profiles table: its name and a share per period, totalling 100 %. */
export interface NamedProfile {
  readonly name: string;
  readonly shares: readonly number[];
}

/** The optional GU Profiles table as read (layout/profilesTable.ts). */
export interface SeasonalityProfiles {
  readonly profiles: readonly NamedProfile[];
  /** Rows left out, each naming its sheet row and the fix. */
  readonly problems: readonly TerritoryProblem[];
}

export interface Plan {
  readonly settings: PlanSettings;
  /** In sheet order. */
  readonly nodes: readonly PlanNode[];
  /** Bottom-up inputs and workflow state per node id (as written in `nodes`). */
  readonly entries: ReadonlyMap<string, NodeEntry>;
  /** Top-down targets per node id. */
  readonly topDown: ReadonlyMap<string, PeriodValues>;
  /** Absent when the workbook has no capacity table (plans made before it, or that never added one). */
  readonly capacity?: CapacityTable;
  /** Absent when the workbook has no reference table (GU Reference): no last year to compare with. */
  readonly reference?: ReferenceValues;
  /** Absent when the workbook has no GU Profiles table. */
  readonly profiles?: SeasonalityProfiles;
}

/** One node's top-down targets to write (`PlanWorkbook.saveTopDown`); null clears a period. */
export interface TopDownChange {
  readonly id: string;
  readonly values: PeriodValues;
  /** The node's targets as read before editing; null if the node had no targets row. */
  readonly expected: PeriodValues | null;
}
