import { CellError } from "../../../src/core/cell";
import { Hierarchy } from "../../../src/core/hierarchy/hierarchy";
import {
  capacityByNode,
  coverage,
  coverageByNode,
  readCapacityRows,
  type CapacityRow,
} from "../../../src/core/territory/capacity";
import { childrenShare, readOverAssignment } from "../../../src/core/territory/overAssignment";

const PERIODS = ["Q1", "Q2", "Q3", "Q4"];

/** Company > North > (T1, T2), Company > South. */
function sample(): Hierarchy {
  const built = Hierarchy.build(
    ["Company", "North", "T1", "T2", "South"],
    ["", "Company", "North", "North", "Company"],
  );
  if (!built.ok) throw new Error("bad fixture");
  return built.hierarchy;
}

function row(node: unknown, heads: unknown, quota: unknown, attainment: unknown, ramp: unknown[] = []): CapacityRow {
  return { node, heads, quota, attainment, ramp };
}

function capacityOf(hierarchy: Hierarchy, rows: CapacityRow[]): (id: string) => unknown[] {
  const read = readCapacityRows(hierarchy, rows, PERIODS);
  expect(read.problems).toEqual([]);
  const capacity = capacityByNode(hierarchy, read.groups, PERIODS.length);
  return (id) => capacity.row(hierarchy.find(id) as number);
}

describe("capacity", () => {
  it("sums quota × ramp × attainment over three ramped reps and a new hire ramping 25/50/75/100 %", () => {
    const hierarchy = sample();
    const of = capacityOf(hierarchy, [row("T1", 3, 100, 0.9), row("T1", 1, 100, 0.9, [0.25, 0.5, 0.75, 1])]);
    // 3 × 100 × 0.9 = 270, plus the new hire's 100 × 0.9 × ramp.
    expect(of("T1")).toEqual([292.5, 315, 337.5, 360]);
  });

  it("rolls up the hierarchy: a manager's capacity is the team's, plus any reps of their own", () => {
    const hierarchy = sample();
    const of = capacityOf(hierarchy, [
      row("T1", 2, 100, 1),
      row("T2", 1, 50, 1, [0.5]),
      row("South", 1, 80, 0.5),
      row(" north ", 0.5, 100, 1),
    ]);
    expect(of("T2")).toEqual([25, 50, 50, 50]);
    expect(of("North")).toEqual([275, 300, 300, 300]);
    expect(of("Company")).toEqual([315, 340, 340, 340]);
  });

  it("counts a blank head count as one rep and blank attainment and ramp as 100 %", () => {
    const hierarchy = sample();
    const of = capacityOf(hierarchy, [row("T1", null, 120, "", [null, ""])]);
    expect(of("T1")).toEqual([120, 120, 120, 120]);
  });

  it.each([
    [row("X", 1, 100, 1), 'Node "X" (row 1) is not a node of the hierarchy'],
    [row("", 1, 100, 1), "Capacity row (row 1) has no node"],
    [row("T1", -2, 100, 1), 'Heads of "T1" (row 1) is -2; it can\'t be negative'],
    [row("T1", 1, "lots", 1), 'Quota per head of "T1" (row 1) must be a number, not "lots"'],
    [row("T1", 1, null, 1), 'Quota per head of "T1" (row 1) is blank'],
    [row("T1", 1, 100, 90), 'Attainment of "T1" (row 1) is 90, which is 9000 %; enter a percentage up to 200 %'],
    [row("T1", 1, 100, 1, [25]), 'Ramp Q1 of "T1" (row 1) is 25, which is 2500 %; enter a percentage up to 100 %'],
    [row("T1", 1, 100, new CellError("NA", "")), 'Attainment of "T1" (row 1) must be a number, not #N/A'],
  ])("names the row and what to fix: %#", (bad, message) => {
    const read = readCapacityRows(sample(), [row("T2", 1, 10, 1), bad], PERIODS, { firstRow: 0 });
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0].row).toBe(1);
    expect(read.problems[0].message).toContain(message);
    expect(read.groups.map((group) => group.row)).toEqual([0]);
  });

  it("skips empty rows", () => {
    const read = readCapacityRows(sample(), [row(null, null, null, null, [null]), row("T1", 1, 1, 1)], PERIODS, {
      firstRow: 5,
    });
    expect(read.problems).toEqual([]);
    expect(read.groups.map((group) => group.row)).toEqual([6]);
  });
});

describe("coverage", () => {
  it.each([
    // [target, capacity, coverage, flag]
    [105, 100, 1.05, null],
    [106, 100, 1.06, "over"],
    [94, 100, 0.94, "under"],
    [95, 100, 0.95, null],
    [10, 0, null, "over"],
    [0, 0, null, null],
    [null, 100, null, null],
  ])("target %p against capacity %p", (target, capacity, ratio, flag) => {
    const result = coverage(target, capacity, 0.05);
    if (ratio === null) expect(result.coverage).toBeNull();
    else expect(result.coverage).toBeCloseTo(ratio, 12);
    expect(result.flag).toBe(flag);
  });

  it("sets every node's target against its rolled-up capacity, per period, in tree order", () => {
    const hierarchy = sample();
    const read = readCapacityRows(hierarchy, [row("T1", 1, 100, 1, [0.5]), row("T2", 1, 100, 1)], PERIODS);
    const capacity = capacityByNode(hierarchy, read.groups, PERIODS.length);
    // Rows aligned with the hierarchy's input rows: Company, North, T1, T2, South.
    const targets = [[], [200, 210, "", null], [60, 100], [], []];
    const rows = coverageByNode(hierarchy, capacity, targets, 0.05);
    expect(rows.map((node) => node.id)).toEqual(["Company", "North", "T1", "T2", "South"]);
    const north = rows[1].periods;
    expect(north.map((period) => period.capacity)).toEqual([150, 200, 200, 200]);
    expect(north.map((period) => period.flag)).toEqual(["over", null, null, null]);
    expect(north[1].coverage).toBeCloseTo(1.05, 12);
    expect(rows[2].periods[0]).toMatchObject({ target: 60, capacity: 50, flag: "over" });
    expect(rows[2].periods[1]).toMatchObject({ target: 100, capacity: 100, coverage: 1, flag: null });
  });
});

describe("over-assignment", () => {
  it("lets a manager's target stand 10 % above what the team shares", () => {
    const setting = readOverAssignment(1.1);
    expect(setting).toEqual({ ok: true, value: 1.1 });
    if (!setting.ok) return;
    expect(childrenShare(1100, setting.value)).toBeCloseTo(1000, 9);
    // Applied at every split: two levels of managers at 110 %.
    expect(childrenShare(childrenShare(1210, setting.value), setting.value)).toBeCloseTo(1000, 9);
  });

  it("is none when blank", () => {
    expect(readOverAssignment(null)).toEqual({ ok: true, value: 1 });
    expect(childrenShare(500, 1)).toBe(500);
  });

  it.each([110, 0.9, "110%", -1, 3.5])("rejects %p with what to enter", (cell) => {
    const setting = readOverAssignment(cell);
    expect(setting.ok).toBe(false);
    if (!setting.ok) expect(setting.message).toMatch(/percentage from 100 % to 300 %, like 110 %/);
  });
});
