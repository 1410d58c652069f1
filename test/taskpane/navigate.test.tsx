/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { NodeRow } from "./support/FakePlanWorkbook";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(30000);

/** World > Europe > Germany, France; World > USA. Tolerance 5 %. */
function worldPlan(): FakePlanWorkbook {
  return new FakePlanWorkbook(
    makePlan({
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
    }),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function treeNames(): string[] {
  return within(screen.getByRole("tree", { name: "Plan hierarchy" }))
    .queryAllByRole("treeitem")
    .map((row) => document.getElementById(row.getAttribute("aria-labelledby") ?? "")?.textContent ?? "");
}

function item(name: string): HTMLElement {
  return screen.getByRole("treeitem", { name });
}

describe("Navigate", () => {
  test("each node shows bottom-up, top-down, variance against the tolerance, and status", async () => {
    renderTaskPane(worldPlan());
    await screen.findByRole("tree", { name: "Plan hierarchy" });

    const table: [string, string, string, boolean, string][] = [
      // name, numbers, variance, outside tolerance, status
      ["World", "BU 720 · TD 800", "Var -80 (-10.0 %)", true, "Not started"],
      ["Europe", "BU 300 · TD 300", "Var 0 (0.0 %)", false, "Not started"],
      ["USA", "BU 420 · TD 500", "Var -80 (-16.0 %)", true, "Approved"],
    ];
    for (const [name, numbers, variance, outside, status] of table) {
      const row = item(name);
      expect(row).toHaveAccessibleDescription(new RegExp(`^${escape(`${numbers} · ${variance}`)}.*${status}$`));
      if (outside) expect(row).toHaveAccessibleDescription(/outside tolerance/);
      else expect(row).not.toHaveAccessibleDescription(/outside tolerance/);
    }
  });

  test("the numbers can be shown for one period", async () => {
    const { user } = renderTaskPane(worldPlan());
    await user.selectOptions(await screen.findByRole("combobox", { name: "Numbers for" }), "Q2 2027");
    expect(item("USA")).toHaveAccessibleDescription(/^BU 220 · TD 250 · Var -30 \(-12\.0 %\)/);
  });

  test("the view switches between levels", async () => {
    const { user } = renderTaskPane(worldPlan());
    const levels = await screen.findByRole("combobox", { name: "Show" });
    expect(treeNames()).toEqual(["World", "Europe", "USA"]);

    await user.selectOptions(levels, "Down to level 3");
    expect(treeNames()).toEqual(["World", "Europe", "Germany", "France", "USA"]);

    await user.selectOptions(levels, "Level 1 only");
    expect(treeNames()).toEqual(["World"]);

    await user.selectOptions(levels, "All levels");
    expect(treeNames()).toEqual(["World", "Europe", "Germany", "France", "USA"]);
  });

  test("search by name shows the matches with the nodes above them", async () => {
    const { user } = renderTaskPane(worldPlan());
    await user.type(await screen.findByRole("searchbox", { name: "Search nodes by name" }), "fra");
    await waitFor(() => expect(treeNames()).toEqual(["World", "Europe", "France"]));

    await user.clear(screen.getByRole("searchbox", { name: "Search nodes by name" }));
    await waitFor(() => expect(treeNames()).toEqual(["World", "Europe", "USA"]));
  });

  test("arrow keys move through the tree and open and close branches; Enter selects", async () => {
    const workbook = worldPlan();
    const { user } = renderTaskPane(workbook);
    await screen.findByRole("tree");

    act(() => item("World").focus());
    await user.keyboard("{ArrowDown}");
    expect(item("Europe")).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(treeNames()).toEqual(["World", "Europe", "Germany", "France", "USA"]);
    await user.keyboard("{ArrowRight}");
    expect(item("Germany")).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(item("Europe")).toHaveFocus();
    await user.keyboard("{End}");
    expect(item("USA")).toHaveFocus();
    await user.keyboard("{Enter}");

    expect(workbook.selectedNodes).toEqual(["US"]);
    expect(item("USA")).toHaveAttribute("aria-selected", "true");
  });

  test("selecting a node selects its row in the sheet, and a row selected in the sheet selects its node", async () => {
    const workbook = worldPlan();
    const { user } = renderTaskPane(workbook);
    await screen.findByRole("tree");

    await user.click(item("Europe"));
    expect(workbook.selectedNodes).toEqual(["EU"]);
    expect(item("Europe")).toHaveAttribute("aria-selected", "true");
    // Selecting does not fold or unfold: the chevron and arrow keys do that.
    expect(treeNames()).toEqual(["World", "Europe", "USA"]);

    act(() => workbook.selectInSheet("FR"));
    await waitFor(() => expect(item("France")).toHaveAttribute("aria-selected", "true"));
    expect(item("Europe")).toHaveAttribute("aria-selected", "false");
    expect(workbook.selectedNodes).toEqual(["EU"]);
  });

  test("a 10,000-node plan renders only the rows on screen, and scrolling or End brings the others", async () => {
    const nodes: NodeRow[] = [["root", "", "Company", "ceo"]];
    for (let i = 1; i < 10_000; i++) nodes.push([`n${i}`, "root", `Node ${i}`, `owner${i % 50}`]);
    const { user } = renderTaskPane(new FakePlanWorkbook(makePlan({ nodes })));

    const tree = await screen.findByRole("tree", { name: "Plan hierarchy" });
    const rendered = within(tree).getAllByRole("treeitem");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
    expect(item("Company")).toBeInTheDocument();
    expect(screen.queryByRole("treeitem", { name: "Node 9999" })).not.toBeInTheDocument();

    const viewport = tree.parentElement as HTMLElement;
    fireEvent.scroll(viewport, { target: { scrollTop: 5000 * 48 } });
    expect(item("Node 5000")).toBeInTheDocument();
    expect(screen.queryByRole("treeitem", { name: "Company" })).not.toBeInTheDocument();
    expect(within(tree).getAllByRole("treeitem").length).toBeLessThan(60);

    act(() => item("Node 5000").focus());
    await user.keyboard("{End}");
    await waitFor(() => expect(item("Node 9999")).toHaveFocus());
    await user.keyboard("{Home}");
    await waitFor(() => expect(item("Company")).toHaveFocus());
  });
});
