/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import { OWNER_STORAGE_KEY } from "../../../src/taskpane/hooks/useRememberedOwner";
import { renderTaskPane } from "../support/renderTaskPane";
import { memoryPlan } from "./harness";

jest.setTimeout(60000);

test("Reconcile and Progress are tabs of the pane, with who I am shared with the other views", async () => {
  window.localStorage.setItem(OWNER_STORAGE_KEY, "ceo");
  const workbook = await memoryPlan({
    nodes: [
      ["W", "", "World", "ceo"],
      ["EU", "W", "Europe", "ann"],
    ],
    entries: { EU: [[10, 20], "Submitted"] },
    topDown: { W: [40, 40] },
  });
  const { user } = renderTaskPane(workbook);

  await user.click(await screen.findByRole("tab", { name: "Reconcile" }));
  expect(await screen.findByRole("heading", { name: "Compare World" })).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "I am" })).toHaveValue("ceo");

  await user.click(screen.getByRole("tab", { name: "Progress" }));
  expect(await screen.findByRole("table", { name: "Status by level" })).toBeInTheDocument();
});
