/** @jest-environment jsdom */
/**
 * Last year beside every field and the plan's guardrails in My targets (issue 12): the growth as
 * the rep types, what the typed values break before submitting, and the submission refused until
 * the rep brings the values within the bounds.
 */
import { screen, within } from "@testing-library/react";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(120000);

function guardedPlan(): FakePlanWorkbook {
  const plan = makePlan({
    nodes: [
      ["W", "", "World", "Cara"],
      ["NORTH", "W", "North", "Ann"],
    ],
  });
  return new FakePlanWorkbook({
    ...plan,
    settings: {
      ...plan.settings,
      guardrails: { minValue: 0, maxValue: null, minGrowth: null, maxGrowth: 0.2, whenBroken: "block", levels: null },
    },
    reference: { values: new Map([["NORTH", [1000, 1000]]]), problems: [] },
  });
}

beforeEach(() => window.localStorage.clear());

test("a rep sees last year and the growth as she types, is refused outside the growth bound, and submits once within it", async () => {
  window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
  const workbook = guardedPlan();
  const { user } = renderTaskPane(workbook);
  await user.click(await screen.findByRole("tab", { name: "My targets" }));
  const card = screen.getByRole("group", { name: "North" });
  const q1 = within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" });
  const q2 = within(card).getByRole("textbox", { name: "Q2 2027 (EUR)" });
  expect(within(card).getAllByText(/^Last year 1,000$/)).toHaveLength(2);

  await user.type(q1, "1500");
  await user.type(q2, "1500");
  expect(within(card).getAllByText(/Last year 1,000 · \+50 %/)).toHaveLength(2);
  expect(within(card).getByText(/^Outside the plan's bounds, so these values can't be submitted/)).toHaveTextContent(
    "Growth against last year is +50 %; the plan allows at most +20 % (maxGrowth in GU Settings)",
  );
  await user.click(within(card).getByRole("button", { name: "Submit" }));
  expect(await within(card).findByText(/^Not submitted: Growth against last year is \+50 %/)).toBeInTheDocument();
  expect(workbook.plan?.entries.get("NORTH")?.status ?? "Not started").toBe("Not started");

  await user.clear(q1);
  await user.type(q1, "1100");
  await user.clear(q2);
  await user.type(q2, "1100");
  expect(within(card).queryByText(/^Outside the plan's bounds/)).toBeNull();
  await user.click(within(card).getByRole("button", { name: "Submit" }));
  await within(card).findAllByText("Submitted");
  expect(workbook.plan?.entries.get("NORTH")).toMatchObject({ status: "Submitted", values: [1100, 1100] });
});

test("Navigate offers to add last year's values while the plan has none", async () => {
  const workbook = new FakePlanWorkbook(makePlan({ nodes: [["W", "", "World", "Cara"]] }));
  const { user } = renderTaskPane(workbook);
  await user.click(await screen.findByRole("tab", { name: "Navigate" }));
  await user.click(await screen.findByRole("button", { name: "Add last year's values" }));
  expect(await screen.findByText(/^Added sheet "GU Reference": paste last year's values there/)).toBeInTheDocument();
  expect(workbook.plan?.reference).toEqual({ values: new Map(), problems: [] });
  expect(screen.queryByRole("button", { name: "Add last year's values" })).toBeNull();
});
