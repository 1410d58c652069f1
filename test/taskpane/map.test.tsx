/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { NOT_IN_PLAN_COLOUR, balanceScale, coverageScale, stepOf, varianceScale } from "../../src/core/map/colourScale";
import type { Plan } from "../../src/core/plan/types";
import { FakePlanWorkbook, makePlan, type PlanData } from "./support/FakePlanWorkbook";
import { renderTaskPane, type RenderedPane } from "./support/renderTaskPane";
import { drawShapes } from "../../src/taskpane/views/map/drawShapes";
import world from "world-atlas/countries-110m.json";
import type { Topology } from "topojson-specification";

jest.setTimeout(60000);

/** `makePlan` with a geography column: node id -> cell. */
function placedPlan(data: PlanData, column: string, places: Readonly<Record<string, string>>): Plan {
  const plan = makePlan(data);
  return {
    ...plan,
    nodes: plan.nodes.map((node) => ({ ...node, attributes: { Segment: "", [column]: places[node.id] ?? "" } })),
  };
}

/** Tolerance 5 %. France on target, Germany 30 % over, the US 30 % under; one cell names no country. */
function worldPlan(): FakePlanWorkbook {
  return new FakePlanWorkbook(
    placedPlan(
      {
        nodes: [
          ["W", "", "World", "ceo"],
          ["EU", "W", "Europe", "eu"],
          ["FR", "EU", "France team", "fr"],
          ["DE", "EU", "Germany team", "de"],
          ["US", "W", "US team", "us"],
          ["ATL", "W", "Lost city", "x"],
        ],
        entries: {
          FR: [[100, 100], "Submitted"],
          DE: [[65, 65], "Submitted"],
          US: [[35, 35], "Submitted"],
          ATL: [[1, 1], "Draft"],
        },
        topDown: { FR: [100, 100], DE: [50, 50], US: [50, 50] },
      },
      "Country",
      { FR: "France", DE: "DE", US: "USA", ATL: "Atlantis" },
    ),
  );
}

async function openMap(workbook: FakePlanWorkbook): Promise<RenderedPane> {
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: "Map" }));
  await screen.findByRole("group", { name: /^Map of / }, { timeout: 20000 });
  return pane;
}

function region(name: RegExp): HTMLElement {
  return within(screen.getByRole("group", { name: /^Map of / })).getByRole("button", { name: name });
}

describe("Map", () => {
  test("regions are coloured by variance %: over tolerance in the 'over' colour, within it neutral", async () => {
    await openMap(worldPlan());
    const scale = varianceScale(0.05);

    const germany = region(/^Germany: variance \+30\.0 %, over tolerance$/);
    expect(germany).toHaveAttribute("data-tone", "over");
    expect(germany).toHaveAttribute("fill", stepOf(scale, 0.3).colour);
    const us = region(/^United States: variance -30\.0 %, under tolerance$/);
    expect(us).toHaveAttribute("fill", stepOf(scale, -0.3).colour);
    expect(region(/^France: variance 0\.0 %, within tolerance$/)).toHaveAttribute("data-tone", "within");
    expect(stepOf(scale, 0.3).colour).not.toBe(stepOf(scale, 0).colour);
    // The rest of the world is drawn as a backdrop, out of the tab order and of assistive tech.
    const map = screen.getByRole("group", { name: /^Map of / });
    expect(map.querySelectorAll(`path[fill="${NOT_IN_PLAN_COLOUR}"]`).length).toBeGreaterThan(100);
    expect(within(map).getAllByRole("button")).toHaveLength(3);
  });

  test("colouring by share of the bottom-up recolours the map", async () => {
    const { user } = await openMap(worldPlan());
    const before = region(/^Germany/).getAttribute("fill");
    await user.selectOptions(screen.getByRole("combobox", { name: "Colour by" }), "share");
    // 130 of the company's 402 (Atlantis counts towards the company, not a region).
    const germany = region(/^Germany: 32\.3 % of the company's bottom-up$/);
    expect(germany).toHaveAttribute("data-tone", "share");
    expect(germany.getAttribute("fill")).not.toBe(before);
  });

  test("Enter or Space on a region, or a click, selects its node in the sheet", async () => {
    const workbook = worldPlan();
    const { user } = await openMap(workbook);

    const germany = region(/^Germany/);
    germany.focus();
    expect(germany).toHaveFocus();
    fireEvent.keyDown(germany, { key: "Enter" });
    await waitFor(() => expect(workbook.selectedNodes).toEqual(["DE"]));
    fireEvent.keyDown(region(/^United States/), { key: " " });
    await waitFor(() => expect(workbook.selectedNodes).toEqual(["DE", "US"]));
    await user.click(region(/^France/));
    await waitFor(() => expect(workbook.selectedNodes).toEqual(["DE", "US", "FR"]));
    expect(region(/^France/)).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("status")).toHaveTextContent("France team selected (1 of 1 in France)");
  });

  test("the table lists every region with its numbers and nodes", async () => {
    const workbook = worldPlan();
    const { user } = await openMap(workbook);
    const table = screen.getByRole("table", { name: "Regions on the map" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ["France", "200", "200", "0.0 %", "France team"],
      ["Germany", "130", "100", "+30.0 % over", "Germany team"],
      ["United States", "70", "100", "-30.0 % under", "US team"],
    ]);
    await user.click(within(table).getByRole("button", { name: "US team" }));
    await waitFor(() => expect(workbook.selectedNodes).toEqual(["US"]));
  });

  test("a cell that names no country or US state is listed as a problem", async () => {
    await openMap(worldPlan());
    expect(screen.getByText("1 node isn't on the map")).toBeInTheDocument();
    expect(
      screen.getByText(/^Node ATL \(Lost city\): "Atlantis" in column Country is not a country or US state;/),
    ).toBeInTheDocument();
  });

  test("a column of US states is drawn on the US map; a region with two nodes selects each in turn", async () => {
    const workbook = new FakePlanWorkbook(
      placedPlan(
        {
          nodes: [
            ["W", "", "USA", "ceo"],
            ["W1", "W", "Bay Area", "a"],
            ["W2", "W", "Los Angeles", "b"],
            ["S", "W", "Texas team", "c"],
          ],
          entries: { W1: [[10, 10], "Draft"], W2: [[10, 10], "Draft"], S: [[5, 5], "Draft"] },
        },
        "State",
        { W1: "CA", W2: "California", S: "TX" },
      ),
    );
    const { user } = await openMap(workbook);
    const map = screen.getByRole("group", { name: "Map of US states by variance %" });
    expect(map.querySelectorAll("path").length).toBeGreaterThanOrEqual(51);
    const california = region(/^California: no target$/);
    await user.click(california);
    await waitFor(() => expect(workbook.selectedNodes).toEqual(["W1"]));
    await user.click(region(/^California/));
    await waitFor(() => expect(workbook.selectedNodes).toEqual(["W1", "W2"]));
    expect(screen.getByRole("status")).toHaveTextContent("Los Angeles selected (2 of 2 in California)");
  });

  test("with a capacity table the map colours by coverage: targets above the reps' capacity red, capacity left unused blue", async () => {
    const workbook = worldPlan();
    const plan = workbook.plan as Plan;
    const rep = (node: string, quota: number) => ({ node, heads: 1, quota, attainment: null, ramp: [] });
    // Targets over both periods: France 200, Germany 100, the US 100; capacity 200, 80 and 200.
    workbook.plan = {
      ...plan,
      capacity: { rows: [rep("FR", 100), rep("DE", 40), rep("US", 100)], firstRow: 2, problems: [] },
    };
    const { user } = await openMap(workbook);
    const colourBy = screen.getByRole("combobox", { name: "Colour by" });
    await user.selectOptions(colourBy, "coverage");
    const scale = coverageScale(0.05);
    const germany = region(/^Germany: targets 25\.0 % above capacity, over tolerance$/);
    expect(germany).toHaveAttribute("data-tone", "over");
    expect(germany).toHaveAttribute("fill", stepOf(scale, 0.25).colour);
    // Over-assigned reps take the reds of a problem; unused capacity the blues.
    expect(stepOf(scale, 0.25).colour).toBe(stepOf(varianceScale(0.05), -0.25).colour);
    expect(region(/^United States: targets 50\.0 % below capacity, under tolerance$/)).toHaveAttribute(
      "fill",
      stepOf(scale, -0.5).colour,
    );
    expect(region(/^France: targets 0\.0 % above capacity, within tolerance$/)).toHaveAttribute("data-tone", "within");
    expect(screen.getByRole("list", { name: "Legend: Coverage (targets against capacity)" })).toBeInTheDocument();
  });

  test("without a capacity table there is no coverage to colour by", async () => {
    await openMap(worldPlan());
    const options = within(screen.getByRole("combobox", { name: "Colour by" })).getAllByRole("option");
    expect(options.map((option) => option.getAttribute("value"))).not.toContain("coverage");
  });

  test("balance is judged and coloured by the band the plan keeps, not the default ±5 %", async () => {
    const workbook = worldPlan();
    const plan = workbook.plan as Plan;
    workbook.plan = {
      ...plan,
      settings: { ...plan.settings, balancing: { accountsTable: "Accounts", weights: [], band: 0.6 } },
    };
    workbook.tables.set("Accounts", {
      ref: { kind: "table", name: "Accounts" },
      rows: [
        ["Account", "Territory", "Visits"],
        ["A1", "FR", 30],
        ["A4", "DE", 10],
      ],
      firstRow: 1,
    });
    const { user } = await openMap(workbook);
    const colourBy = (): HTMLElement => screen.getByRole("combobox", { name: "Colour by" });
    await waitFor(() => expect(within(colourBy()).getByRole("option", { name: "Balance (accounts)" })).toBeVisible());
    await user.selectOptions(colourBy(), "balance");
    const france = region(/^France: workload \+50\.0 % against its siblings, within the band$/);
    expect(france).toHaveAttribute("data-tone", "within");
    expect(france).toHaveAttribute("fill", stepOf(balanceScale(0.6), 0.5).colour);
  });

  test("with an accounts table the map colours by workload balance, and recolours once Balance moves accounts", async () => {
    const workbook = worldPlan();
    // Under Europe: France 30 visits, Germany 10, against an average of 20; moving one of France's
    // accounts puts both on it. The US team is Europe's sibling under World, with no accounts.
    workbook.tables.set("Accounts", {
      ref: { kind: "table", name: "Accounts" },
      rows: [
        ["Account", "Territory", "Visits"],
        ["A1", "FR", 10],
        ["A2", "FR", 10],
        ["A3", "FR", 10],
        ["A4", "DE", 10],
      ],
      firstRow: 1,
    });
    const { user } = await openMap(workbook);
    const colourBy = (): HTMLElement => screen.getByRole("combobox", { name: "Colour by" });
    await waitFor(() => expect(within(colourBy()).getByRole("option", { name: "Balance (accounts)" })).toBeVisible());
    await user.selectOptions(colourBy(), "balance");
    const scale = balanceScale();
    expect(region(/^France: workload \+50\.0 % against its siblings, over the band$/)).toHaveAttribute(
      "fill",
      stepOf(scale, 0.5).colour,
    );
    expect(region(/^Germany: workload -50\.0 % against its siblings, under the band$/)).toHaveAttribute(
      "data-tone",
      "under",
    );

    await user.click(screen.getByRole("tab", { name: "Balance" }));
    const suggest = await screen.findByRole("button", { name: "Suggest moves" });
    await waitFor(() => expect(suggest).toBeEnabled());
    await user.click(suggest);
    await user.click(await screen.findByRole("button", { name: "Apply 1 move" }));
    await waitFor(() => expect(workbook.audit).toHaveLength(1));

    await user.click(screen.getByRole("tab", { name: "Map" }));
    await screen.findByRole("group", { name: /^Map of / }, { timeout: 20000 });
    await waitFor(() => expect(within(colourBy()).getByRole("option", { name: "Balance (accounts)" })).toBeVisible());
    await user.selectOptions(colourBy(), "balance");
    const france = region(/^France: workload 0\.0 % against its siblings, within the band$/);
    expect(france).toHaveAttribute("data-tone", "within");
    expect(france).toHaveAttribute("fill", stepOf(scale, 0).colour);
  });

  test("accounts with coordinates are dots at their projected place, sized by workload, hidden by the switch", async () => {
    const workbook = worldPlan();
    workbook.tables.set("Accounts", {
      ref: { kind: "table", name: "Accounts" },
      rows: [
        ["Account", "Territory", "Visits", "Latitude", "Longitude"],
        ["Paris", "FR", 40, 48.8566, 2.3522],
        ["Berlin", "DE", 10, 52.52, 13.405],
        ["Nowhere", "DE", 10, null, null],
      ],
      firstRow: 1,
    });
    const { user } = await openMap(workbook);
    const map = screen.getByRole("group", { name: /^Map of / });
    await waitFor(() => expect(map.querySelectorAll("circle[data-account]")).toHaveLength(2));
    const { project } = drawShapes("world", world as unknown as Topology);
    for (const [id, latitude, longitude] of [
      ["Paris", 48.8566, 2.3522],
      ["Berlin", 52.52, 13.405],
    ] as const) {
      const dot = map.querySelector(`circle[data-account="${id}"]`) as SVGCircleElement;
      const [x, y] = project(longitude, latitude) as [number, number];
      expect(Number(dot.getAttribute("cx"))).toBeCloseTo(x, 6);
      expect(Number(dot.getAttribute("cy"))).toBeCloseTo(y, 6);
    }
    // Berlin is north and east of Paris; Paris, with four times the visits, is drawn larger.
    const paris = map.querySelector('circle[data-account="Paris"]') as SVGCircleElement;
    const berlin = map.querySelector('circle[data-account="Berlin"]') as SVGCircleElement;
    expect(Number(berlin.getAttribute("cy"))).toBeLessThan(Number(paris.getAttribute("cy")));
    expect(Number(berlin.getAttribute("cx"))).toBeGreaterThan(Number(paris.getAttribute("cx")));
    expect(Number(paris.getAttribute("r"))).toBeGreaterThan(Number(berlin.getAttribute("r")));
    expect(screen.getByText("2 accounts drawn at their coordinates, sized by workload.")).toBeInTheDocument();

    await user.click(screen.getByRole("switch", { name: "Show accounts" }));
    expect(map.querySelectorAll("circle")).toHaveLength(0);
    expect(screen.getByText("2 accounts with coordinates, hidden.")).toBeInTheDocument();
    // The regions stay choosable with the dots shown or not.
    expect(within(map).getAllByRole("button")).toHaveLength(3);
  });

  test("recolours while open when targets are saved in the sheet or by a co-author", async () => {
    const workbook = worldPlan();
    await openMap(workbook);
    const scale = varianceScale(0.05);
    expect(region(/^Germany/)).toHaveAttribute("fill", stepOf(scale, 0.3).colour);
    // Germany's target raised to its bottom-up of 65: on target now.
    const plan = workbook.plan as Plan;
    workbook.changeOutside({ ...plan, topDown: new Map([...plan.topDown, ["DE", [65, 65]]]) });
    await waitFor(() => expect(region(/^Germany: variance 0\.0 %, within tolerance$/)).toBeInTheDocument());
    expect(region(/^Germany/)).toHaveAttribute("fill", stepOf(scale, 0).colour);
  });

  test("re-reads the accounts while open: with the plan read again, and on Read accounts again", async () => {
    const workbook = worldPlan();
    const accounts = (rows: unknown[][]): void => {
      workbook.tables.set("Accounts", {
        ref: { kind: "table", name: "Accounts" },
        rows: [["Account", "Territory", "Visits", "Latitude", "Longitude"], ...rows],
        firstRow: 1,
      });
    };
    accounts([
      ["A1", "FR", 10, 48.85, 2.35],
      ["A2", "FR", 10, 45.76, 4.84],
      ["A3", "FR", 10, 43.3, 5.37],
      ["A4", "DE", 10, 52.52, 13.4],
    ]);
    const { user } = await openMap(workbook);
    const colourBy = (): HTMLElement => screen.getByRole("combobox", { name: "Colour by" });
    await waitFor(() => expect(within(colourBy()).getByRole("option", { name: "Balance (accounts)" })).toBeVisible());
    await user.selectOptions(colourBy(), "balance");
    expect(region(/^France: workload \+50\.0 %/)).toHaveAttribute("data-tone", "over");

    // A3 moved to Germany by typing in the accounts table: Excel reports no plan change for it.
    accounts([
      ["A1", "FR", 10, 48.85, 2.35],
      ["A2", "FR", 10, 45.76, 4.84],
      ["A3", "DE", 10, 43.3, 5.37],
      ["A4", "DE", 10, 52.52, 13.4],
    ]);
    await user.click(screen.getByRole("button", { name: "Read accounts again" }));
    await waitFor(() => expect(region(/^France: workload 0\.0 %/)).toHaveAttribute("data-tone", "within"));

    // Then a co-author saves a target: the plan is read again, and the accounts with it.
    accounts([
      ["A1", "FR", 10, 48.85, 2.35],
      ["A2", "DE", 10, 45.76, 4.84],
      ["A3", "DE", 10, 43.3, 5.37],
      ["A4", "DE", 10, 52.52, 13.4],
    ]);
    workbook.changeOutside({ ...(workbook.plan as Plan) });
    await waitFor(() => expect(region(/^France: workload -50\.0 %/)).toHaveAttribute("data-tone", "under"));
    expect(screen.getByRole("group", { name: /^Map of / }).querySelectorAll("circle[data-account]")).toHaveLength(4);
  });
});
