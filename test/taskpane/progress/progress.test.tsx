/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { DASHBOARD_CHARTS, DASHBOARD_SHEET } from "../../../src/core/progress/dashboard";
import { ProgressView } from "../../../src/taskpane/views/progress/ProgressView";
import type { MemoryPlanWorkbook } from "../../../src/workbook/memory/MemoryPlanWorkbook";
import { memoryPlan, renderView, type RenderedView } from "../reconcile/harness";

jest.setTimeout(60000);

/** Deadline 2027-01-31. World (ceo) > Europe (ann) > Germany (ann), France (bob); World > USA (bob) > Mexico (nobody). */
function teamPlan(): Promise<MemoryPlanWorkbook> {
  return memoryPlan({
    nodes: [
      ["W", "", "World", "ceo"],
      ["EU", "W", "Europe", "ann"],
      ["DE", "EU", "Germany", "ann"],
      ["FR", "EU", "France", "bob"],
      ["US", "W", "USA", "bob"],
      ["MX", "US", "Mexico", ""],
    ],
    entries: {
      EU: [[300, 300], "Submitted"],
      DE: [[100, 120], "Draft"],
      FR: [[50, 40], "Returned", "Q2 too low"],
      US: [[200, 220], "Approved"],
    },
    topDown: { W: [700, 700] },
  });
}

/** A root (ceo) and 300 nodes below it, each with an owner of its own ("owner 001"...), nothing submitted. */
function manyOwnersPlan(owner = (n: string): string => `owner ${n}`): Promise<MemoryPlanWorkbook> {
  const leaves = Array.from({ length: 300 }, (_, i): [string, string, string, string] => {
    const n = String(i + 1).padStart(3, "0");
    return [`N${n}`, "W", `Node ${n}`, owner(n)];
  });
  return memoryPlan({ nodes: [["W", "", "World", "ceo"], ...leaves] });
}

function openProgress(workbook: MemoryPlanWorkbook, today = "2027-02-03"): RenderedView {
  return renderView(workbook, (pane) => <ProgressView {...pane} locale="en-US" today={today} />);
}

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

/** "1 (50.0 %)" per status: Not started, Draft, Submitted, Approved, Returned. */
function counts(total: number, ...perStatus: number[]): string[] {
  return [String(total), ...perStatus.map((n) => `${n} (${((n / total) * 100).toFixed(1)} %)`)];
}

const REMINDER = [
  "Reminder: the Revenue targets for FY27 were due on 2027-01-31. These still wait for you:",
  "",
  "ann:",
  "- Germany (DE), draft",
  "",
  "bob:",
  "- France (FR), returned: Q2 too low",
  "",
  "ceo:",
  "- Europe (EU), submitted to you: approve or return it",
  "",
  "Please act on them in the Groundup add-in as soon as you can. Thank you!",
].join("\n");

function mockClipboard(writeText: (text: string) => Promise<void>): jest.Mock {
  const mock = jest.fn(writeText);
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: mock } });
  return mock;
}

describe("Progress", () => {
  test("counts the owned nodes per status and their share, per level and overall (Mexico has no owner)", async () => {
    openProgress(await teamPlan());
    const table = await screen.findByRole("table", { name: "Status by level" });
    expect(rowsOf(table)).toEqual([
      ["Level 1", ...counts(1, 1, 0, 0, 0, 0)],
      ["Level 2", ...counts(2, 0, 0, 1, 1, 0)],
      ["Level 3", ...counts(2, 0, 1, 0, 0, 1)],
      ["All nodes", ...counts(5, 1, 1, 1, 1, 1)],
    ]);
  });

  test("counts the nodes per status per owner; nodes nobody owns are passed through", async () => {
    openProgress(await teamPlan());
    expect(rowsOf(await screen.findByRole("table", { name: "Status by owner" }))).toEqual([
      ["ann", ...counts(2, 0, 1, 1, 0, 0)],
      ["bob", ...counts(2, 0, 0, 0, 1, 1)],
      ["ceo", ...counts(1, 1, 0, 0, 0, 0)],
    ]);
  });

  test("with hundreds of owners, draws only the owners' rows in view and finds an owner by name", async () => {
    const { user } = openProgress(await manyOwnersPlan());
    const table = await screen.findByRole("table", { name: "Status by owner" });
    // Every owner is in the table for assistive tech; only a screenful of rows is drawn.
    expect(table).toHaveAttribute("aria-rowcount", "302");
    const drawn = rowsOf(table);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn[0]).toEqual(["ceo", ...counts(1, 1, 0, 0, 0, 0)]);

    const search = screen.getByRole("searchbox", { name: "Find an owner" });
    await user.type(search, "OWNER 250");
    await waitFor(() =>
      expect(rowsOf(screen.getByRole("table", { name: "Status by owner" }))).toEqual([
        ["owner 250", ...counts(1, 1, 0, 0, 0, 0)],
      ]),
    );
    await user.clear(search);
    await user.type(search, "nobody");
    expect(await screen.findByText('No owner\'s name contains "nobody"')).toBeInTheDocument();
  });

  test("hundreds of late owners are listed 25 at a time, found by name, and all reminded", async () => {
    const { user } = openProgress(await manyOwnersPlan());
    const writeText = mockClipboard(async () => undefined);
    const lateListed = (): number =>
      within(screen.getByRole("list", { name: "Late owners" })).getAllByRole("list").length;
    expect(
      await screen.findByText("The deadline was 2027-01-31; 300 owners have not submitted everything"),
    ).toBeInTheDocument();
    expect(lateListed()).toBe(25);
    expect(screen.getByText("25 of 300 late owners shown")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show 25 more" }));
    expect(lateListed()).toBe(50);

    await user.type(screen.getByRole("searchbox", { name: "Find a late owner" }), "owner 299");
    expect(await screen.findByRole("list", { name: "Late nodes of owner 299" })).toHaveTextContent("Node 299 (N299)");
    expect(lateListed()).toBe(1);

    // The reminder is for every late owner, not only those listed.
    await user.click(screen.getByRole("button", { name: "Copy reminder" }));
    const reminder = writeText.mock.calls[0][0];
    expect(reminder).toContain("owner 001:");
    expect(reminder).toContain("owner 300:");
  });

  test("late owners too many for an e-mail link get their addresses to copy instead", async () => {
    const { user } = openProgress(await manyOwnersPlan((n) => `owner${n}@example.com`));
    const writeText = mockClipboard(async () => undefined);
    expect(await screen.findByText(/^300 addresses are too many for an e-mail link/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "E-mail the late owners" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Copy their addresses" }));

    const addresses = (writeText.mock.calls[0][0] as string).split("; ");
    expect(addresses).toHaveLength(300);
    expect(addresses[0]).toBe("owner001@example.com");
    expect(await screen.findByText("Copied 300 addresses; paste them into a new mail's To or Bcc")).toBeInTheDocument();
  });

  test("lists the owners late against the deadline with their open nodes", async () => {
    openProgress(await teamPlan());
    expect(
      await screen.findByText("The deadline was 2027-01-31; 3 owners have not submitted everything"),
    ).toBeInTheDocument();
    const late = screen.getByRole("list", { name: "Late owners" });
    expect(
      within(late)
        .getAllByRole("list")
        .map((list) => list.getAttribute("aria-label")),
    ).toEqual(["Late nodes of ann", "Late nodes of bob", "Late nodes of ceo"]);
    const bob = within(screen.getByRole("list", { name: "Late nodes of bob" })).getByRole("listitem");
    expect(bob).toHaveTextContent("France (FR)ReturnedReturned: Q2 too low");
  });

  test("before the deadline nobody is late and there is no reminder to copy", async () => {
    openProgress(await teamPlan(), "2027-01-31");
    expect(await screen.findByText("The deadline is 2027-01-31; nobody is late yet")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Late owners" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Copy reminder" })).toBeDisabled();
  });

  test("Copy reminder puts a message naming each late owner's nodes on the clipboard", async () => {
    const { user } = openProgress(await teamPlan());
    const writeText = mockClipboard(async () => undefined);

    await user.click(await screen.findByRole("button", { name: "Copy reminder" }));

    expect(writeText).toHaveBeenCalledWith(REMINDER);
    expect(await screen.findByText("Copied a reminder to 3 owners; paste it into a mail or chat")).toBeInTheDocument();
  });

  test("when the clipboard is refused, the reminder is shown to copy by hand", async () => {
    const { user } = openProgress(await teamPlan());
    mockClipboard(() => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")));

    await user.click(await screen.findByRole("button", { name: "Copy reminder" }));

    expect(
      await screen.findByText("The clipboard can't be used here; select the reminder below and copy it"),
    ).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Reminder" })).toHaveValue(REMINDER);
  });

  test("inserts the dashboard with its charts into the workbook, then refreshes it for another node", async () => {
    const workbook = await teamPlan();
    const { user } = openProgress(workbook);
    await user.selectOptions(await screen.findByRole("combobox", { name: "Period" }), "Q1 2027");

    await user.click(screen.getByRole("button", { name: "Insert dashboard" }));

    expect(await screen.findByText(`Inserted the dashboard on sheet "${DASHBOARD_SHEET}"`)).toBeInTheDocument();
    expect(workbook.workbook.charts().map((chart) => [chart.sheet, chart.name, chart.type, chart.title])).toEqual([
      [DASHBOARD_SHEET, DASHBOARD_CHARTS.targets, "columnClustered", "Top-down vs bottom-up below World, Q1 2027"],
      [DASHBOARD_SHEET, DASHBOARD_CHARTS.status, "barClustered", "Submission status of FY27"],
    ]);
    expect(workbook.workbook.cell(DASHBOARD_SHEET, 4, 0)).toEqual({ value: "EU" });

    const picker = screen.getByRole("combobox", { name: "Chart the nodes below" });
    expect(picker).toHaveValue("World (W)");
    await user.clear(picker);
    await user.type(picker, "eu");
    await user.click(await screen.findByRole("option", { name: "Europe (EU)" }));
    await user.click(screen.getByRole("button", { name: "Refresh dashboard" }));

    expect(await screen.findByText(`Refreshed the dashboard on sheet "${DASHBOARD_SHEET}"`)).toBeInTheDocument();
    await waitFor(() =>
      expect(workbook.workbook.charts().map((chart) => chart.title)).toEqual([
        "Top-down vs bottom-up below Europe, Q1 2027",
        "Submission status of FY27",
      ]),
    );
    expect(workbook.workbook.cell(DASHBOARD_SHEET, 4, 0)).toEqual({ value: "DE" });
  });

  test("with a place column, adds Excel's filled map of the countries when asked, and not otherwise", async () => {
    const workbook = await memoryPlan({
      nodes: [
        ["W", "", "World", "ceo"],
        ["DE", "W", "Germany", "ann"],
        ["FR", "W", "France", "bob"],
      ],
      entries: { DE: [[100, 120], "Draft"], FR: [[50, 40], "Submitted"] },
      topDown: { W: [200, 200] },
      attributes: { DE: { Country: "Germany" }, FR: { Country: "FR" } },
    });
    const { user } = openProgress(workbook);
    const filledMap = await screen.findByRole("checkbox", { name: /^With Excel's filled map of the countries/ });
    expect(filledMap).not.toBeChecked();
    await user.click(screen.getByRole("button", { name: "Insert dashboard" }));
    await screen.findByText(`Inserted the dashboard on sheet "${DASHBOARD_SHEET}"`);
    expect(workbook.workbook.charts().map((chart) => chart.name)).not.toContain(DASHBOARD_CHARTS.map);

    await user.click(filledMap);
    await user.click(screen.getByRole("button", { name: "Refresh dashboard" }));
    await waitFor(() =>
      expect(workbook.workbook.charts().find((chart) => chart.name === DASHBOARD_CHARTS.map)).toMatchObject({
        type: "regionMap",
        mapLevel: "Country",
        title: "Variance % by region, all periods",
      }),
    );
    // The region table the chart plots: by name, as Excel's map chart looks them up.
    expect([16, 17].map((row) => workbook.workbook.cell(DASHBOARD_SHEET, row, 0)?.value)).toEqual([
      "France",
      "Germany",
    ]);
  });
});
