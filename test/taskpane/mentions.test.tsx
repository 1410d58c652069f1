/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { Plan } from "../../src/core/plan/types";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane, type RenderedPane } from "./support/renderTaskPane";

jest.setTimeout(120000);

/** Ann (North) has an e-mail address in the hierarchy's Email column; Bob (East) has none. */
function withEmails(plan: Plan): Plan {
  return {
    ...plan,
    nodes: plan.nodes.map((node) =>
      node.owner === "Ann" ? { ...node, attributes: { Email: "ann@example.com" } } : node,
    ),
  };
}

function teamPlan(settings: Partial<Plan["settings"]> = {}): FakePlanWorkbook {
  return new FakePlanWorkbook(
    withEmails(
      makePlan({
        settings,
        nodes: [
          ["W", "", "World", "Cara"],
          ["NORTH", "W", "North", "Ann"],
          ["EAST", "W", "East", "Bob"],
        ],
        entries: {
          NORTH: [[100, 200], "Submitted"],
          EAST: [[10, 20], "Submitted"],
        },
      }),
    ),
  );
}

async function openAs(workbook: FakePlanWorkbook, me: string, tab: string): Promise<RenderedPane> {
  window.localStorage.setItem(OWNER_STORAGE_KEY, me);
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: tab }));
  return pane;
}

async function returnWith(pane: RenderedPane, node: string, reason: string): Promise<HTMLElement> {
  const list = screen.getByRole("list", { name: "Submissions to review" });
  await pane.user.click(within(list).getByRole("button", { name: `Return ${node}` }));
  const dialog = await screen.findByRole("dialog", { name: `Return ${node}` });
  await pane.user.type(within(dialog).getByRole("textbox", { name: /Reason/ }), reason);
  return dialog;
}

beforeEach(() => window.localStorage.clear());

describe("Review: returning with an @mention comment", () => {
  test("the owner with an e-mail address is @mentioned on the node's row with the reason, by default", async () => {
    const workbook = teamPlan();
    const pane = await openAs(workbook, "Cara", "Review");
    const dialog = await returnWith(pane, "North", "Q2 <below> plan & pipeline");
    expect(within(dialog).getByRole("checkbox", { name: "Also @mention Ann in a comment on the node" })).toBeChecked();
    await pane.user.click(within(dialog).getByRole("button", { name: "Return" }));

    await waitFor(() => expect(workbook.mentions).toHaveLength(1));
    expect(workbook.saved[0].changes[0].next).toMatchObject({ id: "NORTH", status: "Returned" });
    expect(workbook.mentions).toEqual([
      { id: "NORTH", mention: { name: "Ann", email: "ann@example.com" }, text: "Q2 <below> plan & pipeline" },
    ]);
    expect(
      await screen.findByText(
        "Returned North. Added a comment on North in GU Hierarchy that @mentions Ann; Microsoft 365 e-mails them",
      ),
    ).toBeInTheDocument();
  });

  test("unticked, the return is saved and no comment is added", async () => {
    const workbook = teamPlan();
    const pane = await openAs(workbook, "Cara", "Review");
    const dialog = await returnWith(pane, "North", "Q2 looks low");
    await pane.user.click(within(dialog).getByRole("checkbox", { name: /Also @mention Ann/ }));
    await pane.user.click(within(dialog).getByRole("button", { name: "Return" }));

    expect(await screen.findByText("Returned North")).toBeInTheDocument();
    expect(workbook.saved).toHaveLength(1);
    expect(workbook.mentions).toEqual([]);
  });

  test("an owner without an e-mail address is offered no @mention", async () => {
    const workbook = teamPlan();
    const pane = await openAs(workbook, "Cara", "Review");
    const dialog = await returnWith(pane, "East", "Missing Q2");
    expect(within(dialog).queryByRole("checkbox")).not.toBeInTheDocument();
    await pane.user.click(within(dialog).getByRole("button", { name: "Return" }));
    expect(await screen.findByText("Returned East")).toBeInTheDocument();
    expect(workbook.mentions).toEqual([]);
  });

  test("a comment the host refuses shows why, and the return stays saved", async () => {
    const workbook = teamPlan();
    workbook.failWith("mentionOnNode", "Could not add the @mention comment: this Excel has no threaded comments.");
    const pane = await openAs(workbook, "Cara", "Review");
    const dialog = await returnWith(pane, "North", "Q2 looks low");
    await pane.user.click(within(dialog).getByRole("button", { name: "Return" }));

    expect(await screen.findByText("Could not add the @mention comment")).toBeInTheDocument();
    expect(screen.getByText(/this Excel has no threaded comments/)).toBeInTheDocument();
    expect(workbook.saved).toHaveLength(1);
    expect(workbook.saved[0].changes[0].next).toMatchObject({ id: "NORTH", status: "Returned" });
    expect(screen.getByText("Returned North")).toBeInTheDocument();
  });
});

describe("Progress: asking a late owner for input with an @mention comment", () => {
  function latePlan(): FakePlanWorkbook {
    return teamPlan({ name: "FY27", deadline: "2020-01-31" });
  }

  function lateDraftPlan(): FakePlanWorkbook {
    const workbook = latePlan();
    const plan = workbook.plan as Plan;
    workbook.plan = {
      ...plan,
      entries: new Map([...plan.entries].map(([id, entry]) => [id, { ...entry, status: "Draft" as const }])),
    };
    return workbook;
  }

  test("a late owner with an e-mail address gets an editable request on their late node's row", async () => {
    const workbook = lateDraftPlan();
    const pane = await openAs(workbook, "Cara", "Progress");
    const ann = within(await screen.findByRole("list", { name: "Late owners" })).getAllByRole("listitem")[0];
    await pane.user.click(within(ann).getByRole("button", { name: "@mention Ann in the workbook" }));
    const text = within(ann).getByRole("textbox", { name: "Comment for Ann" });
    expect(text).toHaveValue("Please enter your targets for FY27 by 2020-01-31");
    await pane.user.type(text, " (Q2 too)");
    await pane.user.click(within(ann).getByRole("button", { name: "Add comment" }));

    await waitFor(() => expect(workbook.mentions).toHaveLength(1));
    expect(workbook.mentions[0]).toEqual({
      id: "NORTH",
      mention: { name: "Ann", email: "ann@example.com" },
      text: "Please enter your targets for FY27 by 2020-01-31 (Q2 too)",
    });
    expect(
      await within(ann).findByText(
        "Added a comment on North in GU Hierarchy that @mentions Ann; Microsoft 365 e-mails them",
      ),
    ).toBeInTheDocument();
    expect(workbook.saved).toEqual([]);
  });

  test("an owner without an e-mail address has no @mention action", async () => {
    await openAs(lateDraftPlan(), "Cara", "Progress");
    const late = await screen.findByRole("list", { name: "Late owners" });
    expect(within(late).getByText("Bob")).toBeInTheDocument();
    expect(within(late).queryByRole("button", { name: /@mention Bob/ })).not.toBeInTheDocument();
    expect(within(late).getAllByRole("button", { name: /@mention/ })).toHaveLength(1);
  });

  test("a refused comment says why and keeps the request to try again", async () => {
    const workbook = lateDraftPlan();
    workbook.failWith(
      "mentionOnNode",
      "Could not add the @mention comment: Excel refused the change (GeneralException).",
    );
    const pane = await openAs(workbook, "Cara", "Progress");
    const ann = within(await screen.findByRole("list", { name: "Late owners" })).getAllByRole("listitem")[0];
    await pane.user.click(within(ann).getByRole("button", { name: "@mention Ann in the workbook" }));
    await pane.user.click(within(ann).getByRole("button", { name: "Add comment" }));

    expect(await screen.findByText("Could not add the @mention comment")).toBeInTheDocument();
    expect(within(ann).getByRole("textbox", { name: "Comment for Ann" })).toHaveValue(
      "Please enter your targets for FY27 by 2020-01-31",
    );
    expect(workbook.mentions).toEqual([]);
  });
});
