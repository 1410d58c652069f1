/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { NodeEntry, Plan } from "../../../src/core/plan/types";
import { OWNER_STORAGE_KEY } from "../../../src/taskpane/hooks/useRememberedOwner";
import { MemoryPlanWorkbook } from "../../../src/workbook/memory/MemoryPlanWorkbook";
import { renderTaskPane, type RenderedPane } from "../support/renderTaskPane";
import { SETTINGS } from "../../support/plan";

jest.setTimeout(120000);

/** World (Cara) above North (Ann); North holds a draft of 100 / 100. */
async function sharedWorkbook(): Promise<MemoryPlanWorkbook> {
  const workbook = new MemoryPlanWorkbook();
  await workbook.writePlan({
    settings: SETTINGS,
    nodes: [
      { id: "W", parent: "", name: "World", owner: "Cara", attributes: {} },
      { id: "N", parent: "W", name: "North", owner: "Ann", attributes: {} },
    ],
  });
  await coAuthor(workbook, { values: [100, 100], status: "Draft", comment: "first" }, "Ann");
  return workbook;
}

async function northIn(workbook: MemoryPlanWorkbook): Promise<NodeEntry> {
  return ((await workbook.readPlan()) as Plan).entries.get("N") as NodeEntry;
}

/** Someone else saves North in the shared workbook, as their own task pane would. */
async function coAuthor(workbook: MemoryPlanWorkbook, change: Partial<NodeEntry>, user: string): Promise<NodeEntry> {
  const read = await northIn(workbook);
  const next = { ...read, ...change, updatedAt: new Date(Date.now() + 1000).toISOString(), updatedBy: user };
  const result = await workbook.saveEntries([{ expected: read, next }], []);
  if (!result.ok) throw new Error("co-author's save conflicted");
  return next;
}

async function openAs(workbook: MemoryPlanWorkbook, owner: string, tab: string): Promise<RenderedPane> {
  window.localStorage.setItem(OWNER_STORAGE_KEY, owner);
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: tab }));
  return pane;
}

function field(label: string): HTMLElement {
  return within(screen.getByRole("group", { name: "North" })).getByRole("textbox", { name: label });
}

/** Ann types 300 for Q1 and a comment, then Bob saves his version before she does. */
async function annTypesWhileBobSaves(): Promise<{ workbook: MemoryPlanWorkbook; pane: RenderedPane }> {
  const workbook = await sharedWorkbook();
  const pane = await openAs(workbook, "Ann", "My targets");
  await pane.user.clear(field("Q1 2027 (EUR)"));
  await pane.user.type(field("Q1 2027 (EUR)"), "300");
  await pane.user.clear(field("Comment"));
  await pane.user.type(field("Comment"), "mine");
  await coAuthor(workbook, { values: [100, 250], comment: "theirs" }, "Bob");
  await pane.user.click(
    within(screen.getByRole("group", { name: "North" })).getByRole("button", { name: "Save draft" }),
  );
  await screen.findByRole("dialog", { name: "Someone else changed these targets" });
  return { workbook, pane };
}

function cells(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .map((row) =>
      within(row)
        .queryAllByRole("cell")
        .map((cell) => cell.textContent ?? ""),
    )
    .filter((row) => row.length > 0);
}

/** Closed, and the pane behind it reachable again (Fluent hides it from assistive tech while open). */
async function dialogClosed(): Promise<void> {
  await waitFor(() => {
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("group", { name: "North" })).toBeInTheDocument();
  });
}

beforeEach(() => window.localStorage.clear());

describe("a save someone else overtook", () => {
  test("shows both versions side by side per period, status and comment; nothing is saved yet", async () => {
    const { workbook } = await annTypesWhileBobSaves();
    const table = screen.getByRole("table", { name: "North: yours and theirs" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["", "Yours", "Theirs"]);
    expect(screen.getByText("Theirs: last saved by Bob")).toBeInTheDocument();
    expect(cells(table).map((row) => row.slice(0, 3))).toEqual([
      ["Q1 2027", "300", "100"],
      ["Q2 2027", "100", "250"],
      ["Status", "Draft", "Draft"],
      ["Comment: both changed, choose", "mine", "theirs"],
    ]);
    expect(await northIn(workbook)).toMatchObject({ values: [100, 250], comment: "theirs", updatedBy: "Bob" });
  });

  test("deciding later keeps my unsaved entries in the form", async () => {
    const { pane } = await annTypesWhileBobSaves();
    await pane.user.click(screen.getByRole("button", { name: "Decide later" }));
    await dialogClosed();
    expect(field("Q1 2027 (EUR)")).toHaveValue("300");
    expect(field("Comment")).toHaveValue("mine");
    expect(
      within(screen.getByRole("group", { name: "North" })).getByText(/Someone else changed North/),
    ).toBeInTheDocument();
  });

  test("keep all mine saves my version over theirs, audited from theirs", async () => {
    const { workbook, pane } = await annTypesWhileBobSaves();
    await pane.user.click(screen.getByRole("button", { name: "Keep all mine" }));
    await dialogClosed();
    expect(await northIn(workbook)).toMatchObject({ values: [300, 100], comment: "mine", updatedBy: "Ann" });
    const audit = await workbook.readAudit();
    expect(audit.map((entry) => [entry.field, entry.oldValue, entry.newValue])).toEqual([
      ["Q1 2027", "100", "300"],
      ["Q2 2027", "250", "100"],
      ["comment", "theirs", "mine"],
    ]);
    expect(await screen.findByText("Saved as draft")).toBeInTheDocument();
    expect(field("Q1 2027 (EUR)")).toHaveValue("300");
  });

  test("take theirs discards mine and shows their version", async () => {
    const { workbook, pane } = await annTypesWhileBobSaves();
    await pane.user.click(screen.getByRole("button", { name: "Take theirs" }));
    await waitFor(() => expect(field("Q1 2027 (EUR)")).toHaveValue("100"));
    expect(field("Q2 2027 (EUR)")).toHaveValue("250");
    expect(field("Comment")).toHaveValue("theirs");
    expect(await northIn(workbook)).toMatchObject({ values: [100, 250], updatedBy: "Bob" });
    expect(await workbook.readAudit()).toEqual([]);
  });

  test("three-way defaults: only theirs changed keeps theirs, only mine keeps mine, both changed must be chosen", async () => {
    const { workbook, pane } = await annTypesWhileBobSaves();
    // Both started from 100 / 100, "first": Ann changed Q1, Bob changed Q2, both changed the comment.
    expect(screen.getByRole("radio", { name: "Yours for Q1 2027: 300" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Theirs for Q2 2027: 250" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Yours for Comment: mine" })).not.toBeChecked();
    expect(screen.getByRole("radio", { name: "Theirs for Comment: theirs" })).not.toBeChecked();
    const save = screen.getByRole("button", { name: "Save merged" });
    expect(save).toBeDisabled();
    await pane.user.click(screen.getByRole("radio", { name: "Theirs for Comment: theirs" }));
    expect(save).toBeEnabled();
    await pane.user.click(save);
    await dialogClosed();
    expect(await northIn(workbook)).toMatchObject({ values: [300, 250], comment: "theirs", updatedBy: "Ann" });
    await waitFor(() => expect(field("Q2 2027 (EUR)")).toHaveValue("250"));
  });

  test("if they change it again while I choose, the dialog shows their newest version to choose from", async () => {
    const { workbook, pane } = await annTypesWhileBobSaves();
    await coAuthor(workbook, { values: [100, 275] }, "Bob");
    await pane.user.click(screen.getByRole("button", { name: "Keep all mine" }));
    expect(
      await screen.findByText("They changed it again while you were choosing; this is their newest version"),
    ).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "North: yours and theirs" });
    expect(cells(table)[1].slice(0, 3)).toEqual(["Q2 2027", "100", "275"]);
    await pane.user.click(screen.getByRole("button", { name: "Keep all mine" }));
    await dialogClosed();
    expect(await northIn(workbook)).toMatchObject({ values: [300, 100], updatedBy: "Ann" });
  });

  test("an approval made meanwhile can't be overwritten: keep mine is refused with the reason", async () => {
    const workbook = await sharedWorkbook();
    const pane = await openAs(workbook, "Ann", "My targets");
    await pane.user.clear(field("Q1 2027 (EUR)"));
    await pane.user.type(field("Q1 2027 (EUR)"), "300");
    await coAuthor(workbook, { status: "Submitted" }, "Ann");
    await coAuthor(workbook, { status: "Approved" }, "Cara");
    await pane.user.click(
      within(screen.getByRole("group", { name: "North" })).getByRole("button", { name: "Save draft" }),
    );
    const dialog = await screen.findByRole("dialog");
    expect(
      within(dialog).getByText("These targets are approved and locked; ask your manager to reopen them"),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Keep all mine" })).toBeDisabled();
    expect(within(dialog).getByRole("button", { name: "Save merged" })).toBeDisabled();
  });
});

describe("the user's unsaved entries survive every conflict", () => {
  test.each<[string, (workbook: MemoryPlanWorkbook) => Promise<void>]>([
    [
      "a co-author changed the values",
      async (workbook) => {
        await coAuthor(workbook, { values: [100, 250], comment: "theirs" }, "Bob");
      },
    ],
    [
      "the manager returned it",
      async (workbook) => {
        await coAuthor(workbook, { status: "Submitted" }, "Ann");
        await coAuthor(workbook, { status: "Returned", returnReason: "Too low" }, "Cara");
      },
    ],
    [
      "the manager approved it",
      async (workbook) => {
        await coAuthor(workbook, { status: "Submitted" }, "Ann");
        await coAuthor(workbook, { status: "Approved" }, "Cara");
      },
    ],
    [
      "a co-author removed the node from the plan",
      async (workbook) => {
        const plan = (await workbook.readPlan()) as Plan;
        await workbook.writePlan({
          settings: plan.settings,
          nodes: [
            ...plan.nodes.filter((node) => node.id !== "N"),
            { id: "S", parent: "W", name: "South", owner: "Ann", attributes: {} },
          ],
        });
      },
    ],
  ])("when %s, deciding later keeps the typed value and comment in the form", async (_what, change) => {
    const workbook = await sharedWorkbook();
    const pane = await openAs(workbook, "Ann", "My targets");
    await pane.user.clear(field("Q1 2027 (EUR)"));
    await pane.user.type(field("Q1 2027 (EUR)"), "300");
    await pane.user.clear(field("Comment"));
    await pane.user.type(field("Comment"), "mine");
    await change(workbook);
    await pane.user.click(
      within(screen.getByRole("group", { name: "North" })).getByRole("button", { name: "Save draft" }),
    );
    await screen.findByRole("dialog", { name: "Someone else changed these targets" });
    await pane.user.click(screen.getByRole("button", { name: "Decide later" }));
    await dialogClosed();
    expect(field("Q1 2027 (EUR)")).toHaveValue("300");
    expect(field("Comment")).toHaveValue("mine");
  });
});

describe("an approval someone else overtook", () => {
  test("the manager sees the resubmission, and keeping their approval approves the newest values", async () => {
    const workbook = await sharedWorkbook();
    await coAuthor(workbook, { status: "Submitted" }, "Ann");
    const pane = await openAs(workbook, "Cara", "Review");
    await coAuthor(workbook, { values: [150, 100], status: "Submitted" }, "Ann");

    await pane.user.click(screen.getByRole("button", { name: "Approve North" }));
    const dialog = await screen.findByRole("dialog", { name: "Someone else changed these targets" });
    expect(cells(within(dialog).getByRole("table", { name: "North: yours and theirs" }))[0]).toEqual([
      "Q1 2027",
      "100",
      "150",
    ]);
    expect(within(dialog).queryByRole("button", { name: "Save merged" })).not.toBeInTheDocument();
    expect((await northIn(workbook)).status).toBe("Submitted");

    await pane.user.click(within(dialog).getByRole("button", { name: "Keep mine" }));
    await dialogClosed();
    expect(await northIn(workbook)).toMatchObject({ values: [150, 100], status: "Approved", updatedBy: "Cara" });
  });
});
