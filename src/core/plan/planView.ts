/**
 * The numbers the task pane shows per node: what the report sheet computes with BU.* formulas,
 * computed here with the same core so the pane and the sheet agree.
 */
import { MAX_DECIMALS } from "../allocation";
import { asNumber, CellError, idKey } from "../cell";
import { cascadeTargets, evenShareWeights } from "../cascade";
import { Hierarchy, type HierarchyProblem } from "../hierarchy/hierarchy";
import { rollup } from "../rollup";
import type { NodeEntry, PeriodValues, Plan, PlanNode, PlanSettings, Status } from "./types";
import { atOnce, inTasks, type Stages } from "../stages";
import { emptyEntry } from "./entries";
import { measureColumns, planMeasures, valueColumns } from "./measures";

/** One node's numbers in one period, or over all periods. */
export interface Figures {
  /** Its own input plus every descendant's (SUM, as BU.ROLLUP); NaN only if the sum overflows. */
  readonly bottomUp: number;
  /** Its top-down target, held or cascaded (as BU.CASCADE); null where no target reaches it. */
  readonly topDown: number | null;
  /** bottomUp - topDown; null without a target. */
  readonly variance: number | null;
  /** (bottomUp - topDown) / |topDown|; null without a target or with a target of 0. */
  readonly variancePct: number | null;
  /** |variance %| above the plan's tolerance; a target of 0 is missed by any non-zero bottom-up. */
  readonly outOfTolerance: boolean;
}

export interface NodeView {
  readonly node: PlanNode;
  readonly id: string;
  /** Root = 1, as BU.LEVEL. */
  readonly depth: number;
  readonly childCount: number;
  readonly entry: NodeEntry;
  readonly status: Status;
  /**
   * Index-aligned with the plan's periods. Built on first read: a virtualised tree reads the
   * few rows on screen, so 10,000 nodes x 12 periods never become 120,000 objects at once.
   */
  readonly periods: readonly Figures[];
  /**
   * Over all periods. Its top-down target is the sum of the periods' targets only when every
   * period has one: a partial sum set against the full bottom-up would show a gap that isn't there.
   */
  readonly total: Figures;
  /** Any period, or the total, out of tolerance. */
  readonly outOfTolerance: boolean;
}

export interface PlanView {
  readonly periods: readonly string[];
  /** Every node in tree order: depth-first, roots and siblings in sheet order (as BU.TREE). */
  readonly nodes: readonly NodeView[];
  /** By node id as written in the plan. */
  readonly byId: ReadonlyMap<string, NodeView>;
  readonly maxDepth: number;
  /** Why the hierarchy can't be shown (someone edited the sheet into duplicates, cycles...); nodes is then empty. */
  readonly problems: readonly HierarchyProblem[];
}

/** Absorbs binary noise, so 105 against 100 is within a 5 % tolerance. */
const TOLERANCE_SLACK = 1e-9;

/** A node's figures for a bottom-up set against a top-down, under the plan's tolerance. */
export function figures(bottomUp: number, topDown: number | null, tolerance: number): Figures {
  if (topDown === null) return { bottomUp, topDown, variance: null, variancePct: null, outOfTolerance: false };
  const variance = bottomUp - topDown;
  if (topDown === 0) return { bottomUp, topDown, variance, variancePct: null, outOfTolerance: variance !== 0 };
  const variancePct = variance / Math.abs(topDown);
  return {
    bottomUp,
    topDown,
    variance,
    variancePct,
    outOfTolerance: isOut(variancePct, tolerance),
  };
}

function isOut(variancePct: number, tolerance: number): boolean {
  return Math.abs(variancePct) > tolerance + TOLERANCE_SLACK;
}

/** The same test as `figures`, without building them. `topDown` is NaN where there is none. */
function periodIsOut(bottomUp: number, topDown: number, tolerance: number): boolean {
  if (Number.isNaN(topDown)) return false;
  if (topDown === 0) return bottomUp !== topDown;
  return isOut((bottomUp - topDown) / Math.abs(topDown), tolerance);
}

/** Per-period numbers of every node, node-major (`node * periodCount + period`); NaN top-down = none. */
interface PeriodGrid {
  readonly periodCount: number;
  readonly tolerance: number;
  readonly bottomUp: Float64Array;
  readonly topDown: Float64Array;
}

class LazyNodeView implements NodeView {
  private built: readonly Figures[] | undefined;

  constructor(
    readonly node: PlanNode,
    readonly depth: number,
    readonly childCount: number,
    readonly entry: NodeEntry,
    readonly total: Figures,
    readonly outOfTolerance: boolean,
    private readonly grid: PeriodGrid,
    private readonly base: number,
  ) {}

  get id(): string {
    return this.node.id;
  }

  get status(): Status {
    return this.entry.status;
  }

  /** This node's view with another entry whose values are the same: figures don't depend on the rest. */
  withEntry(entry: NodeEntry): LazyNodeView {
    const { node, depth, childCount, total, outOfTolerance, grid, base } = this;
    return new LazyNodeView(node, depth, childCount, entry, total, outOfTolerance, grid, base);
  }

  get periods(): readonly Figures[] {
    if (this.built === undefined) {
      const { periodCount, tolerance, bottomUp, topDown } = this.grid;
      const periods = new Array<Figures>(periodCount);
      for (let c = 0; c < periodCount; c++) {
        const td = topDown[this.base + c];
        periods[c] = figures(bottomUp[this.base + c], Number.isNaN(td) ? null : td, tolerance);
      }
      this.built = periods;
    }
    return this.built;
  }
}

/**
 * The plan's maps are keyed by id as written in `nodes`; a map written by hand or by an older
 * version may differ in case or spaces, so a miss falls back to matching like ids (built once, on
 * the first miss).
 */
function valuesByNode<T>(map: ReadonlyMap<string, T>, nodes: readonly PlanNode[]): (T | undefined)[] {
  let byKey: Map<string, T> | undefined;
  return nodes.map((node) => {
    const direct = map.get(node.id);
    if (direct !== undefined || map.size === 0) return direct;
    if (byKey === undefined) {
      byKey = new Map();
      for (const [id, value] of map) {
        const key = idKey(id);
        if (key !== undefined && !byKey.has(key)) byKey.set(key, value);
      }
    }
    const key = idKey(node.id);
    return key === undefined ? undefined : byKey.get(key);
  });
}

/** Rows for rollup/cascade, aligned with the plan's nodes; rows without values share one blank row. */
function valueRows(values: readonly (PeriodValues | undefined)[], periodCount: number): PeriodValues[] {
  const blank: PeriodValues = new Array<number | null>(periodCount).fill(null);
  return values.map((row) => {
    if (row === undefined) return blank;
    if (row.length === periodCount) return row;
    return Array.from({ length: periodCount }, (_, c) => row[c] ?? null);
  });
}

/**
 * Cascade weights per input row (SPEC §1 CASCADE): a node's saved bottom-up rollup (negative weighs
 * 0); a node with no saved value anywhere in its subtree in that period is blank, which
 * `evenShareWeights` turns into the mean of its siblings' weights: an even share of what its parent
 * passes down. So a rep who has not entered anything yet sees a fair suggestion, not 0. The report
 * computes the same with `BU.CASCADE(..., exactBlanks)` over `IF(count=0,"",bottom-up)`.
 */
function guidanceWeights(
  hierarchy: Hierarchy,
  inputs: readonly PeriodValues[],
  bottomUp: Float64Array,
  periodCount: number,
): (readonly unknown[])[] {
  const counted = rollup(hierarchy, inputs, periodCount, "count");
  const weights = inputs.map((_, row) => {
    const node = hierarchy.rowNode[row];
    const weightRow = new Array<number | null>(periodCount).fill(null);
    if (node < 0) return weightRow;
    for (let c = 0; c < periodCount; c++) {
      if ((asNumber(counted.cell(node, c)) ?? 0) > 0) weightRow[c] = Math.max(0, bottomUp[node * periodCount + c] || 0);
    }
    return weightRow;
  });
  return evenShareWeights(hierarchy, weights);
}

const views = new WeakMap<Plan, PlanView>();
/** The last view built for a node list, which the next plan with those nodes may be a save away from. */
const latest = new WeakMap<readonly PlanNode[], { readonly plan: Plan; readonly view: PlanView }>();
const hierarchies = new WeakMap<readonly PlanNode[], ReturnType<typeof Hierarchy.build>>();

/** The hierarchy of a node list, built once: saves patch entries into new plans with the same nodes. */
export function hierarchyOf(nodes: readonly PlanNode[]): ReturnType<typeof Hierarchy.build> {
  let built = hierarchies.get(nodes);
  if (built === undefined) {
    built = Hierarchy.build(
      nodes.map((node) => node.id),
      nodes.map((node) => node.parent),
    );
    hierarchies.set(nodes, built);
  }
  return built;
}

/**
 * `buildPlanView(plan)`, built once per plan object: a plan is never changed in place (a save
 * patches a copy), so every pane view showing it and a split of it share one view instead of each
 * rolling up and cascading the whole plan again (0.3 s at 100,000 nodes).
 */
export function planViewOf(plan: Plan): PlanView {
  return views.get(plan) ?? remembered(plan, reusedView(plan) ?? buildPlanView(plan));
}

/** Plans of fewer nodes build their view in one go: a few tens of milliseconds at most. */
const IN_PARTS_FROM_NODES = 2_000;

/**
 * `planViewOf(plan)`, built with a task between its stages (`planViewStages`) when the plan is
 * large: at 10,000 nodes the whole build is a quarter of a second, longer than a page should keep
 * from answering input.
 */
export async function planViewInParts(plan: Plan): Promise<PlanView> {
  const ready = views.get(plan) ?? reusedView(plan);
  if (ready !== undefined) return remembered(plan, ready);
  const stages = planViewStages(plan);
  return remembered(plan, plan.nodes.length < IN_PARTS_FROM_NODES ? atOnce(stages) : await inTasks(stages));
}

/** The view of `plan` made from the last one built for its nodes, when only workflow fields changed. */
function reusedView(plan: Plan): PlanView | undefined {
  const last = latest.get(plan.nodes);
  return last === undefined ? undefined : withNewEntries(last.plan, last.view, plan);
}

/** Keeps `view` as plan's, unless one was kept meanwhile: views shown keep their identity. */
function remembered(plan: Plan, view: PlanView): PlanView {
  const known = views.get(plan);
  if (known !== undefined) return known;
  views.set(plan, view);
  latest.set(plan.nodes, { plan, view });
  return view;
}

/**
 * `plan`'s view made from the view of `before`, when the two differ only in entries' workflow
 * fields (an approval, a return): every figure stays, and so does the view of every node whose
 * entry is the same object, so what shows it need not draw it again. Undefined when any figure
 * may differ (settings, targets or a value changed, or an entry is not under its node's id).
 */
function withNewEntries(before: Plan, view: PlanView, plan: Plan): PlanView | undefined {
  if (before.settings !== plan.settings || before.topDown !== plan.topDown || view.problems.length > 0)
    return undefined;
  const nodes = new Array<NodeView>(view.nodes.length);
  for (let k = 0; k < view.nodes.length; k++) {
    const old = view.nodes[k] as LazyNodeView;
    const entry = plan.entries.get(old.id);
    if (entry === old.entry) nodes[k] = old;
    else if (entry === undefined || before.entries.get(old.id) !== old.entry || !sameValues(old.entry, entry))
      return undefined;
    else nodes[k] = old.withEntry(entry);
  }
  const byId = new Map<string, NodeView>();
  for (const node of nodes) byId.set(node.id, node);
  return { ...view, nodes, byId };
}

function sameValues(a: NodeEntry, b: NodeEntry): boolean {
  if (a.values.length !== b.values.length) return false;
  for (let p = 0; p < a.values.length; p++) if ((a.values[p] ?? null) !== (b.values[p] ?? null)) return false;
  return true;
}

/**
 * Per node (tree order) and per period: bottom-up rollup of every entry's values, whatever its
 * status (as the report's BU.ROLLUP over the inputs table); top-down targets: a node's own target
 * where it has one ("allocated"), else cascaded from the nearest one above ("suggested") by the
 * saved bottom-up with an even share for nodes that have nothing saved yet (`guidanceWeights`), in
 * the plan's decimals, each split sharing the parent's target / the plan's over-assignment; variance, variance % and the tolerance flag. Linear in nodes x periods.
 * Build it from the plan as saved: guidance never moves with someone's unsaved typing.
 */
export function buildPlanView(plan: Plan): PlanView {
  return atOnce(planViewStages(plan));
}

/** `buildPlanView`'s work in stages of about equal length, each ended by a `yield`. */
function* planViewStages(plan: Plan): Stages<PlanView> {
  const { settings, nodes } = plan;
  const periodNames = valueColumns(settings);
  const periodCount = periodNames.length;
  const built = hierarchyOf(nodes);
  if (!built.ok)
    return {
      periods: periodNames,
      nodes: [],
      byId: new Map(),
      maxDepth: 0,
      problems: built.problems,
    };
  const hierarchy = built.hierarchy;
  const { order, nodeRow, parent, depth, nodeCount } = hierarchy;

  const entries = valuesByNode(plan.entries, nodes);
  const inputs = valueRows(
    entries.map((entry) => entry?.values),
    periodCount,
  );
  const summed = rollup(hierarchy, inputs, periodCount, "sum");
  const grid: PeriodGrid = {
    periodCount,
    tolerance: settings.tolerance,
    bottomUp: new Float64Array(nodeCount * periodCount),
    topDown: new Float64Array(nodeCount * periodCount).fill(NaN),
  };
  for (let node = 0; node < nodeCount; node++) {
    for (let c = 0; c < periodCount; c++) grid.bottomUp[node * periodCount + c] = asNumber(summed.cell(node, c)) ?? NaN;
  }
  yield;

  // Without any top-down target there is nothing to cascade.
  if (plan.topDown.size > 0) {
    const targets = valueRows(valuesByNode(plan.topDown, nodes), periodCount);
    const weights = guidanceWeights(hierarchy, inputs, grid.bottomUp, periodCount);
    yield;
    // Each measure is split in its own decimals, as the report's CASCADE of its columns splits it.
    const measures = planMeasures(settings);
    const width = settings.periods.length;
    measures.forEach((measure, m) => {
      // One measure: its rows as they are, not a copy.
      const columns = (rows: readonly (readonly unknown[])[]): readonly (readonly unknown[])[] =>
        measures.length === 1 ? rows : rows.map((row) => row.slice(m * width, (m + 1) * width));
      // BU.CASCADE refuses more decimals than a split can round to; a plan's own decimals are well within.
      const decimals = Math.min(MAX_DECIMALS, Math.max(0, Math.trunc(measure.decimals) || 0));
      const cascaded = cascadeTargets(
        hierarchy,
        columns(targets),
        columns(weights),
        decimals,
        false,
        settings.overAssignment,
      );
      if (cascaded instanceof CellError) return;
      for (let node = 0; node < nodeCount; node++) {
        const cells = cascaded[nodeRow[node]];
        for (let c = 0; c < width; c++) {
          const cell = cells[c];
          if (typeof cell === "number") grid.topDown[node * periodCount + m * width + c] = cell;
        }
      }
    });
    yield;
  }

  // The total is the first measure's: revenue and units don't add up to anything.
  const totalColumns = settings.periods.length;
  const childCounts = new Int32Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) if (parent[node] >= 0) childCounts[parent[node]]++;

  const views = new Array<NodeView>(nodeCount);
  const byId = new Map<string, NodeView>();
  let maxDepth = 0;
  for (let k = 0; k < nodeCount; k++) {
    const nodeIndex = order[k];
    const row = nodeRow[nodeIndex];
    const node = nodes[row];
    const base = nodeIndex * periodCount;
    let buTotal = 0;
    let tdTotal = periodCount === 0 ? NaN : 0;
    let anyOut = false;
    for (let c = 0; c < periodCount; c++) {
      const bu = grid.bottomUp[base + c];
      const td = grid.topDown[base + c];
      if (periodIsOut(bu, td, settings.tolerance)) anyOut = true;
      if (c >= totalColumns) continue;
      buTotal += bu;
      tdTotal += td;
    }
    const total = figures(buTotal, Number.isNaN(tdTotal) ? null : tdTotal, settings.tolerance);
    const view = new LazyNodeView(
      node,
      depth[nodeIndex],
      childCounts[nodeIndex],
      entries[row] ?? emptyEntry(node.id, periodCount),
      total,
      anyOut || total.outOfTolerance,
      grid,
      base,
    );
    views[k] = view;
    byId.set(node.id, view);
    if (view.depth > maxDepth) maxDepth = view.depth;
  }
  return { periods: periodNames, nodes: views, byId, maxDepth, problems: [] };
}

/**
 * The guidance someone typing sees: the bottom-up as it would be with their typing (`live`) against
 * the top-down of the plan as saved (`saved`), so the target never moves while they type. Per value
 * column and per measure over its periods; undefined for a node either view lacks.
 */
export function guidanceFigures(
  saved: PlanView,
  live: PlanView,
  id: string,
  settings: PlanSettings,
): { readonly periods: readonly Figures[]; readonly totals: readonly Figures[] } | undefined {
  const target = saved.byId.get(id);
  const typed = live.byId.get(id);
  if (target === undefined || typed === undefined) return undefined;
  const { tolerance } = settings;
  const periods = typed.periods.map((period, c) =>
    figures(period.bottomUp, target.periods[c]?.topDown ?? null, tolerance),
  );
  const totals = planMeasures(settings).map((_, m) => {
    let bottomUp = 0;
    let topDown: number | null = settings.periods.length === 0 ? null : 0;
    for (const c of measureColumns(settings, m)) {
      const period = periods[c];
      bottomUp += period.bottomUp;
      topDown = topDown === null || period.topDown === null ? null : topDown + period.topDown;
    }
    return figures(bottomUp, topDown, tolerance);
  });
  return { periods, totals };
}
