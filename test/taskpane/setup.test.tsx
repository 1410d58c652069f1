/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

const ORG_HEADER = ["Id", "Parent", "Name", "Owner"];

async function openSetup(workbook: FakePlanWorkbook): Promise<ReturnType<typeof renderTaskPane>> {
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: "Set up" }));
  return pane;
}

jest.setTimeout(30000);

describe("Set up a plan", () => {
  test("from scratch: the settings and periods typed are written with one top node", async () => {
    const workbook = new FakePlanWorkbook(null);
    const { user } = renderTaskPane(workbook);

    await user.type(await screen.findByRole("textbox", { name: /Plan name/ }), "FY27 sales");
    await user.type(screen.getByRole("textbox", { name: "Unit" }), "EUR");
    await user.selectOptions(screen.getByRole("combobox", { name: "Decimals" }), "2");
    fireEvent.change(screen.getByLabelText("First period"), { target: { value: "2027-11" } });
    await user.selectOptions(screen.getByRole("combobox", { name: "Each period is" }), "Months");
    await user.clear(screen.getByRole("spinbutton", { name: "Number of periods" }));
    await user.type(screen.getByRole("spinbutton", { name: "Number of periods" }), "3");
    await user.click(screen.getByRole("button", { name: "Set up plan" }));

    await screen.findByText('The plan "FY27 sales" is set up with 1 node.');
    expect(workbook.written).toEqual([
      {
        settings: {
          name: "FY27 sales",
          metric: "Revenue",
          unit: "EUR",
          periods: ["Nov 2027", "Dec 2027", "Jan 2028"],
          decimals: 2,
          tolerance: 0.05,
          deadline: null,
          allowNegative: false,
        },
        nodes: [{ id: "Total", parent: "", name: "Total", owner: "", attributes: {} }],
      },
    ]);
  });

  test("from scratch: each field that is not right says why beside it, and nothing is written", async () => {
    const workbook = new FakePlanWorkbook(null);
    const { user } = renderTaskPane(workbook);

    await user.clear(await screen.findByRole("spinbutton", { name: "Number of periods" }));
    await user.type(screen.getByRole("spinbutton", { name: "Number of periods" }), "0");
    await user.clear(screen.getByRole("textbox", { name: /Tolerance/ }));
    await user.type(screen.getByRole("textbox", { name: /Tolerance/ }), "five");
    await user.click(screen.getByRole("button", { name: "Set up plan" }));

    expect(screen.getByRole("textbox", { name: /Plan name/ })).toHaveAccessibleDescription("Give the plan a name");
    expect(screen.getByRole("spinbutton", { name: "Number of periods" })).toHaveAccessibleDescription(
      "Enter a whole number of periods from 1 to 120",
    );
    expect(screen.getByRole("textbox", { name: /Tolerance/ })).toHaveAccessibleDescription(/Enter a number like/);
    expect(workbook.written).toEqual([]);
  });

  test("over-assignment: 110 is written as 1.1; 90 or 400 says what to enter, and nothing is written", async () => {
    const workbook = new FakePlanWorkbook(null);
    const { user } = renderTaskPane(workbook);
    await user.type(await screen.findByRole("textbox", { name: /Plan name/ }), "FY27 sales");
    const field = screen.getByRole("textbox", { name: /Over-assignment/ });
    expect(field).toHaveValue("100");

    for (const typed of ["90", "400"]) {
      await user.clear(field);
      await user.type(field, typed);
      await user.click(screen.getByRole("button", { name: "Set up plan" }));
      expect(field).toHaveAccessibleDescription(/Enter an over-assignment from 100 to 300 %/);
    }
    expect(workbook.written).toEqual([]);

    await user.clear(field);
    await user.type(field, "110");
    await user.click(screen.getByRole("button", { name: "Set up plan" }));
    await screen.findByText('The plan "FY27 sales" is set up with 1 node.');
    expect(workbook.written[0].settings.overAssignment).toBe(1.1);
  });

  test("from the selection: every problem is listed with its sheet row, and its link selects that row", async () => {
    const workbook = new FakePlanWorkbook(null);
    const ref = { kind: "range", sheet: "Org", address: "A3:D7" } as const;
    workbook.selection = {
      ref,
      firstRow: 3,
      rows: [
        ORG_HEADER,
        ["W", "", "World", "ceo@example.com"],
        ["EU", "W", "Europe", "eu@example.com"],
        ["US", "X", "USA", "us@example.com"],
        ["EU", "W", "Europe again", "eu2@example.com"],
      ],
    };
    const { user } = renderTaskPane(workbook);

    await user.click(await screen.findByRole("radio", { name: "From the selected cells" }));
    await user.click(screen.getByRole("button", { name: "Read the selected cells" }));

    const problems = await screen.findByRole("region", { name: "Problems" });
    expect(within(problems).getByText('Duplicate id "EU" (rows 5 and 7)')).toBeInTheDocument();
    expect(within(problems).getByText('Parent "X" of "US" (row 6) is not in ids')).toBeInTheDocument();
    expect(
      within(problems)
        .getAllByRole("button", { name: /^Go to row/ })
        .map((link) => link.textContent),
    ).toEqual(["Go to row 5", "Go to row 6"]);

    await user.click(within(problems).getByRole("button", { name: "Go to row 6" }));
    // The selection starts at sheet row 3 with its header, so sheet row 6 is its 4th row.
    expect(workbook.selectedSourceRows).toEqual([{ source: ref, row: 4 }]);

    await user.type(screen.getByRole("textbox", { name: /Plan name/ }), "Org plan");
    await user.click(screen.getByRole("button", { name: "Set up plan" }));
    expect(screen.getByRole("status")).toHaveTextContent("Fix the problems listed above");
    expect(workbook.written).toEqual([]);
  });

  test("from the selection: the detected format and columns are shown and can be changed", async () => {
    const workbook = new FakePlanWorkbook(null);
    workbook.selection = {
      ref: { kind: "range", sheet: "Org", address: "A1:D4" },
      firstRow: 1,
      rows: [
        ORG_HEADER,
        ["W", "", "World", "ceo@example.com"],
        ["EU", "W", "Europe", "eu@example.com"],
        ["US", "W", "USA", "us@example.com"],
      ],
    };
    const { user } = renderTaskPane(workbook);

    await user.click(await screen.findByRole("radio", { name: "From the selected cells" }));
    await user.click(screen.getByRole("button", { name: "Read the selected cells" }));

    expect(await screen.findByText("Found 3 nodes as parent-child columns.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "The hierarchy is in" })).toHaveDisplayValue("Parent-child columns");
    expect(screen.getByRole("combobox", { name: /^Id column/ })).toHaveDisplayValue("Id");
    expect(screen.getByRole("combobox", { name: /^Parent column/ })).toHaveDisplayValue("Parent");
    expect(screen.getByRole("combobox", { name: "Owner column" })).toHaveDisplayValue("Owner");

    await user.selectOptions(screen.getByRole("combobox", { name: "Name column" }), "None");
    await user.type(screen.getByRole("textbox", { name: /Plan name/ }), "Org plan");
    await user.click(screen.getByRole("button", { name: "Set up plan" }));

    await waitFor(() => expect(workbook.written).toHaveLength(1));
    expect(workbook.written[0].nodes).toEqual([
      { id: "W", parent: "", name: "W", owner: "ceo@example.com", attributes: { Name: "World" } },
      { id: "EU", parent: "W", name: "EU", owner: "eu@example.com", attributes: { Name: "Europe" } },
      { id: "US", parent: "W", name: "US", owner: "us@example.com", attributes: { Name: "USA" } },
    ]);
  });

  test("from a table: the workbook's tables are offered and the chosen one is read", async () => {
    const workbook = new FakePlanWorkbook(null);
    workbook.tables.set("Territories", {
      ref: { kind: "table", name: "Territories" },
      firstRow: 1,
      rows: [
        ["Name", "Level"],
        ["Company", 1],
        ["North", 2],
        ["South", 2],
      ],
    });
    const { user } = renderTaskPane(workbook);

    await user.click(await screen.findByRole("radio", { name: "From a table" }));
    expect(await screen.findByRole("combobox", { name: "Table" })).toHaveDisplayValue("Territories");
    await user.click(screen.getByRole("button", { name: "Read table" }));

    expect(await screen.findByText("Found 3 nodes as outline level column.")).toBeInTheDocument();
  });

  test("from a table: problems found after the columns are changed name sheet rows too", async () => {
    const workbook = new FakePlanWorkbook(null);
    const ref = { kind: "table", name: "Org" } as const;
    workbook.tables.set("Org", {
      ref,
      firstRow: 10,
      rows: [ORG_HEADER, ["W", "", "World", ""], ["EU", "W", "Europe", ""]],
    });
    const { user } = renderTaskPane(workbook);

    await user.click(await screen.findByRole("radio", { name: "From a table" }));
    await user.click(await screen.findByRole("button", { name: "Read table" }));
    await screen.findByText("Found 2 nodes as parent-child columns.");
    await user.click(screen.getByRole("checkbox", { name: "First row holds headers" }));

    const problems = await screen.findByRole("region", { name: "Problems" });
    expect(within(problems).getByText('Parent "Parent" of "Id" (row 10) is not in ids')).toBeInTheDocument();
    await user.click(within(problems).getByRole("button", { name: "Go to row 10" }));
    expect(workbook.selectedSourceRows).toEqual([{ source: ref, row: 1 }]);
  });

  test("over an existing plan: asks first, says inputs are kept, and writes only when confirmed", async () => {
    const plan = makePlan({
      nodes: [
        ["W", "", "World", "ceo"],
        ["EU", "W", "Europe", "eu"],
      ],
      entries: { EU: [[100, 200], "Submitted"] },
    });
    const workbook = new FakePlanWorkbook(plan);
    const { user } = await openSetup(workbook);

    expect(screen.getByText(/This workbook has the plan "FY27 targets" with 2 nodes/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Update plan" }));
    const dialog = await screen.findByRole("dialog", { name: 'Update the plan "FY27 targets"?' });
    expect(dialog).toHaveTextContent("Every input, top-down target, status and comment is kept");

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(workbook.written).toEqual([]);

    // Fluent hides the rest of the pane from assistive technology until the closed dialog's effects run.
    await user.click(await screen.findByRole("button", { name: "Update plan" }, { timeout: 5000 }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Update plan" }));
    await waitFor(() => expect(workbook.written).toHaveLength(1));
    expect(workbook.written[0].nodes).toBe(plan.nodes);
    expect(workbook.written[0].settings.periods).toEqual(plan.settings.periods);
  });

  test("the roles are shown as the plan holds them and written as typed, ';'-separated", async () => {
    const plan = makePlan({
      settings: { approvers: ["Vera", "cfo@contoso.com"] },
      nodes: [["W", "", "World", "ceo"]],
    });
    const workbook = new FakePlanWorkbook(plan);
    window.localStorage.setItem(OWNER_STORAGE_KEY, "ceo");
    const { user } = await openSetup(workbook);

    expect(screen.getByRole("textbox", { name: "Approvers" })).toHaveValue("Vera; cfo@contoso.com");
    const editors = screen.getByRole("textbox", { name: "Top-down editors" });
    expect(editors).toHaveValue("");
    await user.type(editors, " Smith, Ann ;ceo;");
    await user.click(screen.getByRole("button", { name: "Update plan" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Update plan" }));
    await waitFor(() => expect(workbook.written).toHaveLength(1));
    expect(workbook.written[0].settings).toMatchObject({
      topDownEditors: ["Smith, Ann", "ceo"],
      approvers: ["Vera", "cfo@contoso.com"],
    });
    // Who changed the roles is named in the setup's audit rows.
    expect(workbook.written[0].by).toEqual({ user: "ceo", identity: "chosen" });
    window.localStorage.clear();
  });
});
