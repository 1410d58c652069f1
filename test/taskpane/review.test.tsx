/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane, type RenderedPane } from "./support/renderTaskPane";

jest.setTimeout(120000);

function teamPlan(): FakePlanWorkbook {
  return new FakePlanWorkbook(
    makePlan({
      nodes: [
        ["W", "", "World", "Cara"],
        ["NORTH", "W", "North", "Ann"],
        ["SOUTH", "W", "South", "Ann"],
        ["EAST", "W", "East", "Bob"],
        ["WEST", "W", "West", "Dan"],
        ["N1", "NORTH", "North 1", "Eve"],
      ],
      entries: {
        NORTH: [[100, 200], "Submitted", "Solid pipeline"],
        SOUTH: [[50, 60], "Submitted"],
        EAST: [[10, null], "Draft"],
        WEST: [[5, 5], "Approved"],
      },
    }),
  );
}

async function openReviewAs(workbook: FakePlanWorkbook, manager: string): Promise<RenderedPane> {
  window.localStorage.setItem(OWNER_STORAGE_KEY, manager);
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: "Review" }));
  return pane;
}

function card(name: string): HTMLElement {
  return within(screen.getByRole("list", { name: "Submissions to review" })).getByRole("group", { name });
}

beforeEach(() => window.localStorage.clear());

/** World (Cara) and 60 stores below it, each submitted by its own owner. */
function manySubmissionsPlan(): FakePlanWorkbook {
  const stores = Array.from({ length: 60 }, (_, i): [string, string, string, string] => {
    const n = String(i + 1).padStart(2, "0");
    return [`S${n}`, "W", `Store ${n}`, `owner ${n}`];
  });
  const entries = Object.fromEntries(
    stores.map(([id]): [string, [[number, number], "Submitted"]] => [id, [[10, 20], "Submitted"]]),
  );
  return new FakePlanWorkbook(makePlan({ nodes: [["W", "", "World", "Cara"], ...stores], entries }));
}

describe("Review", () => {
  test("many submissions come 25 at a time, one is found by name, and select all approves every one", async () => {
    const workbook = manySubmissionsPlan();
    const { user } = await openReviewAs(workbook, "Cara");
    const drawn = (): number =>
      within(screen.getByRole("list", { name: "Submissions to review" })).getAllByRole("listitem").length;
    expect(drawn()).toBe(25);
    // The 60 stores and World, which Cara signs off once they are approved.
    expect(screen.getByText("25 of 61 submissions shown")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show 25 more" }));
    expect(drawn()).toBe(50);

    await user.type(screen.getByRole("searchbox", { name: "Find a submission" }), "store 07");
    await waitFor(() => expect(drawn()).toBe(1));
    expect(card("Store 07")).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Select all submitted" }));
    await user.click(screen.getByRole("button", { name: "Approve selected (60)" }));
    await waitFor(() => expect(workbook.saved).toHaveLength(1));
    expect(workbook.saved[0].changes).toHaveLength(60);
    expect(workbook.saved[0].changes.every((change) => change.next.status === "Approved")).toBe(true);
  });

  test("shows the nodes I review with their status, values and comments, then my top node to approve", async () => {
    await openReviewAs(teamPlan(), "Cara");

    const cards = within(screen.getByRole("list", { name: "Submissions to review" })).getAllByRole("listitem");
    expect(cards.map((item) => within(item).getAllByRole("group")[0].getAttribute("aria-label"))).toEqual([
      "North",
      "South",
      "East",
      "West",
      "World",
    ]);
    expect(within(card("World")).getByText("Your top node: approving it closes the plan")).toBeInTheDocument();
    const north = card("North");
    expect(within(north).getByText("Submitted")).toBeInTheDocument();
    expect(within(north).getByText("Own adjustment: Q1 2027 100 · Q2 2027 200")).toBeInTheDocument();
    expect(within(north).getByText("Comment: Solid pipeline")).toBeInTheDocument();
    expect(within(card("East")).getByText("Entered: Q1 2027 10 · Q2 2027 —")).toBeInTheDocument();
  });

  test.each([
    ["North", ["Approve", "Return…"]],
    ["East", []],
    ["West", ["Return…", "Reopen"]],
  ])("%s offers the actions its status allows a manager", async (name, buttons) => {
    await openReviewAs(teamPlan(), "Cara");
    const actions = within(card(name))
      .queryAllByRole("button")
      .map((button) => button.textContent);
    expect(actions).toEqual(buttons);
  });

  test("returning needs a reason: confirm stays disabled until one is typed", async () => {
    const workbook = teamPlan();
    const { user } = await openReviewAs(workbook, "Cara");

    await user.click(within(card("North")).getByRole("button", { name: "Return North" }));
    const dialog = await screen.findByRole("dialog", { name: "Return North" });
    const confirm = within(dialog).getByRole("button", { name: "Return" });
    expect(confirm).toBeDisabled();

    const reason = within(dialog).getByRole("textbox", { name: /Reason/ });
    await user.type(reason, "   ");
    expect(confirm).toBeDisabled();
    await user.tab();
    expect(reason).toHaveAccessibleDescription("Give a reason for returning these targets");

    await user.clear(reason);
    await user.type(reason, "Q2 looks low");
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    await waitFor(() => expect(workbook.saved).toHaveLength(1));
    const [{ changes, audit }] = workbook.saved;
    expect(changes.map((change) => change.next)).toEqual([
      expect.objectContaining({ id: "NORTH", status: "Returned", returnReason: "Q2 looks low", updatedBy: "Cara" }),
    ]);
    expect(changes[0].expected).toMatchObject({
      id: "NORTH",
      status: "Submitted",
      updatedAt: "2027-01-05T10:00:00.000Z",
    });
    expect(audit.map((entry) => [entry.field, entry.newValue])).toEqual([
      ["status", "Returned"],
      ["return reason", "Q2 looks low"],
    ]);
    expect(await screen.findByText("Returned North")).toBeInTheDocument();
  });

  test("Cancel closes the return dialog without saving", async () => {
    const workbook = teamPlan();
    const { user } = await openReviewAs(workbook, "Cara");

    await user.click(within(card("South")).getByRole("button", { name: "Return South" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Cancel" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(workbook.saved).toEqual([]);
  });

  test("several submissions are approved at once, in one save", async () => {
    const workbook = teamPlan();
    const { user } = await openReviewAs(workbook, "Cara");

    expect(within(card("East")).getByRole("checkbox", { name: "East" })).toBeDisabled();
    await user.click(within(card("North")).getByRole("checkbox", { name: "North" }));
    await user.click(within(card("South")).getByRole("checkbox", { name: "South" }));
    await user.click(screen.getByRole("button", { name: "Approve selected (2)" }));

    await screen.findByText("Approved North and South");
    expect(workbook.saved).toHaveLength(1);
    expect(
      workbook.saved[0].changes.map((change) => [change.next.id, change.next.status, change.expected?.status]),
    ).toEqual([
      ["NORTH", "Approved", "Submitted"],
      ["SOUTH", "Approved", "Submitted"],
    ]);
    expect(within(card("North")).getByText("Approved")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Approve selected (0)" })).toBeDisabled();
  });

  test("select all picks every submission that can be approved", async () => {
    const { user } = await openReviewAs(teamPlan(), "Cara");

    await user.click(screen.getByRole("checkbox", { name: "Select all submitted" }));
    expect(screen.getByRole("button", { name: "Approve selected (2)" })).toBeEnabled();
    expect(within(card("North")).getByRole("checkbox", { name: "North" })).toBeChecked();
    expect(within(card("South")).getByRole("checkbox", { name: "South" })).toBeChecked();
  });
});

/** Company (Vera) > South (Bob) > Coast (Alice) > Bay (Rita), Harbour (Alice): a region, its territory and reps. */
function regionPlan(): FakePlanWorkbook {
  return new FakePlanWorkbook(
    makePlan({
      nodes: [
        ["CO", "", "Company", "Vera"],
        ["S", "CO", "South", "Bob"],
        ["C", "S", "Coast", "Alice"],
        ["B", "C", "Bay", "Rita"],
        ["H", "C", "Harbour", "Alice"],
        ["I", "S", "Inland", "Ian"],
      ],
      entries: {
        C: [[10, null], "Submitted", "Port deal"],
        B: [[100, 100], "Approved"],
        H: [[50, 50], "Submitted"],
        I: [[300, 300], "Submitted"],
      },
      topDown: { C: [160, 200], I: [300, 300] },
    }),
  );
}

describe("Review across levels", () => {
  test("a territory's card shows its team total, its top-down and the gap per period", async () => {
    await openReviewAs(regionPlan(), "Bob");
    // Bob reviews Coast, and Harbour past Alice (she owns Coast too), and Inland.
    const cards = within(screen.getByRole("list", { name: "Submissions to review" })).getAllByRole("listitem");
    expect(cards.map((item) => within(item).getAllByRole("group")[0].getAttribute("aria-label"))).toEqual([
      "Coast",
      "Harbour",
      "Inland",
    ]);
    const table = within(card("Coast")).getByRole("table", { name: "Coast: team total against top-down" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ["Q1 2027", "160", "160 allocated", "0"],
      ["Q2 2027", "150", "200 allocated", "-50 outside tolerance"],
    ]);
    expect(within(card("Coast")).getByText("Own adjustment: Q1 2027 10 · Q2 2027 —")).toBeInTheDocument();
    expect(within(card("Coast")).getByText("Comment: Port deal")).toBeInTheDocument();
  });

  test("approve all within tolerance approves only the submissions whose gap is inside it, in one save", async () => {
    const workbook = regionPlan();
    const { user } = await openReviewAs(workbook, "Bob");
    // Coast is 50 short in Q2; Harbour's suggested share of Coast's target (53 of 160) is more than 5 % above
    // its 50; Inland meets its 300 in both quarters.
    await user.click(screen.getByRole("button", { name: "Approve all within tolerance (1)" }));
    await screen.findByText("Approved Inland");
    expect(workbook.saved).toHaveLength(1);
    expect(workbook.saved[0].changes.map((change) => [change.next.id, change.next.status])).toEqual([
      ["I", "Approved"],
    ]);
  });

  test("a submission typed over in the sheet after it was submitted is flagged as changed outside Groundup", async () => {
    const workbook = regionPlan();
    const at = "2027-01-04T09:00:00.000Z";
    workbook.audit.push(
      { time: at, user: "Ian", node: "I", field: "Q1 2027", oldValue: "", newValue: "250", note: "Submitted" },
      { time: at, user: "Ian", node: "I", field: "Q2 2027", oldValue: "", newValue: "300", note: "Submitted" },
      {
        time: at,
        user: "Ian",
        node: "I",
        field: "status",
        oldValue: "Draft",
        newValue: "Submitted",
        note: "Submitted",
      },
    );
    await openReviewAs(workbook, "Bob");
    expect(await within(card("Inland")).findByText("Changed outside Groundup: Q1 2027 250 → 300")).toBeInTheDocument();
    expect(within(card("Coast")).queryByText(/Changed outside Groundup/)).not.toBeInTheDocument();
  });
});
