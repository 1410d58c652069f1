/**
 * Compare: a node's top-down target against its bottom-up rollup, per period and in total, and how
 * much each direct child (and the node's own input) contributes to the difference.
 *
 * Signs follow BU.VARIANCE and the report: variance = bottom-up - top-down, so a shortfall is
 * negative. The gap the Reconcile view closes is its opposite, top-down - bottom-up.
 */
import type { Figures, NodeView, PlanView } from "../plan/planView";
import type { Plan } from "../plan/types";
import { childrenOf, findNode, StoredTargets } from "./targets";
import { valueColumns } from "../plan/measures";

/** A part of the node's variance: one child's figures, or the node's own input. */
export interface Contribution extends Figures {
  /**
   * This part's variance / the node's variance: the share of the gap it accounts for. The children's
   * and the own input's shares add up to 1 when the children's targets add up to the node's (as
   * cascading makes them). null when the node has no variance (or no target), or this part has no target.
   */
  readonly shareOfGap: number | null;
}

export interface ChildContribution {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly status: NodeView["status"];
  /** Index-aligned with the plan's periods. */
  readonly periods: readonly Contribution[];
  readonly total: Contribution;
  /** Per period: the child has a target of its own (else its top-down is a cascaded share, or none). */
  readonly ownTarget: readonly boolean[];
}

export interface Comparison {
  readonly id: string;
  readonly name: string;
  /** The plan's period labels. */
  readonly periodLabels: readonly string[];
  /** The node's own figures (as the tree shows them), per period; `outOfTolerance` is the flag. */
  readonly periods: readonly Figures[];
  readonly total: Figures;
  /** Per period: the node has a target of its own (else cascaded from above, or none). */
  readonly ownTarget: readonly boolean[];
  /**
   * The node's own input, which is part of its bottom-up but of no child's: it has no target of its
   * own below the node, so all of it is variance.
   */
  readonly ownInput: { readonly periods: readonly Contribution[]; readonly total: Contribution };
  /** Direct children in sheet order; empty for a leaf. */
  readonly children: readonly ChildContribution[];
}

function share(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : part / whole;
}

function contribution(figures: Figures, nodeVariance: number | null): Contribution {
  return { ...figures, shareOfGap: share(figures.variance, nodeVariance) };
}

/** A part with bottom-up only (the node's own input): no target, so all of it is variance. */
function untargeted(bottomUp: number, nodeVariance: number | null): Contribution {
  return {
    bottomUp,
    topDown: null,
    variance: bottomUp,
    variancePct: null,
    outOfTolerance: false,
    shareOfGap: share(bottomUp, nodeVariance),
  };
}

/**
 * The comparison for one node (id matched as ids are), or undefined if the plan has no such node.
 * `view` is `buildPlanView(plan)`, which the pane already holds.
 */
export function compareNode(plan: Plan, view: PlanView, id: string): Comparison | undefined {
  const node = findNode(view, id);
  if (node === undefined) return undefined;
  const stored = new StoredTargets(plan);
  const ownTargets = (of: NodeView): boolean[] => stored.of(of.id).map((value) => value !== null);

  const ownValues = valueColumns(plan.settings).map((_, c) => {
    const value = node.entry.values[c];
    return typeof value === "number" && Number.isFinite(value) ? value : 0;
  });
  const ownTotal = ownValues.reduce((sum, value) => sum + value, 0);

  const children = childrenOf(view, node).map((child): ChildContribution => ({
    id: child.id,
    name: child.node.name,
    owner: child.node.owner,
    status: child.status,
    periods: child.periods.map((figures, c) => contribution(figures, node.periods[c].variance)),
    total: contribution(child.total, node.total.variance),
    ownTarget: ownTargets(child),
  }));

  return {
    id: node.id,
    name: node.node.name,
    periodLabels: valueColumns(plan.settings),
    periods: node.periods,
    total: node.total,
    ownTarget: ownTargets(node),
    ownInput: {
      periods: ownValues.map((value, c) => untargeted(value, node.periods[c].variance)),
      total: untargeted(ownTotal, node.total.variance),
    },
    children,
  };
}
