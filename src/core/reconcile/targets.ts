/**
 * What every top-down edit has in common (typed or pasted targets, an allocation, "accept
 * bottom-up"): a preview of old and new targets per node and period, the problems found, and the
 * write it leads to: `TopDownChange` rows for `PlanWorkbook.saveTopDown` plus their audit entries.
 */
import { idKey } from "../cell";
import type { NodeView, PlanView } from "../plan/planView";
import type { AuditEntry, IdentitySource, PeriodValues, Plan } from "../plan/types";
import { reconcileMessages } from "../messages";
import type { TopDownChange } from "../plan/types";
import { valueColumns } from "../plan/measures";

export type ReconcileProblemKind =
  | "unknownNode"
  | "noChildren"
  | "noTarget"
  | "allHeld"
  | "unknownHold"
  | "badPeriod"
  | "negativeWeight"
  | "missingWeight"
  | "negativeResult"
  | "tooLarge"
  | "ownInput"
  | "targetsBelow"
  | "cascadedTarget"
  | "badValue"
  | "tooManyValues"
  | "duplicateRow"
  | "noValues";

/**
 * How much a problem stops:
 * - "error": nothing can be applied until it is fixed;
 * - "skipped": the row it names is left out, the rest can be applied (pasted rows);
 * - "warning": worth knowing, applying is fine.
 */
export type ProblemSeverity = "error" | "skipped" | "warning";

export interface ReconcileProblem {
  readonly kind: ReconcileProblemKind;
  readonly severity: ProblemSeverity;
  /** A sentence for the user that names the node, period and row concerned. */
  readonly message: string;
  /** The node concerned, as written in the plan (or as pasted, for an unknown id). */
  readonly id?: string;
  /** Index into the plan's periods. */
  readonly period?: number;
  /** 1-based line of a pasted block. */
  readonly row?: number;
}

/** One node's top-down target in one period, before and after. */
export interface TargetCell {
  /** As the report shows it now: the node's own target or its cascaded share; null if none reaches it. */
  readonly before: number | null;
  /** After applying; equal to `before` where the edit leaves the period alone. */
  readonly after: number | null;
  /** after - before; null if either is null. */
  readonly change: number | null;
}

export interface PreviewRow {
  readonly id: string;
  readonly name: string;
  /** Kept at its current target by the allocation. */
  readonly held: boolean;
  /** Index-aligned with the plan's periods. */
  readonly cells: readonly TargetCell[];
}

export interface TopDownPreview {
  /** The nodes the edit concerns, in sheet order (pasted rows: in pasted order). */
  readonly rows: readonly PreviewRow[];
  /**
   * Complete top-down rows to write, only for nodes whose stored targets change: periods the edit
   * leaves alone keep their stored value (null stays null, so cascading still reaches them).
   */
  readonly changes: readonly TopDownChange[];
  readonly problems: readonly ReconcileProblem[];
  /** The audit log's note for every write of this edit. */
  readonly note: string;
  /** There is something to write and no problem of severity "error". */
  readonly canApply: boolean;
}

export interface TopDownWrite {
  readonly changes: readonly TopDownChange[];
  readonly audit: readonly AuditEntry[];
}

/** Who applies an edit and when, for the audit log. */
export interface Actor {
  readonly user: string;
  /** ISO timestamp. */
  readonly time: string;
  /** How `user` was established, for the audit log. */
  readonly identity?: IdentitySource;
}

/** Misuse of the reconcile API by a caller (not a user mistake, which is a `ReconcileProblem`). */
export class ReconcileError extends Error {
  override readonly name = "ReconcileError";
}

/** Invariant, unformatted text, as workflow audit entries write values. */
function auditValue(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/**
 * One audit entry per period whose stored target of `id` goes from `before` to `after` (field
 * "top-down Q1 2027"; old and new as stored: "" for none); unchanged periods write nothing.
 */
export function topDownAudit(
  id: string,
  periods: readonly string[],
  before: (period: number) => number | null | undefined,
  after: (period: number) => number | null | undefined,
  actor: Actor,
  note: string,
): AuditEntry[] {
  const audit: AuditEntry[] = [];
  periods.forEach((period, c) => {
    const oldValue = auditValue(before(c));
    const newValue = auditValue(after(c));
    if (oldValue === newValue) return;
    audit.push({
      time: actor.time,
      user: actor.user,
      node: id,
      field: `top-down ${period}`,
      oldValue,
      newValue,
      note,
      ...(actor.identity === undefined ? {} : { identity: actor.identity }),
    });
  });
  return audit;
}

/**
 * The stored (own, not cascaded) top-down targets of the plan's nodes, looked up as ids are matched:
 * ignoring surrounding spaces and letter case, so a key written "emea" still belongs to "EMEA".
 */
export class StoredTargets {
  private readonly byKey = new Map<string, PeriodValues>();

  constructor(private readonly plan: Plan) {
    for (const [id, values] of plan.topDown) {
      const key = idKey(id);
      if (key !== undefined && !this.byKey.has(key)) this.byKey.set(key, values);
    }
  }

  /** Index-aligned with the plan's periods; null where the node has no target of its own. */
  of(id: string): (number | null)[] {
    const stored = this.plan.topDown.get(id) ?? this.byKey.get(idKey(id) ?? "");
    return valueColumns(this.plan.settings).map((_, c) => {
      const value = stored?.[c];
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    });
  }
}

/** The plan's nodes by id key (trimmed, case-folded), for ids the user typed or pasted. */
export function viewsByKey(view: PlanView): Map<string, NodeView> {
  const byKey = new Map<string, NodeView>();
  for (const node of view.nodes) {
    const key = idKey(node.id);
    if (key !== undefined) byKey.set(key, node);
  }
  return byKey;
}

/** The node with this id, matched as ids are (spaces, case); undefined if the plan has none. */
export function findNode(view: PlanView, id: string): NodeView | undefined {
  const direct = view.byId.get(id);
  if (direct !== undefined) return direct;
  const key = idKey(id);
  return key === undefined ? undefined : view.nodes.find((node) => idKey(node.id) === key);
}

/**
 * A node's direct children in sheet order. `view.nodes` is in tree order (depth-first, siblings in
 * sheet order), so they are the nodes one level deeper inside the node's run of descendants.
 */
export function childrenOf(view: PlanView, parent: NodeView): NodeView[] {
  const start = view.nodes.indexOf(parent);
  const children: NodeView[] = [];
  for (let i = start + 1; i < view.nodes.length && view.nodes[i].depth > parent.depth; i++) {
    if (view.nodes[i].depth === parent.depth + 1) children.push(view.nodes[i]);
  }
  return children;
}

/** A node's descendants in tree order: its run after it in `view.nodes`. */
export function descendantsOf(view: PlanView, parent: NodeView): NodeView[] {
  const start = view.nodes.indexOf(parent);
  let end = start + 1;
  while (end < view.nodes.length && view.nodes[end].depth > parent.depth) end++;
  return view.nodes.slice(start + 1, end);
}

export function targetCell(before: number | null, after: number | null): TargetCell {
  return { before, after, change: before === null || after === null ? null : after - before + 0 };
}

export function canApply(changes: readonly TopDownChange[], problems: readonly ReconcileProblem[]): boolean {
  return changes.length > 0 && problems.every((problem) => problem.severity !== "error");
}

/**
 * The complete row to write for a node whose stored targets are `stored`, with `updates` (period index
 * -> value, null clears) applied, or undefined if nothing would change. `stored` is also what the
 * save checks is still there (`TopDownChange.expected`), so a co-author's target is not overwritten.
 */
export function changedRow(
  id: string,
  stored: readonly (number | null)[],
  updates: ReadonlyMap<number, number | null>,
): TopDownChange | undefined {
  const values = [...stored];
  let changed = false;
  for (const [period, value] of updates) {
    if (values[period] !== value) changed = true;
    values[period] = value;
  }
  return changed ? { id, values, expected: [...stored] } : undefined;
}

/**
 * What applying the preview writes: its changes, and one audit entry per period whose stored target
 * changes (old and new as stored: "" for none). Throws `ReconcileError` for a preview that can't be
 * applied; the pane disables its Apply button on `canApply` instead.
 */
export function topDownWrite(plan: Plan, preview: TopDownPreview, actor: Actor): TopDownWrite {
  if (!preview.canApply) throw new ReconcileError(reconcileMessages.cannotApply);
  const stored = new StoredTargets(plan);
  const periods = valueColumns(plan.settings);
  const audit: AuditEntry[] = [];
  for (const change of preview.changes) {
    const before = stored.of(change.id);
    audit.push(
      ...topDownAudit(
        change.id,
        periods,
        (c) => before[c],
        (c) => change.values[c],
        actor,
        preview.note,
      ),
    );
  }
  return { changes: preview.changes, audit };
}
