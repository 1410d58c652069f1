/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import type { CapacityRow } from "../../src/core/territory/capacity";
import type { Plan } from "../../src/core/plan/types";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(30000);

const rep = (node: string, heads: unknown, quota: unknown, attainment: unknown, ramp: unknown[] = []): CapacityRow => ({
  node,
  heads,
  quota,
  attainment,
  ramp,
});

/**
 * World (target 400 a quarter) > Europe (150) > Germany, France; World > USA (cascaded 250).
 * Capacity a quarter: Germany 2 x 50 = 100; France a new hire at 50 % then 100 % of 100; USA
 * 4 x 60 at 90 % = 216. So Europe 150 then 200, World 366 then 416. Tolerance 5 %.
 */
function planWith(capacity: Plan["capacity"]): Plan {
  const plan = makePlan({
    nodes: [
      ["W", "", "World", "ceo"],
      ["EU", "W", "Europe", "eu"],
      ["DE", "EU", "Germany", "de"],
      ["FR", "EU", "France", "fr"],
      ["US", "W", "USA", "us"],
    ],
    entries: {
      DE: [[100, 100], "Submitted"],
      FR: [[50, 50], "Draft"],
      US: [[200, 220], "Approved"],
    },
    topDown: { W: [400, 400], EU: [150, 150] },
  });
  return capacity === undefined ? plan : { ...plan, capacity };
}

const reps: CapacityRow[] = [
  rep("DE", 2, 50, null),
  rep("FR", 1, 100, null, [0.5, 1]),
  rep("US", 4, 60, 0.9),
  // 25 typed for 25 %: the row is left out, and the message names sheet row 5.
  rep("FR", 1, 100, null, [25, 1]),
];

function item(name: string): HTMLElement {
  return screen.getByRole("treeitem", { name });
}

describe("Coverage in the pane", () => {
  afterEach(() => window.localStorage.clear());

  test("Navigate shows each node's coverage of its total target, flagged over or under capacity", async () => {
    renderTaskPane(new FakePlanWorkbook(planWith({ rows: reps, firstRow: 2, problems: [] })));
    await screen.findByRole("tree", { name: "Plan hierarchy" });

    // World 800 / 782 is within 5 %; Europe 300 / 350 leaves capacity unused; USA 500 / 432 asks too much.
    expect(item("World")).toHaveAccessibleDescription(/Cov 102\.3 %/);
    expect(item("World")).not.toHaveAccessibleDescription(/capacity/);
    expect(item("Europe")).toHaveAccessibleDescription(/Cov 85\.7 % ?, under capacity/);
    expect(item("USA")).toHaveAccessibleDescription(/Cov 115\.7 % ?, over capacity/);
  });

  test("Navigate shows the coverage of the period chosen, with the new hire's ramp", async () => {
    const { user } = renderTaskPane(new FakePlanWorkbook(planWith({ rows: reps, firstRow: 2, problems: [] })));
    await user.selectOptions(await screen.findByRole("combobox", { name: "Numbers for" }), "Q1 2027");

    // Q1: France's new hire carries 50, so Europe's 150 is exactly covered and World's 400 / 366 is over.
    expect(item("Europe")).toHaveAccessibleDescription(/Cov 100\.0 %/);
    expect(item("Europe")).not.toHaveAccessibleDescription(/capacity/);
    expect(item("World")).toHaveAccessibleDescription(/Cov 109\.3 % ?, over capacity/);

    await user.selectOptions(screen.getByRole("combobox", { name: "Numbers for" }), "Q2 2027");
    // Q2: ramped, Europe has 200 for 150.
    expect(item("Europe")).toHaveAccessibleDescription(/Cov 75\.0 % ?, under capacity/);
  });

  test("a bad row of the capacity table is named by its sheet row, left out, and can be gone to", async () => {
    const workbook = new FakePlanWorkbook(planWith({ rows: reps, firstRow: 2, problems: [] }));
    const { user } = renderTaskPane(workbook);
    await screen.findByRole("tree", { name: "Plan hierarchy" });

    expect(screen.getByText(/1 row of the capacity table has a problem/)).toBeInTheDocument();
    expect(screen.getByText(/Ramp Q1 2027 of "FR" \(row 5\) is 25/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Go to row 5" }));
    expect(workbook.selectedSourceRows).toEqual([{ source: { kind: "table", name: "GuCapacity" }, row: 5 }]);
  });

  test("Review shows coverage per period beside the gap, and the capacity table's problems", async () => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, "eu");
    const { user } = renderTaskPane(new FakePlanWorkbook(planWith({ rows: reps, firstRow: 2, problems: [] })));
    await user.click(await screen.findByRole("tab", { name: "Review" }));

    // Germany's cascaded 100 a quarter against its 2 x 50.
    const table = await screen.findByRole("table", { name: "Germany: team total against top-down" });
    expect(within(table).getByRole("columnheader", { name: "Coverage" })).toBeInTheDocument();
    const q1 = within(table).getByRole("row", { name: /^Q1 2027/ });
    expect(within(q1).getAllByRole("cell").at(-1)).toHaveTextContent(/^100\.0 %$/);
    expect(screen.getByText(/Ramp Q1 2027 of "FR" \(row 5\) is 25/)).toBeInTheDocument();
  });

  test("Review flags a target over capacity", async () => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, "eu");
    const tight = [rep("DE", 2, 40, null), ...reps.slice(1)];
    const { user } = renderTaskPane(new FakePlanWorkbook(planWith({ rows: tight, firstRow: 2, problems: [] })));
    await user.click(await screen.findByRole("tab", { name: "Review" }));

    const table = await screen.findByRole("table", { name: "Germany: team total against top-down" });
    const q1 = within(table).getByRole("row", { name: /^Q1 2027/ });
    expect(within(q1).getAllByRole("cell").at(-1)).toHaveTextContent(/^125\.0 % over capacity$/);
  });

  test("a plan without a capacity table shows no coverage, and the table can be added from Navigate", async () => {
    const workbook = new FakePlanWorkbook(planWith(undefined));
    const { user } = renderTaskPane(workbook);
    await screen.findByRole("tree", { name: "Plan hierarchy" });
    expect(item("World")).not.toHaveAccessibleDescription(/Cov/);

    await user.click(screen.getByRole("button", { name: "Add capacity table" }));

    await screen.findByText(/Added sheet "GU Capacity"/);
    expect(workbook.plan?.capacity).toEqual({ rows: [], firstRow: 2, problems: [] });
    // An empty table: every target is over a capacity of 0.
    await waitFor(() => expect(item("World")).toHaveAccessibleDescription(/Cov — ?, over capacity/));
    expect(screen.queryByRole("button", { name: "Add capacity table" })).not.toBeInTheDocument();
  });
});
