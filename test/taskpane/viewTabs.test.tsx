/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import { narrowPane } from "./support/dom";
import { renderTaskPane } from "./support/renderTaskPane";
import { memoryPlan } from "./reconcile/harness";

jest.setTimeout(60000);

const VIEWS = ["Set up", "Navigate", "My targets", "Review", "Reconcile", "Progress", "Share", "Map", "Balance"];
let restore: () => void = () => undefined;
afterEach(() => restore());

test("in a narrow pane the tabs that don't fit are in a menu, and choosing one opens its view", async () => {
  restore = narrowPane();
  const workbook = await memoryPlan({
    nodes: [
      ["W", "", "World", "ceo"],
      ["EU", "W", "Europe", "ann"],
    ],
    entries: {},
    topDown: {},
  });
  const { user } = renderTaskPane(workbook);

  const more = await screen.findByRole("tab", { name: "6 more views" });
  const shown = (name: string): boolean => screen.queryByRole("tab", { name }) !== null;
  expect(VIEWS.filter(shown)).toEqual(["Set up", "Navigate", "My targets"]);

  await user.click(more);
  const hidden = await screen.findAllByRole("menuitem");
  expect(hidden.map((item) => item.textContent)).toEqual([
    "Review",
    "Reconcile",
    "Progress",
    "Share",
    "Map",
    "Balance",
  ]);

  await user.click(screen.getByRole("menuitem", { name: "Progress" }));
  // The chosen view's tab takes the place of the last one that fitted.
  await waitFor(() => expect(screen.getByRole("tab", { name: "Progress" })).toHaveAttribute("aria-selected", "true"));
  expect(VIEWS.filter(shown)).toEqual(["Set up", "Navigate", "Progress"]);
  expect(screen.getByRole("tabpanel")).toHaveAccessibleName("Progress");
  expect(await screen.findByRole("table", { name: "Status by level" })).toBeInTheDocument();
});
