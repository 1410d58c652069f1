/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { SourceTable } from "../../../src/workbook/PlanWorkbook";
import { FakePlanWorkbook, makePlan } from "../support/FakePlanWorkbook";
import { memoryPlan } from "../reconcile/harness";
import { renderTaskPane, type RenderedPane } from "../support/renderTaskPane";

jest.setTimeout(60000);

/**
 * Region > North, South, East. Visits are the workload: North 40, South 20, East 30 against an
 * average of 30, so North is 33 % over and South 33 % under; moving one 10-visit account from North
 * to South puts all three on the average.
 */
const ROWS: readonly (readonly unknown[])[] = [
  ["Account", "Territory", "Potential", "Visits"],
  ["A1", "N", 100, 10],
  ["A2", "N", 200, 10],
  ["A3", "N", 300, 10],
  ["A4", "N", 400, 10],
  ["A5", "S", 100, 10],
  ["A6", "S", 100, 10],
  ["A7", "E", 100, 10],
  ["A8", "E", 100, 10],
  ["A9", "E", 100, 10],
];

function accounts(rows: readonly (readonly unknown[])[] = ROWS): SourceTable {
  return { ref: { kind: "table", name: "Accounts" }, rows, firstRow: 1 };
}

function fixture(rows?: readonly (readonly unknown[])[]): FakePlanWorkbook {
  const workbook = new FakePlanWorkbook(
    makePlan({
      nodes: [
        ["R", "", "Region", "ceo"],
        ["N", "R", "North", "ann"],
        ["S", "R", "South", "bob"],
        ["E", "R", "East", "eve"],
      ],
    }),
  );
  workbook.tables.set("Prices", { ref: { kind: "table", name: "Prices" }, rows: [["Item", "Price"]], firstRow: 1 });
  workbook.tables.set("Accounts", accounts(rows));
  return workbook;
}

async function openBalance(workbook: FakePlanWorkbook): Promise<RenderedPane> {
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: "Balance" }));
  return pane;
}

/** The rows of a table as their cells' text, header row apart. */
function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent ?? ""),
    );
}

async function workloadTable(): Promise<HTMLElement> {
  return screen.findByRole("table", { name: "Workload of the territories under Region" });
}

describe("Balance", () => {
  test("finds the accounts table, maps its columns by their headers and shows each territory's imbalance", async () => {
    await openBalance(fixture());
    expect(await screen.findByRole("combobox", { name: "Accounts table" })).toHaveDisplayValue("Accounts");
    expect(screen.getByRole("combobox", { name: "Account column" })).toHaveDisplayValue("Account");
    expect(screen.getByRole("combobox", { name: "Territory column" })).toHaveDisplayValue("Territory");
    expect(screen.getByRole("combobox", { name: "Potential column" })).toHaveDisplayValue("Potential");
    expect(screen.getByRole("checkbox", { name: "Visits" })).toBeChecked();
    await waitFor(() =>
      expect(screen.getByRole("combobox", { name: "Balance the territories under" })).toHaveValue("Region (R)"),
    );
    expect(rowsOf(await workloadTable())).toEqual([
      ["North", "40.0", "133.3 %", "over"],
      ["South", "20.0", "66.7 %", "under"],
      ["East", "30.0", "100.0 %", ""],
    ]);
  });

  test("a driver's weight changes the workload", async () => {
    const { user } = await openBalance(fixture());
    await workloadTable();
    await user.type(screen.getByRole("textbox", { name: "Weight of Visits" }), "2");
    await waitFor(async () => expect(rowsOf(await workloadTable())[0]).toEqual(["North", "80.0", "133.3 %", "over"]));
  });

  test("suggest previews the moves with the balance before and after; apply writes them and shows the new balance", async () => {
    const workbook = fixture();
    const { user } = await openBalance(workbook);
    await workloadTable();
    await user.selectOptions(screen.getByRole("combobox", { name: "I am" }), "ann");
    await user.click(screen.getByRole("button", { name: "Suggest moves" }));

    expect(rowsOf(await screen.findByRole("table", { name: "Suggested moves" }))).toEqual([
      ["A1", "North", "South", "10.0"],
    ]);
    expect(screen.getByText("1 move brings every territory within ±5 % of the average")).toBeInTheDocument();
    expect(rowsOf(screen.getByRole("table", { name: "Balance before and after the moves" }))).toEqual([
      ["North", "30.0", "133.3 %", "100.0 %", ""],
      ["South", "30.0", "66.7 %", "100.0 %", ""],
      ["East", "30.0", "100.0 %", "100.0 %", ""],
    ]);
    expect(workbook.accountMoves).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Apply 1 move" }));
    expect(
      await screen.findByText("Moved 1 account; the accounts table and GU Audit are updated."),
    ).toBeInTheDocument();
    expect(workbook.accountMoves).toEqual([
      {
        ref: { table: "Accounts", idColumn: "Account", territoryColumn: "Territory" },
        moves: [{ account: "A1", from: "N", to: "S" }],
      },
    ]);
    expect(workbook.audit).toEqual([
      expect.objectContaining({
        user: "ann",
        node: "S",
        field: "account A1",
        oldValue: "N",
        newValue: "S",
        note: "Balanced",
      }),
    ]);
    await waitFor(async () =>
      expect(rowsOf(await workloadTable())).toEqual([
        ["North", "30.0", "100.0 %", ""],
        ["South", "30.0", "100.0 %", ""],
        ["East", "30.0", "100.0 %", ""],
      ]),
    );
    expect(screen.queryByRole("table", { name: "Suggested moves" })).not.toBeInTheDocument();
  });

  test("suggesting and applying work from the keyboard", async () => {
    const workbook = fixture();
    const { user } = await openBalance(workbook);
    await workloadTable();
    screen.getByRole("button", { name: "Suggest moves" }).focus();
    await user.keyboard("{Enter}");
    const apply = await screen.findByRole("button", { name: "Apply 1 move" });
    for (let presses = 0; presses < 30 && document.activeElement !== apply; presses++) await user.tab();
    expect(apply).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(await screen.findByText(/^Moved 1 account/)).toBeInTheDocument();
    expect(workbook.accountMoves).toHaveLength(1);
  });

  test("a move a co-author made meanwhile is refused with the account and row named", async () => {
    const workbook = fixture();
    const { user } = await openBalance(workbook);
    await workloadTable();
    await user.click(screen.getByRole("button", { name: "Suggest moves" }));
    await screen.findByRole("table", { name: "Suggested moves" });
    // A co-author moves A1 to East in the sheet before this user applies.
    workbook.tables.set("Accounts", accounts(ROWS.map((row, i) => (i === 1 ? ["A1", "E", 100, 10] : row))));

    await user.click(screen.getByRole("button", { name: "Apply 1 move" }));
    expect(await screen.findByText(/1 move was not made because the accounts table changed/)).toBeInTheDocument();
    const refused = screen.getByRole("list", { name: "Moves not made" });
    expect(refused).toHaveTextContent(
      'Account "A1" (row 2) is now in territory "E", not "N": someone changed it since it was read',
    );
    expect(workbook.audit).toEqual([]);
    // The table as the co-author left it is read again.
    expect(rowsOf(await workloadTable())[2]).toEqual(["East", "40.0", "133.3 %", "over"]);
  });

  test("bad account rows are listed with their rows and balancing waits for them", async () => {
    await openBalance(fixture([...ROWS, ["A10", "X9", 1, 1], ["A11", "E", 1, "many"]]));
    const problems = await screen.findByRole("group", { name: "Problems in the accounts table" });
    expect(problems).toHaveTextContent("2 rows of the accounts table have problems");
    expect(problems).toHaveTextContent('Territory "X9" of account "A10" (row 11) is not a node of the hierarchy');
    expect(problems).toHaveTextContent('Visits of account "A11" (row 12) must be a number, not "many"');
    expect(screen.getByRole("button", { name: "Suggest moves" })).toBeDisabled();
  });

  test("a failed write is named in the error bar and the preview stays", async () => {
    const workbook = fixture();
    workbook.failWith("moveAccounts", "The workbook is read-only");
    const { user } = await openBalance(workbook);
    await workloadTable();
    await user.click(screen.getByRole("button", { name: "Suggest moves" }));
    await user.click(await screen.findByRole("button", { name: "Apply 1 move" }));
    expect(await screen.findByText("Could not move the accounts")).toBeInTheDocument();
    expect(screen.getByText("The workbook is read-only")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Suggested moves" })).toBeInTheDocument();
  });

  test("over the in-memory workbook the workbench uses, apply rewrites the table's cells and the audit log", async () => {
    const workbook = await memoryPlan({
      nodes: [
        ["R", "", "Region", "ceo"],
        ["N", "R", "North", "ann"],
        ["S", "R", "South", "bob"],
        ["E", "R", "East", "eve"],
      ],
    });
    const cells = workbook.workbook;
    cells.addSheet("Clients");
    const range = { sheet: "Clients", row: 0, col: 0, rowCount: ROWS.length, colCount: 4 };
    cells.write(
      range,
      ROWS.map((row) => row.map((cell) => cell as string | number)),
    );
    cells.addTable("Accounts", range);

    const { user } = renderTaskPane(workbook);
    await user.click(await screen.findByRole("tab", { name: "Balance" }));
    await workloadTable();
    await user.click(screen.getByRole("button", { name: "Suggest moves" }));
    await user.click(await screen.findByRole("button", { name: "Apply 1 move" }));
    await screen.findByText(/^Moved 1 account/);
    expect(cells.value("Clients", 1, 1)).toBe("S");
    expect((await workbook.readAudit()).at(-1)).toMatchObject({ field: "account A1", oldValue: "N", newValue: "S" });
    await waitFor(async () => expect(rowsOf(await workloadTable())[0]).toEqual(["North", "30.0", "100.0 %", ""]));
  });

  test("the weights, table and band the plan keeps are where the view starts; keeping changed ones saves them with an audit row each", async () => {
    const workbook = fixture([
      ["Account", "Territory", "Potential", "Visits", "Hours"],
      ...ROWS.slice(1).map((row) => [...row, 1]),
    ]);
    const plan = workbook.plan!;
    workbook.plan = {
      ...plan,
      settings: {
        ...plan.settings,
        balancing: { accountsTable: "Accounts", weights: [{ driver: "Visits", weight: 2 }], band: 0.1 },
      },
    };
    const { user } = await openBalance(workbook);
    // Kept: Visits weighs 2, Hours is no driver, the band is ±10 %.
    await waitFor(async () => expect(rowsOf(await workloadTable())[0]).toEqual(["North", "80.0", "133.3 %", "over"]));
    expect(screen.getByRole("checkbox", { name: "Visits" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Hours" })).not.toBeChecked();
    expect(screen.getByRole("textbox", { name: "Weight of Visits" })).toHaveValue("2");
    expect(screen.getByRole("textbox", { name: "Band around the average (%)" })).toHaveValue("10");
    const keep = screen.getByRole("button", { name: "Keep these settings for the plan" });
    expect(keep).toBeDisabled();

    await user.selectOptions(screen.getByRole("combobox", { name: "I am" }), "ann");
    await user.clear(screen.getByRole("textbox", { name: "Band around the average (%)" }));
    await user.type(screen.getByRole("textbox", { name: "Band around the average (%)" }), "8");
    expect(screen.getByText(/^Not kept for the plan yet/)).toBeInTheDocument();
    await user.click(keep);
    await screen.findByText(/^Kept for the plan/);
    expect(workbook.plan?.settings.balancing).toEqual({
      accountsTable: "Accounts",
      weights: [{ driver: "Visits", weight: 2 }],
      band: 0.08,
    });
    expect(workbook.audit.at(-1)).toMatchObject({
      user: "ann",
      field: "setting balanceBand",
      oldValue: "0.1",
      newValue: "0.08",
    });
    expect(screen.getByRole("button", { name: "Keep these settings for the plan" })).toBeDisabled();
  });
});
