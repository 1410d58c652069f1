/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane, type RenderedPane } from "./support/renderTaskPane";

jest.setTimeout(120000);

function salesPlan(): FakePlanWorkbook {
  return new FakePlanWorkbook(
    makePlan({
      nodes: [
        ["W", "", "World", "Cara"],
        ["NORTH", "W", "North", "Ann"],
        ["SOUTH", "W", "South", "Ann"],
        ["EAST", "W", "East", "Bob"],
      ],
      entries: { SOUTH: [[100, 100], "Approved"] },
      topDown: { NORTH: [500, 600] },
    }),
  );
}

async function openMyTargets(workbook: FakePlanWorkbook, locale = "en-US"): Promise<RenderedPane> {
  const pane = renderTaskPane(workbook, locale);
  await pane.user.click(await screen.findByRole("tab", { name: "My targets" }));
  return pane;
}

async function openAs(workbook: FakePlanWorkbook, owner: string, locale = "en-US"): Promise<RenderedPane> {
  window.localStorage.setItem(OWNER_STORAGE_KEY, owner);
  return openMyTargets(workbook, locale);
}

function card(name: string): HTMLElement {
  return screen.getByRole("group", { name });
}

function field(node: string, label: string): HTMLElement {
  return within(card(node)).getByRole("textbox", { name: label });
}

beforeEach(() => window.localStorage.clear());

/** World (Cara) and 60 stores below it, all Pat's: a planner who owns many nodes. */
function plannersPlan(): FakePlanWorkbook {
  const stores = Array.from({ length: 60 }, (_, i): [string, string, string, string] => {
    const n = String(i + 1).padStart(2, "0");
    return [`S${n}`, "W", `Store ${n}`, "Pat"];
  });
  return new FakePlanWorkbook(makePlan({ nodes: [["W", "", "World", "Cara"], ...stores] }));
}

function cardNames(): (string | null)[] {
  return within(screen.getByRole("list", { name: "My nodes" }))
    .getAllByRole("listitem")
    .map((item) => within(item).getAllByRole("group")[0].getAttribute("aria-label"));
}

describe("My targets", () => {
  test("a planner's many nodes come 25 at a time, and one found by id is entered and submitted", async () => {
    const workbook = plannersPlan();
    const { user } = await openAs(workbook, "Pat");
    expect(cardNames()).toHaveLength(25);
    expect(screen.getByText("25 of 60 nodes shown")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show 25 more" }));
    expect(cardNames()).toHaveLength(50);
    await user.click(screen.getByRole("button", { name: "Show 10 more" }));
    expect(cardNames()).toHaveLength(60);
    expect(screen.queryByRole("button", { name: /^Show \d+ more$/ })).not.toBeInTheDocument();

    await user.type(screen.getByRole("searchbox", { name: "Find one of my nodes" }), "s42");
    await waitFor(() => expect(cardNames()).toEqual(["Store 42"]));
    await user.type(field("Store 42", "Q1 2027 (EUR)"), "700");
    await user.type(field("Store 42", "Q2 2027 (EUR)"), "800");
    await user.click(within(card("Store 42")).getByRole("button", { name: "Submit" }));
    await within(card("Store 42")).findByText("Submitted", { selector: ".fui-MessageBarBody" });
    expect(workbook.saved.map((save) => save.changes.map((change) => [change.next.id, change.next.values]))).toEqual([
      [["S42", [700, 800]]],
    ]);
  });

  test("I choose who I am from the owners, see only my nodes, and the choice is remembered on this device", async () => {
    const first = await openMyTargets(salesPlan());
    const picker = screen.getByRole("combobox", { name: "I am" });
    expect(
      within(picker)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Choose who you are", "Ann", "Bob", "Cara"]);

    await first.user.selectOptions(picker, "Ann");
    const cards = within(screen.getByRole("list", { name: "My nodes" })).getAllByRole("listitem");
    expect(cards.map((item) => within(item).getAllByRole("group")[0].getAttribute("aria-label"))).toEqual([
      "North",
      "South",
    ]);
    expect(window.localStorage.getItem(OWNER_STORAGE_KEY)).toBe("Ann");
    first.unmount();

    await openMyTargets(salesPlan());
    expect(screen.getByRole("combobox", { name: "I am" })).toHaveDisplayValue("Ann");
    expect(card("North")).toBeInTheDocument();
  });

  test.each([
    ["12abc", "Enter a number like 12,500.5"],
    ["-5", "Negative targets are not allowed in this plan"],
    ["10.5", "Enter a whole number, like 12,500"],
    ["1,2,3", "Enter a number like 12,500.5"],
  ])("%s is refused with the message beside the field", async (text, message) => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann");

    await user.type(field("North", "Q1 2027 (EUR)"), text);
    expect(field("North", "Q1 2027 (EUR)")).toHaveAccessibleDescription(message);

    await user.click(within(card("North")).getByRole("button", { name: "Submit" }));
    expect(within(card("North")).getByText("Correct the values marked above first")).toBeInTheDocument();
    expect(workbook.saved).toEqual([]);
  });

  test("the top-down guidance and the gap follow what I type", async () => {
    const { user } = await openAs(salesPlan(), "Ann");
    const q1 = field("North", "Q1 2027 (EUR)");
    expect(q1).toHaveAccessibleDescription("Top-down 500 allocated · Gap -500");

    await user.type(q1, "450");
    await waitFor(() => expect(q1).toHaveAccessibleDescription("Top-down 500 allocated · Gap -50"));
    await user.type(field("North", "Q2 2027 (EUR)"), "700");
    await waitFor(() =>
      expect(within(card("North")).getByText(/^Total 1,150/)).toHaveTextContent(
        "Total 1,150 · Top-down 1,100 · Gap +50",
      ),
    );
  });

  test("Submit saves my values and comment as a submitted entry, checked against the row as I read it", async () => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann");

    await user.type(field("North", "Q1 2027 (EUR)"), "1,400");
    await user.type(field("North", "Q2 2027 (EUR)"), "650");
    await user.type(within(card("North")).getByRole("textbox", { name: "Comment" }), "=Stretch goal");
    await user.click(within(card("North")).getByRole("button", { name: "Submit" }));

    await within(card("North")).findByText("Submitted", { selector: ".fui-MessageBarBody" });
    expect(workbook.saved).toHaveLength(1);
    const [{ changes, audit }] = workbook.saved;
    expect(changes).toEqual([
      {
        expected: null,
        next: {
          id: "NORTH",
          values: [1400, 650],
          status: "Submitted",
          comment: "=Stretch goal",
          returnReason: "",
          updatedAt: expect.any(String),
          updatedBy: "Ann",
        },
      },
    ]);
    expect(audit.map((entry) => [entry.field, entry.oldValue, entry.newValue])).toEqual([
      ["Q1 2027", "", "1400"],
      ["Q2 2027", "", "650"],
      ["status", "Not started", "Submitted"],
      ["comment", "", "=Stretch goal"],
    ]);
    expect(within(card("North")).getByText("Submitted", { selector: ".fui-Badge" })).toBeInTheDocument();
  });

  test("numbers are read in the user's locale", async () => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann", "de-DE");

    await user.type(field("North", "Q1 2027 (EUR)"), "1.500");
    await user.type(field("North", "Q2 2027 (EUR)"), "2.000");
    await user.click(within(card("North")).getByRole("button", { name: "Save draft" }));

    await waitFor(() => expect(workbook.saved).toHaveLength(1));
    expect(workbook.saved[0].changes[0].next).toMatchObject({ values: [1500, 2000], status: "Draft" });
  });

  test("Submit with a period left blank says which one, and saves nothing", async () => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann");

    await user.type(field("North", "Q1 2027 (EUR)"), "100");
    await user.click(within(card("North")).getByRole("button", { name: "Submit" }));

    expect(
      within(card("North")).getByText("Enter a value for every period before submitting (missing: Q2 2027)"),
    ).toBeInTheDocument();
    expect(workbook.saved).toEqual([]);
  });

  test("approved targets are read-only, with a note saying why", async () => {
    await openAs(salesPlan(), "Ann");
    const south = card("South");

    expect(
      within(south).getByText("These targets are approved and locked; ask your manager to reopen them"),
    ).toBeInTheDocument();
    expect(field("South", "Q1 2027 (EUR)")).toHaveAttribute("readonly");
    expect(field("South", "Q1 2027 (EUR)")).toHaveValue("100");
    expect(within(south).getByRole("textbox", { name: "Comment" })).toHaveAttribute("readonly");
    expect(within(south).queryByRole("button", { name: "Save draft" })).not.toBeInTheDocument();
    expect(within(south).queryByRole("button", { name: "Submit" })).not.toBeInTheDocument();
  });

  test("a row someone else changed meanwhile is not overwritten: the user is told and can reload", async () => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann");
    const theirs = {
      id: "NORTH",
      values: [900, 900],
      status: "Draft" as const,
      comment: "from Bob",
      returnReason: "",
      updatedAt: "2027-01-06T09:00:00.000Z",
      updatedBy: "Bob",
    };
    workbook.conflictOnSave = theirs;

    await user.type(field("North", "Q1 2027 (EUR)"), "300");
    await user.click(within(card("North")).getByRole("button", { name: "Save draft" }));
    // The conflict dialog (test/taskpane/conflicts) offers to resolve it; deciding later leaves the warning.
    await user.click(await screen.findByRole("button", { name: "Decide later" }));
    await waitFor(() => card("North"));

    const warning = await within(card("North")).findByText(/Someone else changed North since you opened the plan/);
    expect(warning).toBeInTheDocument();

    workbook.conflictOnSave = null;
    workbook.plan = workbook.plan && {
      ...workbook.plan,
      entries: new Map([...workbook.plan.entries, ["NORTH", theirs]]),
    };
    await user.click(within(card("North")).getByRole("button", { name: "Reload" }));

    await waitFor(() => expect(field("North", "Q1 2027 (EUR)")).toHaveValue("900"));
    expect(within(card("North")).queryByText(/Someone else changed/)).not.toBeInTheDocument();
  });
});

describe("My targets stay live", () => {
  /** World (Cara, 1,000 / 1,000) > North (Ann), South (Bob), East (Dan): nobody has saved anything yet. */
  function evenPlan(): FakePlanWorkbook {
    return new FakePlanWorkbook(
      makePlan({
        nodes: [
          ["W", "", "World", "Cara"],
          ["NORTH", "W", "North", "Ann"],
          ["SOUTH", "W", "South", "Bob"],
          ["EAST", "W", "East", "Dan"],
        ],
        entries: { SOUTH: [[300, 300], "Draft"] },
        topDown: { W: [1000, 1000] },
      }),
    );
  }

  test("a rep with nothing saved sees an even suggested share that doesn't move while they type; typing it closes the gap", async () => {
    const { user } = await openAs(evenPlan(), "Ann");
    // South saved 300; North and East have nothing saved, so each gets an even third of 1,000 (North, the
    // first, takes the unit left over by rounding).
    const q1 = field("North", "Q1 2027 (EUR)");
    expect(within(card("North")).getAllByText("Top-down 334 suggested · Gap -334")).toHaveLength(2);
    await user.type(q1, "100");
    expect(await within(card("North")).findByText("Top-down 334 suggested · Gap -234")).toBeInTheDocument();
    await user.clear(q1);
    await user.type(q1, "334");
    expect(await within(card("North")).findByText("Top-down 334 suggested · Gap 0")).toBeInTheDocument();
  });

  test("an outside change arrives while I type: my unsaved entries survive and the new values show", async () => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann");
    await user.type(field("North", "Q1 2027 (EUR)"), "450");
    const reads = workbook.reads;
    const plan = workbook.plan as NonNullable<typeof workbook.plan>;
    // A co-author (Cara) returns South meanwhile; Excel reports the change to the plan's tables.
    workbook.changeOutside({
      ...plan,
      entries: new Map(plan.entries).set("SOUTH", {
        ...(plan.entries.get("SOUTH") as NonNullable<ReturnType<typeof plan.entries.get>>),
        status: "Returned",
        returnReason: "Add the new store",
        updatedBy: "Cara",
      }),
    });
    expect(await within(card("South")).findByText("Returned: Add the new store")).toBeInTheDocument();
    expect(workbook.reads).toBe(reads + 1);
    expect(field("North", "Q1 2027 (EUR)")).toHaveValue("450");
  });

  test("the pane's own save patches the plan in memory instead of reading it again", async () => {
    const workbook = salesPlan();
    const { user } = await openAs(workbook, "Ann");
    await user.type(field("North", "Q1 2027 (EUR)"), "450");
    const reads = workbook.reads;
    await user.click(within(card("North")).getByRole("button", { name: "Save draft" }));
    expect(await within(card("North")).findByText("Draft")).toBeInTheDocument();
    expect(field("North", "Q1 2027 (EUR)")).toHaveValue("450");
    expect(workbook.reads).toBe(reads);
  });
});
