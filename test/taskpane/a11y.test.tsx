/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import { narrowPane } from "./support/dom";
import { renderTaskPane } from "./support/renderTaskPane";
import { memoryPlan } from "./reconcile/harness";

jest.setTimeout(60000);

/** Issue 3: every control in the pane has an accessible name. */
const CONTROL_ROLES = [
  "button",
  "textbox",
  "combobox",
  "checkbox",
  "radio",
  "tab",
  "treeitem",
  "spinbutton",
  "switch",
  "menuitem",
] as const;

/** Each view, and the owner to be where one is chosen, so the view shows its controls. */
const VIEWS: readonly (readonly [string, string | null])[] = [
  ["Set up", null],
  ["Navigate", null],
  ["My targets", "ann@example.com"],
  ["Review", "ceo@example.com"],
  ["Reconcile", null],
  ["Progress", null],
  ["Share", null],
  ["Map", null],
  ["Balance", null],
];

beforeEach(() => window.localStorage.clear());

/** The controls now in the document that have no accessible name, described for the failure message. */
function unnamedControls(): string[] {
  const unnamed: string[] = [];
  for (const role of CONTROL_ROLES) {
    for (const element of screen.queryAllByRole(role)) {
      try {
        expect(element).toHaveAccessibleName();
      } catch {
        unnamed.push(`${role}: ${element.outerHTML.slice(0, 200)}`);
      }
    }
  }
  return unnamed;
}

test("in every view, every control has an accessible name", async () => {
  const workbook = await memoryPlan({
    nodes: [
      ["W", "", "World", "ceo@example.com"],
      ["EU", "W", "Europe", "ann@example.com"],
      ["US", "W", "USA", "bob@example.com"],
    ],
    entries: {
      EU: [[100, 200], "Submitted"],
      US: [[50, null], "Draft"],
    },
    topDown: { W: [200, 300] },
  });
  const { user } = renderTaskPane(workbook);
  await screen.findByRole("tab", { name: "Navigate", selected: true });

  const checked: string[] = [];
  for (const [view, owner] of VIEWS) {
    await user.click(screen.getByRole("tab", { name: view }));
    await waitFor(() => expect(screen.getByRole("tabpanel")).toHaveAccessibleName(view));
    if (owner !== null) {
      await user.selectOptions(screen.getByRole("combobox", { name: "I am" }), owner);
    }
    // Let lazy parts (the tree, the previews) settle before looking.
    await waitFor(() => expect(screen.queryByText(/Reading the plan/)).not.toBeInTheDocument());
    expect({ view, unnamed: unnamedControls() }).toEqual({ view, unnamed: [] });
    checked.push(view);
  }
  expect(checked).toHaveLength(9);

  // The view-specific controls the owners unlock were there to check.
  await user.click(screen.getByRole("tab", { name: "Review" }));
  expect(await screen.findByRole("button", { name: "Approve Europe" })).toBeInTheDocument();
});

test("in a narrow pane, the overflow menu and its items are named", async () => {
  const workbook = await memoryPlan({
    nodes: [
      ["W", "", "World", "ceo@example.com"],
      ["EU", "W", "Europe", "ann@example.com"],
    ],
  });
  const restore = narrowPane();
  try {
    const { user } = renderTaskPane(workbook);
    await user.click(await screen.findByRole("tab", { name: /more views/ }));
    expect(await screen.findAllByRole("menuitem")).not.toHaveLength(0);
    expect(unnamedControls()).toEqual([]);
  } finally {
    restore();
  }
});
