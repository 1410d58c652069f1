import {
  acceptBottomUp,
  allocateGap,
  type AllocationPreview,
  type AllocationRequest,
} from "../../../src/core/reconcile/allocateGap";
import { ReconcileError, topDownWrite } from "../../../src/core/reconcile/targets";
import { COMPANY, planAndView, type PlanSpec } from "./fixture";

const Q1 = [0];

/** Each child's new target per allocated period, by id. */
function afterOf(preview: AllocationPreview, period = 0): Record<string, number | null> {
  return Object.fromEntries(preview.rows.map((row) => [row.id, row.cells[period].after]));
}

function kinds(preview: { problems: readonly { kind: string; severity: string }[] }): string[] {
  return preview.problems.map((problem) => `${problem.severity}:${problem.kind}`);
}

function run(
  request: Partial<AllocationRequest> & Pick<AllocationRequest, "method">,
  spec: PlanSpec = COMPANY,
): AllocationPreview {
  const { plan, view } = planAndView(spec);
  return allocateGap(plan, view, { nodeId: "EMEA", basis: "gap", periods: Q1, ...request });
}

describe("allocateGap: methods (EMEA Q1: target 300, bottom-up UK 120, DE 80, FR 50, gap 50)", () => {
  test.each<[string, Partial<AllocationRequest> & Pick<AllocationRequest, "method">, Record<string, number>]>([
    ["gap evenly: 17, 17, 16 on top of bottom-up", { method: { kind: "even" } }, { UK: 137, DE: 97, FR: 66 }],
    ["gap proportional to bottom-up", { method: { kind: "bottomUp" } }, { UK: 144, DE: 96, FR: 60 }],
    [
      "target proportional to bottom-up: the same",
      { basis: "target", method: { kind: "bottomUp" } },
      { UK: 144, DE: 96, FR: 60 },
    ],
    ["target evenly", { basis: "target", method: { kind: "even" } }, { UK: 100, DE: 100, FR: 100 }],
    // 300 x 130:95:60 / 285 = 136.8, 100, 63.2: the leftover unit goes to the largest remainder (UK).
    [
      "target proportional to Q2's bottom-up",
      { basis: "target", method: { kind: "period", period: 1 } },
      { UK: 137, DE: 100, FR: 63 },
    ],
    [
      "target proportional to a weights column",
      {
        basis: "target",
        method: {
          kind: "weights",
          weights: new Map([
            ["uk", 1],
            ["DE", 1],
            ["FR", 2],
          ]),
          label: "last year",
        },
      },
      { UK: 75, DE: 75, FR: 150 },
    ],
    [
      "gap proportional to weights",
      {
        method: {
          kind: "weights",
          weights: new Map([
            ["UK", 0],
            ["DE", 1],
            ["FR", 4],
          ]),
        },
      },
      { UK: 120, DE: 90, FR: 90 },
    ],
    [
      "all weights 0 split evenly",
      {
        basis: "target",
        method: {
          kind: "weights",
          weights: new Map([
            ["UK", 0],
            ["DE", 0],
            ["FR", 0],
          ]),
        },
      },
      { UK: 100, DE: 100, FR: 100 },
    ],
  ])("%s", (_, request, expected) => {
    const preview = run(request);
    expect(preview.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(afterOf(preview)).toEqual(expected);
    expect(preview.canApply).toBe(true);
  });

  test("the preview lists every child with its current (cascaded) target, new target and change", () => {
    const preview = run({ method: { kind: "even" } });
    expect(preview.rows.map((row) => [row.id, row.name, row.held, row.cells[0]])).toEqual([
      ["UK", "United Kingdom", false, { before: 144, after: 137, change: -7 }],
      ["DE", "Germany", false, { before: 96, after: 97, change: 1 }],
      ["FR", "France", false, { before: 60, after: 66, change: 6 }],
    ]);
    // Q2 was not asked for: unchanged.
    expect(preview.rows.map((row) => row.cells[1])).toEqual([
      { before: 180, after: 180, change: 0 },
      { before: 131, after: 131, change: 0 },
      { before: 83, after: 83, change: 0 },
    ]);
    expect(preview.allocated).toEqual([
      { period: 0, label: "Q1 2027", target: 300, held: 0, bottomUp: 250, gap: 50, shared: 50 },
    ]);
  });

  test("changes are complete rows that keep the periods not allocated as stored (blank stays blank)", () => {
    const preview = run({ method: { kind: "bottomUp" } });
    expect(preview.changes).toEqual([
      { id: "UK", values: [144, null], expected: [null, null] },
      { id: "DE", values: [96, null], expected: [null, null] },
      { id: "FR", values: [60, null], expected: [null, null] },
    ]);
  });
});

describe("allocateGap: holds", () => {
  test("a held child keeps its current target as the tree shows it, written as its own", () => {
    const preview = run({ method: { kind: "bottomUp" }, hold: ["uk"] });
    // UK's cascaded 144 is held; DE and FR share the rest of the gap: 300 - 144 - 130 = 26 as 80:50.
    expect(afterOf(preview)).toEqual({ UK: 144, DE: 96, FR: 60 });
    expect(preview.rows.find((row) => row.id === "UK")?.held).toBe(true);
    expect(preview.allocated[0]).toMatchObject({ held: 144, shared: 26 });
    expect(preview.changes.map((change) => change.id)).toEqual(["UK", "DE", "FR"]);
    expect(preview.note).toBe("allocated gap of EMEA proportional to bottom-up, held: UK");
  });

  test("a held child with a target of its own keeps it and is not rewritten", () => {
    const preview = run(
      { basis: "target", method: { kind: "even" }, hold: ["DE"] },
      { ...COMPANY, topDown: { ...COMPANY.topDown, DE: [110, null] } },
    );
    expect(afterOf(preview)).toEqual({ UK: 95, DE: 110, FR: 95 });
    expect(preview.changes.map((change) => change.id)).toEqual(["UK", "FR"]);
  });

  test.each([
    ["every child held", ["UK", "DE", "FR"], "error:allHeld"],
    ["a held node that is not a child", ["US"], "error:unknownHold"],
  ])("%s is an error", (_, hold, kind) => {
    const preview = run({ method: { kind: "even" }, hold });
    expect(kinds(preview)).toContain(kind);
    expect(preview.canApply).toBe(false);
    expect(preview.changes).toEqual([]);
  });
});

describe("allocateGap: rounding and negative gaps", () => {
  test("rounds to the plan's decimals with parts that add up exactly", () => {
    const preview = run(
      { basis: "target", method: { kind: "even" } },
      { ...COMPANY, settings: { decimals: 2 }, topDown: { EMEA: [100, null] } },
    );
    expect(afterOf(preview)).toEqual({ UK: 33.34, DE: 33.33, FR: 33.33 });
  });

  test("a negative gap lowers the children's targets below their bottom-up", () => {
    const preview = run({ method: { kind: "bottomUp" } }, { ...COMPANY, topDown: { EMEA: [200, null] } });
    expect(afterOf(preview)).toEqual({ UK: 96, DE: 64, FR: 40 });
    expect(preview.allocated[0]).toMatchObject({ gap: -50, shared: -50 });
    expect(preview.canApply).toBe(true);
  });

  test("a new target below zero is reported, not clamped, where the plan forbids negatives", () => {
    // gap 60 - 250 = -190 evenly: -64, -63, -63; FR: 50 - 63 = -13.
    const spec = { ...COMPANY, topDown: { EMEA: [60, null] } };
    const preview = run({ method: { kind: "even" } }, spec);
    expect(afterOf(preview)).toEqual({ UK: 56, DE: 17, FR: -13 });
    expect(preview.problems).toContainEqual({
      kind: "negativeResult",
      severity: "error",
      id: "FR",
      period: 0,
      message: "FR would get -13 in Q1 2027, but this plan does not allow negative targets",
    });
    expect(preview.canApply).toBe(false);

    const allowed = run({ method: { kind: "even" } }, { ...spec, settings: { allowNegative: true } });
    expect(afterOf(allowed)).toEqual({ UK: 56, DE: 17, FR: -13 });
    expect(allowed.canApply).toBe(true);
  });
});

describe("allocateGap: periods", () => {
  test("every period by default; a target cascaded from above is allocated and written as the node's own", () => {
    const { plan, view } = planAndView(COMPANY);
    const preview = allocateGap(plan, view, {
      nodeId: "EMEA",
      basis: "target",
      method: { kind: "even" },
    });
    // Q2: EMEA's cascaded 394 evenly.
    expect(afterOf(preview, 1)).toEqual({ UK: 132, DE: 131, FR: 131 });
    expect(preview.changes[0]).toEqual({ id: "EMEA", values: [300, 394], expected: [300, null] });
    expect(kinds(preview)).toContain("warning:cascadedTarget");
    expect(preview.parent?.cells[1]).toEqual({ before: 394, after: 394, change: 0 });
  });

  test("a requested period without a target is left out with a warning", () => {
    const spec = { ...COMPANY, topDown: { EMEA: [300, null] } };
    const { plan, view } = planAndView(spec);
    const preview = allocateGap(plan, view, {
      nodeId: "EMEA",
      basis: "gap",
      method: { kind: "even" },
    });
    expect(preview.allocated.map((period) => period.label)).toEqual(["Q1 2027"]);
    expect(preview.problems).toContainEqual(
      expect.objectContaining({ kind: "noTarget", severity: "warning", period: 1 }),
    );
    expect(preview.changes).toEqual([
      { id: "UK", values: [137, null], expected: [null, null] },
      { id: "DE", values: [97, null], expected: [null, null] },
      { id: "FR", values: [66, null], expected: [null, null] },
    ]);
  });
});

describe("allocateGap: problems", () => {
  test.each<[string, Partial<AllocationRequest> & Pick<AllocationRequest, "method">, PlanSpec, string, string]>([
    ["unknown node", { nodeId: "Nowhere", method: { kind: "even" } }, COMPANY, "unknownNode", 'No node "Nowhere"'],
    [
      "a node without children",
      { nodeId: "UK", method: { kind: "even" } },
      COMPANY,
      "noChildren",
      "UK has no children",
    ],
    [
      "no target to allocate",
      { method: { kind: "even" } },
      { ...COMPANY, topDown: {} },
      "noTarget",
      "EMEA has no top-down target to allocate; enter one first",
    ],
    [
      "an unknown period",
      { periods: [2], method: { kind: "even" } },
      COMPANY,
      "badPeriod",
      "Period 3 does not exist; the plan has 2 periods",
    ],
    [
      "an unknown weighting period",
      { method: { kind: "period", period: -1 } },
      COMPANY,
      "badPeriod",
      "Period 0 does not exist; the plan has 2 periods",
    ],
    [
      "a negative weight",
      {
        method: {
          kind: "weights",
          weights: new Map([
            ["UK", 1],
            ["DE", -2],
            ["FR", 1],
          ]),
        },
      },
      COMPANY,
      "negativeWeight",
      "The weight of DE is -2; a weight can't be negative, so choose another method or weights",
    ],
    [
      "a negative bottom-up as weight",
      { method: { kind: "bottomUp" } },
      {
        ...COMPANY,
        inputs: { ...COMPANY.inputs, FR: [-10, 0] },
        settings: { allowNegative: true },
      },
      "negativeWeight",
      "The bottom-up of FR in Q1 2027 is -10; a weight can't be negative, so choose another method or weights",
    ],
  ])("%s", (_, request, spec, kind, message) => {
    const preview = run(request, spec);
    expect(preview.problems).toContainEqual(expect.objectContaining({ kind, severity: "error", message }));
    expect(preview.canApply).toBe(false);
    expect(() => topDownWrite(planAndView(spec).plan, preview, { user: "Lea", time: "t" })).toThrow(ReconcileError);
  });

  test("warnings: a child without a weight, the node's own input, targets further down", () => {
    const spec: PlanSpec = {
      ...COMPANY,
      inputs: { ...COMPANY.inputs, EMEA: [5, 0] },
      topDown: { ...COMPANY.topDown, UK: [150, null] },
    };
    const weights = run(
      {
        method: {
          kind: "weights",
          weights: new Map([
            ["UK", 1],
            ["DE", 1],
          ]),
        },
      },
      spec,
    );
    expect(weights.problems).toContainEqual(
      expect.objectContaining({
        kind: "missingWeight",
        severity: "warning",
        id: "FR",
        message: "FR has no weight, so it gets no share (as if its weight were 0)",
      }),
    );
    expect(weights.problems).toContainEqual(
      expect.objectContaining({
        kind: "ownInput",
        message: "EMEA has an input of its own in Q1 2027; it is part of EMEA's bottom-up but of no child's target",
      }),
    );
    expect(weights.canApply).toBe(true);

    const { plan, view } = planAndView(spec);
    const atTop = allocateGap(plan, view, {
      nodeId: "Company",
      basis: "target",
      method: { kind: "bottomUp" },
      periods: Q1,
    });
    expect(atTop.problems).toContainEqual(
      expect.objectContaining({
        kind: "targetsBelow",
        id: "EMEA",
        message: "Below EMEA, UK has a target of its own, which is not re-allocated",
      }),
    );
  });
});

describe("applying", () => {
  test("one audit entry per stored target that changes, with the allocation's note", () => {
    const { plan, view } = planAndView({
      ...COMPANY,
      topDown: { ...COMPANY.topDown, DE: [96, 7] },
    });
    const preview = allocateGap(plan, view, {
      nodeId: "EMEA",
      basis: "gap",
      method: { kind: "bottomUp" },
      periods: Q1,
      hold: ["FR"],
    });
    const write = topDownWrite(plan, preview, { user: "Lea", time: "2027-01-20T10:00:00Z" });
    expect(write.changes).toBe(preview.changes);
    expect(write.audit).toEqual([
      {
        time: "2027-01-20T10:00:00Z",
        user: "Lea",
        node: "UK",
        field: "top-down Q1 2027",
        oldValue: "",
        newValue: "144",
        note: "allocated gap of EMEA proportional to bottom-up, held: FR",
      },
      {
        time: "2027-01-20T10:00:00Z",
        user: "Lea",
        node: "FR",
        field: "top-down Q1 2027",
        oldValue: "",
        newValue: "60",
        note: "allocated gap of EMEA proportional to bottom-up, held: FR",
      },
    ]);
  });
});

describe("acceptBottomUp", () => {
  test("sets the node's target to its bottom-up rollup in every period", () => {
    const { plan, view } = planAndView(COMPANY);
    const preview = acceptBottomUp(plan, view, "emea");
    expect(preview.rows).toEqual([
      {
        id: "EMEA",
        name: "Europe",
        held: false,
        cells: [
          { before: 300, after: 250, change: -50 },
          { before: 394, after: 285, change: -109 },
        ],
      },
    ]);
    expect(preview.changes).toEqual([{ id: "EMEA", values: [250, 285], expected: [300, null] }]);
    expect(preview.canApply).toBe(true);
    const write = topDownWrite(plan, preview, { user: "Lea", time: "t" });
    expect(write.audit.map((entry) => [entry.field, entry.oldValue, entry.newValue, entry.note])).toEqual([
      ["top-down Q1 2027", "300", "250", "accepted bottom-up as top-down target"],
      ["top-down Q2 2027", "", "285", "accepted bottom-up as top-down target"],
    ]);
  });

  test("in chosen periods only, rounded to the plan's decimals", () => {
    const { plan, view } = planAndView({
      ...COMPANY,
      inputs: { ...COMPANY.inputs, UK: [120.4, 130] },
    });
    const preview = acceptBottomUp(plan, view, "EMEA", [1]);
    expect(preview.changes).toEqual([{ id: "EMEA", values: [300, 285], expected: [300, null] }]);
    expect(acceptBottomUp(plan, view, "UK").changes).toEqual([
      { id: "UK", values: [120, 130], expected: [null, null] },
    ]);
  });

  test("nothing to write when the target already is the bottom-up", () => {
    const { plan, view } = planAndView({ ...COMPANY, topDown: { EMEA: [250, 285] } });
    const preview = acceptBottomUp(plan, view, "EMEA");
    expect(preview.changes).toEqual([]);
    expect(preview.canApply).toBe(false);
  });

  test.each<[string, PlanSpec, string, string]>([
    ["an unknown node", COMPANY, "XX", 'No node "XX"'],
    [
      "a negative rollup where negatives are not allowed",
      { ...COMPANY, inputs: { ...COMPANY.inputs, FR: [-300, 0] } },
      "EMEA",
      "EMEA would get -100 in Q1 2027, but this plan does not allow negative targets",
    ],
  ])("%s is an error", (_, spec, id, message) => {
    const { plan, view } = planAndView(spec);
    const preview = acceptBottomUp(plan, view, id);
    expect(preview.problems).toContainEqual(expect.objectContaining({ severity: "error", message }));
    expect(preview.canApply).toBe(false);
  });
});

describe("allocateGap under over-assignment (110 %: the children share target / 1.1, as CASCADE shares it)", () => {
  const over = (overAssignment: number): PlanSpec => ({ ...COMPANY, settings: { overAssignment } });

  it("allocates EMEA's 300 at 110 % so that its children add up to 300 / 1.1 = 273", () => {
    const preview = run({ basis: "target", method: { kind: "even" } }, over(1.1));
    expect(afterOf(preview)).toEqual({ UK: 91, DE: 91, FR: 91 });
    expect(preview.allocated).toEqual([
      { period: 0, label: "Q1 2027", target: 300, childrenTarget: 273, held: 0, bottomUp: 250, gap: 50, shared: 273 },
    ]);
    expect(preview.note).toBe("allocated target of EMEA evenly, 110 % over-assignment");
  });

  it("shares the gap to the children's target: bottom-up 250 kept, 273 − 250 = 23 shared", () => {
    const preview = run({ method: { kind: "bottomUp" } }, over(1.1));
    const after = afterOf(preview) as Record<string, number>;
    expect(after.UK + after.DE + after.FR).toBe(273);
    expect(preview.allocated[0].shared).toBe(23);
  });

  it("takes a held child's target off the children's share", () => {
    const preview = run({ basis: "target", method: { kind: "even" }, hold: ["UK"] }, over(1.1));
    // UK is held at its cascaded 300 x 120 / 250 / 1.1 = 131; DE and FR share 273 − 131 = 142.
    expect(afterOf(preview)).toEqual({ UK: 131, DE: 71, FR: 71 });
  });

  it("applied, gives the children the targets the pane then cascades below them: the plan agrees with itself", () => {
    const spec = over(1.1);
    const { plan, view } = planAndView(spec);
    const preview = allocateGap(plan, view, { nodeId: "EMEA", basis: "target", method: { kind: "even" }, periods: Q1 });
    const topDown = { ...COMPANY.topDown };
    for (const change of preview.changes) topDown[change.id] = change.values;
    const after = planAndView({ ...spec, topDown });
    const children = ["UK", "DE", "FR"].map((id) => after.view.byId.get(id)?.periods[0].topDown as number);
    expect(children.reduce((a, b) => a + b, 0)).toBe(273);
  });

  it("at 100 % allocates as before", () => {
    const request = { basis: "target" as const, method: { kind: "even" as const } };
    expect(run(request, over(1))).toEqual(run(request));
  });
});
