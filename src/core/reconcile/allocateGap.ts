/**
 * Allocate a node's gap, or its whole target, across its direct children as new top-down targets;
 * and "accept bottom-up". Both return a `TopDownPreview` to show before anything is written.
 *
 * Only direct children get targets. Deeper levels follow through the report's cascade: a child's
 * descendants without targets of their own share its new target in proportion to their bottom-up.
 * To set them explicitly, allocate again at the child.
 *
 * The children's new targets plus the held children's targets add up to the node's target exactly,
 * counted in units of the plan's decimals, as CASCADE splits it; under the plan's over-assignment
 * (110 %) they add up to the children's share of it, target / 1.1 (`childrenShare`), as CASCADE
 * shares it. A node's own input (a manager's house accounts) is in its bottom-up but in no child's
 * target, as in CASCADE; a warning says so.
 */
import { allocate, AllocationError, excelRound, fromUnits, MAX_DECIMALS, toUnits } from "../allocation";
import { idKey } from "../cell";
import { childrenShare, NO_OVER_ASSIGNMENT } from "../territory/overAssignment";
import { messages as coreMessages, reconcileMessages as messages } from "../messages";
import type { NodeView, PlanView } from "../plan/planView";
import type { Plan } from "../plan/types";
import type { TopDownChange } from "../plan/types";
import {
  canApply,
  changedRow,
  childrenOf,
  descendantsOf,
  findNode,
  StoredTargets,
  targetCell,
  type PreviewRow,
  type ReconcileProblem,
  type TargetCell,
  type TopDownPreview,
} from "./targets";
import { columnDecimals, valueColumns } from "../plan/measures";

/**
 * What is shared out in each period:
 * - "gap": each child keeps its bottom-up and gets a share of what is missing to reach the target
 *   (top-down - the held children's targets - the other children's bottom-up; negative when bottom-up
 *   is above it);
 * - "target": the children share the whole target, less the held children's targets.
 */
export type AllocationBasis = "gap" | "target";

/** In proportion to what the children get their shares. */
export type AllocationMethod =
  | { readonly kind: "even" }
  /** Each child's bottom-up rollup in the period being allocated. */
  | { readonly kind: "bottomUp" }
  /** Each child's bottom-up rollup in one chosen period (index into the plan's periods), for every period. */
  | { readonly kind: "period"; readonly period: number }
  /**
   * A weights column the user picked (e.g. last year), by node id (matched as ids are). A child without
   * a weight weighs 0, with a warning; a negative weight is an error. `label` names it in the audit note.
   */
  | {
      readonly kind: "weights";
      readonly weights: ReadonlyMap<string, number>;
      readonly label?: string;
    };

export interface AllocationRequest {
  readonly nodeId: string;
  readonly basis: AllocationBasis;
  readonly method: AllocationMethod;
  /**
   * Children kept at their current top-down target as the tree shows it (their own, or their cascaded
   * share; their bottom-up if no target reaches them). The held value is written as the child's own
   * target, so it stays put whatever happens to its siblings.
   */
  readonly hold?: readonly string[];
  /** Period indices to allocate; every period by default. */
  readonly periods?: readonly number[];
}

/** What one period's allocation works with, for the preview's summary line. */
export interface AllocatedPeriod {
  readonly period: number;
  readonly label: string;
  /** The node's top-down target. */
  readonly target: number;
  /** Under over-assignment only: what its children's targets add up to, the target / the over-assignment. */
  readonly childrenTarget?: number;
  /** Held children's targets, together. */
  readonly held: number;
  /** The node's bottom-up rollup, and its gap (target - bottom-up) as the tree shows it. */
  readonly bottomUp: number;
  readonly gap: number;
  /**
   * What was shared out: the children's target less the held (basis "target"), or the gap left for the
   * others (basis "gap").
   */
  readonly shared: number;
}

export interface AllocationPreview extends TopDownPreview {
  readonly nodeId: string;
  /**
   * The node's own row. Where its target is a share cascaded from above, applying writes it as the
   * node's own target (same value), so the children's new targets keep adding up to it; a warning says so.
   */
  readonly parent: PreviewRow | null;
  /** The periods allocated; a requested period without a target is left out, with a warning. */
  readonly allocated: readonly AllocatedPeriod[];
}

/** As the report's CASCADE rounds value column `c` (see buildPlanView): in its measure's decimals. */
function planDecimals(plan: Plan, c: number): number {
  return Math.min(MAX_DECIMALS, Math.max(0, Math.trunc(columnDecimals(plan.settings, c)) || 0));
}

function methodText(method: AllocationMethod, plan: Plan): string {
  switch (method.kind) {
    case "even":
      return messages.methodEven;
    case "bottomUp":
      return messages.methodBottomUp;
    case "period":
      return messages.methodPeriod(valueColumns(plan.settings)[method.period] ?? "");
    case "weights":
      return messages.methodWeights(method.label ?? "");
  }
}

function failed(nodeId: string, problems: ReconcileProblem[]): AllocationPreview {
  return {
    nodeId,
    parent: null,
    rows: [],
    changes: [],
    problems,
    note: "",
    canApply: false,
    allocated: [],
  };
}

/**
 * The preview of allocating `request.basis` of a node across its direct children. Problems:
 * errors for an unknown node, a node without children, no target in any requested period, every
 * child held, an unknown period, a negative weight (a negative bottom-up with a proportional
 * method, too), a new target below zero where the plan forbids negatives (reported, never clamped)
 * or amounts too large to split; warnings for a requested period without a target (left out), a
 * child without a weight, the node's own input, targets set further down that are not re-allocated,
 * and a node target that is cascaded from above (applying makes it the node's own).
 */
export function allocateGap(plan: Plan, view: PlanView, request: AllocationRequest): AllocationPreview {
  const { settings } = plan;
  const periodCount = valueColumns(settings).length;
  const node = findNode(view, request.nodeId);
  if (node === undefined) {
    return failed(request.nodeId, [
      {
        kind: "unknownNode",
        severity: "error",
        id: request.nodeId,
        message: coreMessages.noNode(request.nodeId),
      },
    ]);
  }
  const children = childrenOf(view, node);
  if (children.length === 0) {
    return failed(node.id, [
      {
        kind: "noChildren",
        severity: "error",
        id: node.id,
        message: coreMessages.noChildren(node.id),
      },
    ]);
  }

  const problems: ReconcileProblem[] = [];
  const requested = request.periods ?? valueColumns(settings).map((_, c) => c);
  const badPeriods = [...requested, ...(request.method.kind === "period" ? [request.method.period] : [])].filter(
    (c) => !Number.isInteger(c) || c < 0 || c >= periodCount,
  );
  if (badPeriods.length > 0) {
    return failed(
      node.id,
      badPeriods.map((c) => ({
        kind: "badPeriod",
        severity: "error",
        period: c,
        message: messages.badPeriod(c, periodCount),
      })),
    );
  }

  const holdKeys = new Set((request.hold ?? []).map((id) => idKey(id)));
  for (const id of request.hold ?? []) {
    if (!children.some((child) => idKey(child.id) === idKey(id))) {
      problems.push({
        kind: "unknownHold",
        severity: "error",
        id,
        message: messages.holdNotChild(id, node.id),
      });
    }
  }
  const held = children.map((child) => holdKeys.has(idKey(child.id)));
  if (held.every(Boolean)) {
    problems.push({
      kind: "allHeld",
      severity: "error",
      id: node.id,
      message: messages.allHeld(node.id),
    });
  }

  const periods = [...new Set(requested)].sort((a, b) => a - b);
  const withTarget = periods.filter((c) => node.periods[c].topDown !== null);
  if (withTarget.length === 0) {
    problems.push({
      kind: "noTarget",
      severity: "error",
      id: node.id,
      message: messages.noTarget(node.id),
    });
  } else {
    for (const c of periods) {
      if (node.periods[c].topDown === null) {
        problems.push({
          kind: "noTarget",
          severity: "warning",
          id: node.id,
          period: c,
          message: messages.noTargetInPeriod(node.id, valueColumns(settings)[c]),
        });
      }
    }
  }
  if (problems.some((problem) => problem.severity === "error")) return failed(node.id, problems);

  const weightsOf = weightReader(request.method, children, held, valueColumns(settings), problems);
  const overAssignment = settings.overAssignment ?? NO_OVER_ASSIGNMENT;
  const stored = new StoredTargets(plan);
  const after: (number | null)[][] = children.map((child) => child.periods.map((figures) => figures.topDown));
  const allocated: AllocatedPeriod[] = [];

  for (const c of withTarget) {
    const decimals = planDecimals(plan, c);
    const target = node.periods[c].topDown as number;
    const childrenTarget = fromUnits(toUnits(childrenShare(target, overAssignment), decimals), decimals);
    const heldUnits = children.map((child, i) =>
      held[i] ? toUnits(child.periods[c].topDown ?? child.periods[c].bottomUp, decimals) : 0,
    );
    const heldTotal = heldUnits.reduce((sum, units) => sum + units, 0);
    const free = children.flatMap((_, i) => (held[i] ? [] : [i]));
    const bases = free.map((i) => (request.basis === "gap" ? toUnits(children[i].periods[c].bottomUp, decimals) : 0));
    const shared = toUnits(childrenTarget, decimals) - heldTotal - bases.reduce((sum, base) => sum + base, 0);
    const weights = weightsOf(c);
    if (weights === undefined) continue;

    let shares: number[];
    try {
      shares = allocate(
        fromUnits(shared, decimals),
        free.map((i) => weights[i]),
        decimals,
      );
    } catch (error) {
      if (!(error instanceof AllocationError)) throw error;
      problems.push({
        kind: "tooLarge",
        severity: "error",
        id: node.id,
        period: c,
        message: error.message,
      });
      continue;
    }
    children.forEach((_, i) => {
      if (held[i]) after[i][c] = fromUnits(heldUnits[i], decimals);
    });
    free.forEach((i, k) => {
      after[i][c] = fromUnits(bases[k] + toUnits(shares[k], decimals), decimals);
    });
    allocated.push({
      period: c,
      label: valueColumns(settings)[c],
      target,
      ...(overAssignment === NO_OVER_ASSIGNMENT ? {} : { childrenTarget }),
      held: fromUnits(heldTotal, decimals),
      bottomUp: node.periods[c].bottomUp,
      gap: target - node.periods[c].bottomUp,
      shared: fromUnits(shared, decimals),
    });
  }

  if (!settings.allowNegative) {
    children.forEach((child, i) => {
      for (const { period: c } of allocated) {
        const value = after[i][c];
        if (!held[i] && value !== null && value < 0) {
          problems.push({
            kind: "negativeResult",
            severity: "error",
            id: child.id,
            period: c,
            message: messages.negativeResult(child.id, value, valueColumns(settings)[c]),
          });
        }
      }
    });
  }
  problems.push(...allocationWarnings(view, node, children, allocated, stored));

  const cascaded = allocated.filter(({ period: c }) => stored.of(node.id)[c] === null);
  if (cascaded.length > 0) {
    problems.push({
      kind: "cascadedTarget",
      severity: "warning",
      id: node.id,
      message: messages.cascadedTarget(
        node.id,
        cascaded.map(({ label }) => label),
      ),
    });
  }
  const parent: PreviewRow = {
    id: node.id,
    name: node.node.name,
    held: false,
    cells: node.periods.map((figures) => targetCell(figures.topDown, figures.topDown)),
  };
  const rows: PreviewRow[] = children.map((child, i) => ({
    id: child.id,
    name: child.node.name,
    held: held[i],
    cells: child.periods.map((figures, c): TargetCell => targetCell(figures.topDown, after[i][c])),
  }));
  const changes: TopDownChange[] = [];
  const parentChange = changedRow(
    node.id,
    stored.of(node.id),
    new Map(cascaded.map(({ period, target }) => [period, target])),
  );
  if (parentChange !== undefined) changes.push(parentChange);
  children.forEach((child, i) => {
    const updates = new Map(allocated.map(({ period: c }) => [c, after[i][c]]));
    const change = changedRow(child.id, stored.of(child.id), updates);
    if (change !== undefined) changes.push(change);
  });

  const heldIds = children.filter((_, i) => held[i]).map((child) => child.id);
  const note = messages.allocationNote(
    request.basis,
    node.id,
    methodText(request.method, plan),
    heldIds,
    overAssignment,
  );
  return {
    nodeId: node.id,
    parent,
    rows,
    changes,
    problems,
    note,
    canApply: canApply(changes, problems),
    allocated,
  };
}

/**
 * The method's weights per child (index-aligned with `children`) for a period, or undefined where a
 * negative weight made the period impossible to allocate; problems are recorded once.
 */
function weightReader(
  method: AllocationMethod,
  children: readonly NodeView[],
  held: readonly boolean[],
  periodLabels: readonly string[],
  problems: ReconcileProblem[],
): (period: number) => number[] | undefined {
  if (method.kind === "even") return () => children.map(() => 1);

  const reported = new Set<string>();
  const check = (
    weights: number[],
    period: number | undefined,
    what: (child: NodeView) => string,
  ): number[] | undefined => {
    let ok = true;
    children.forEach((child, i) => {
      const weight = weights[i];
      if (held[i] || (Number.isFinite(weight) && weight >= 0)) return;
      ok = false;
      const key = `${child.id}|${period ?? ""}`;
      if (reported.has(key)) return;
      reported.add(key);
      problems.push({
        kind: "negativeWeight",
        severity: "error",
        id: child.id,
        period,
        message: messages.negativeWeight(what(child), weight),
      });
    });
    return ok ? weights : undefined;
  };

  if (method.kind === "weights") {
    const byKey = new Map<string, number>();
    for (const [id, weight] of method.weights) {
      const key = idKey(id);
      if (key !== undefined) byKey.set(key, weight);
    }
    const weights = children.map((child, i) => {
      const weight = byKey.get(idKey(child.id) ?? "");
      if (weight === undefined && !held[i]) {
        problems.push({
          kind: "missingWeight",
          severity: "warning",
          id: child.id,
          message: messages.missingWeight(child.id),
        });
      }
      return weight ?? 0;
    });
    const checked = check(weights, undefined, (child) => messages.weightOf(child.id));
    return () => checked;
  }

  const bottomUpIn = (period: number): number[] | undefined =>
    check(
      children.map((child) => child.periods[period].bottomUp),
      period,
      (child) => messages.bottomUpOf(child.id, periodLabels[period]),
    );
  if (method.kind === "period") {
    const weights = bottomUpIn(method.period);
    return () => weights;
  }
  return bottomUpIn;
}

/** What applying is fine with but the user should know. */
function allocationWarnings(
  view: PlanView,
  node: NodeView,
  children: readonly NodeView[],
  allocated: readonly AllocatedPeriod[],
  stored: StoredTargets,
): ReconcileProblem[] {
  const warnings: ReconcileProblem[] = [];
  const ownIn = allocated.filter(({ period: c }) => {
    const own = node.entry.values[c];
    return typeof own === "number" && own !== 0;
  });
  if (ownIn.length > 0) {
    warnings.push({
      kind: "ownInput",
      severity: "warning",
      id: node.id,
      message: messages.ownInput(
        node.id,
        ownIn.map(({ label }) => label),
      ),
    });
  }
  for (const child of children) {
    const below = descendantsOf(view, child)
      .filter((descendant) => allocated.some(({ period: c }) => stored.of(descendant.id)[c] !== null))
      .map((descendant) => descendant.id);
    if (below.length > 0) {
      warnings.push({
        kind: "targetsBelow",
        severity: "warning",
        id: child.id,
        message: messages.targetsBelow(child.id, below),
      });
    }
  }
  return warnings;
}

/**
 * The preview of setting a node's top-down target to its bottom-up rollup (rounded to the plan's
 * decimals) in the given periods (all by default). Errors: unknown node, unknown period, a negative
 * rollup where the plan forbids negative targets.
 */
export function acceptBottomUp(
  plan: Plan,
  view: PlanView,
  nodeId: string,
  periods?: readonly number[],
): TopDownPreview {
  const { settings } = plan;
  const node = findNode(view, nodeId);
  if (node === undefined) {
    const problems: ReconcileProblem[] = [
      { kind: "unknownNode", severity: "error", id: nodeId, message: coreMessages.noNode(nodeId) },
    ];
    return { rows: [], changes: [], problems, note: "", canApply: false };
  }
  const chosen = periods ?? valueColumns(settings).map((_, c) => c);
  const problems: ReconcileProblem[] = [];
  const updates = new Map<number, number | null>();
  for (const c of chosen) {
    if (!Number.isInteger(c) || c < 0 || c >= valueColumns(settings).length) {
      problems.push({
        kind: "badPeriod",
        severity: "error",
        period: c,
        message: messages.badPeriod(c, valueColumns(settings).length),
      });
      continue;
    }
    const bottomUp = node.periods[c].bottomUp;
    if (!Number.isFinite(bottomUp)) {
      problems.push({
        kind: "tooLarge",
        severity: "error",
        id: node.id,
        period: c,
        message: messages.bottomUpTooLarge(node.id, valueColumns(settings)[c]),
      });
      continue;
    }
    const value = excelRound(bottomUp, planDecimals(plan, c));
    if (value < 0 && !settings.allowNegative) {
      problems.push({
        kind: "negativeResult",
        severity: "error",
        id: node.id,
        period: c,
        message: messages.negativeResult(node.id, value, valueColumns(settings)[c]),
      });
    }
    updates.set(c, value);
  }
  const row: PreviewRow = {
    id: node.id,
    name: node.node.name,
    held: false,
    cells: node.periods.map((figures, c) =>
      targetCell(figures.topDown, updates.has(c) ? (updates.get(c) as number) : figures.topDown),
    ),
  };
  const change = changedRow(node.id, new StoredTargets(plan).of(node.id), updates);
  const changes = change === undefined ? [] : [change];
  return {
    rows: [row],
    changes,
    problems,
    note: messages.acceptedBottomUp,
    canApply: canApply(changes, problems),
  };
}
