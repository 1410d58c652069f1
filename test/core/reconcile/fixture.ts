import { buildPlanView, type PlanView } from "../../../src/core/plan/planView";
import type { NodeEntry, PeriodValues, Plan, PlanNode, PlanSettings, Status } from "../../../src/core/plan/types";

export const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-01-15",
  allowNegative: false,
};

/** [id, parent, name, owner], in sheet order. */
export type NodeRow = readonly [string, string, string, string];

export interface PlanSpec {
  readonly nodes: readonly NodeRow[];
  /** Own inputs per node id. */
  readonly inputs?: Readonly<Record<string, PeriodValues>>;
  readonly statuses?: Readonly<Record<string, Status>>;
  readonly returnReasons?: Readonly<Record<string, string>>;
  readonly topDown?: Readonly<Record<string, PeriodValues>>;
  readonly settings?: Partial<PlanSettings>;
}

export function makePlan(spec: PlanSpec): Plan {
  const settings = { ...SETTINGS, ...spec.settings };
  const nodes = spec.nodes.map(([id, parent, name, owner]): PlanNode => ({
    id,
    parent,
    name,
    owner,
    attributes: {},
  }));
  const entries = new Map<string, NodeEntry>();
  for (const node of nodes) {
    const values = spec.inputs?.[node.id];
    const status = spec.statuses?.[node.id];
    if (values === undefined && status === undefined) continue;
    entries.set(node.id, {
      id: node.id,
      values: values ?? settings.periods.map(() => null),
      status: status ?? "Draft",
      comment: "",
      returnReason: spec.returnReasons?.[node.id] ?? "",
      updatedAt: "",
      updatedBy: "",
    });
  }
  return { settings, nodes, entries, topDown: new Map(Object.entries(spec.topDown ?? {})) };
}

export function planAndView(spec: PlanSpec): { plan: Plan; view: PlanView } {
  const plan = makePlan(spec);
  return { plan, view: buildPlanView(plan) };
}

/**
 * Company > EMEA (UK, DE, FR) and AMER (US, CA). Bottom-up: EMEA 250 / 285, AMER 250 / 265.
 * Top-down: Company 700 / 760, EMEA 300 in Q1 only; EMEA's Q2 target is cascaded from Company
 * (760 x 285 / 550 = 394).
 */
export const COMPANY: PlanSpec = {
  nodes: [
    ["Company", "", "Company", "Ceo"],
    ["EMEA", "Company", "Europe", "Anna"],
    ["UK", "EMEA", "United Kingdom", "Ben"],
    ["DE", "EMEA", "Germany", "Carla"],
    ["FR", "EMEA", "France", "ben "],
    ["AMER", "Company", "Americas", "Dan"],
    ["US", "AMER", "United States", "Dan"],
    ["CA", "AMER", "Canada", ""],
  ],
  inputs: {
    UK: [120, 130],
    DE: [80, 95],
    FR: [50, 60],
    US: [200, 210],
    CA: [50, 55],
  },
  statuses: {
    UK: "Submitted",
    DE: "Draft",
    FR: "Returned",
    US: "Approved",
    CA: "Submitted",
    EMEA: "Not started",
  },
  returnReasons: { FR: "Q2 looks low" },
  topDown: { Company: [700, 760], EMEA: [300, null] },
};
