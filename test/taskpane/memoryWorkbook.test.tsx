/** @jest-environment jsdom */
import { act, screen, waitFor, within } from "@testing-library/react";
import { SHEETS } from "../../src/core/plan/layout";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(60000);

const ORG = [
  ["Id", "Parent", "Name", "Owner"],
  ["W", "", "World", "ceo@example.com"],
  ["EU", "W", "Europe", "eu@example.com"],
  ["US", "W", "USA", "us@example.com"],
];

beforeEach(() => window.localStorage.clear());

test("over the in-memory workbook: set up from the selection, navigate, submit, approve", async () => {
  const cells = new MemoryWorkbook();
  const orgRange = { sheet: "Sheet1", row: 0, col: 0, rowCount: ORG.length, colCount: 4 };
  cells.write(orgRange, ORG);
  cells.select(orgRange);
  const workbook = new MemoryPlanWorkbook(cells);
  const { user, unmount } = renderTaskPane(workbook);
  const year = new Date().getFullYear() + 1;

  await user.click(await screen.findByRole("radio", { name: "From the selected cells" }));
  await user.click(screen.getByRole("button", { name: "Read the selected cells" }));
  expect(await screen.findByText("Found 3 nodes as parent-child columns.")).toBeInTheDocument();
  await user.type(screen.getByRole("textbox", { name: /Plan name/ }), "FY targets");
  await user.click(screen.getByRole("button", { name: "Set up plan" }));
  await screen.findByText('The plan "FY targets" is set up with 3 nodes.');

  await user.click(screen.getByRole("tab", { name: "Navigate" }));
  await user.click(await screen.findByRole("treeitem", { name: "Europe" }));
  await waitFor(() => expect(cells.selection().sheet).toBe(SHEETS.hierarchy));

  await user.click(screen.getByRole("tab", { name: "My targets" }));
  await user.selectOptions(screen.getByRole("combobox", { name: "I am" }), "eu@example.com");
  const europe = screen.getByRole("group", { name: "Europe" });
  for (let quarter = 1; quarter <= 4; quarter++) {
    await user.type(within(europe).getByRole("textbox", { name: `Q${quarter} ${year}` }), `${quarter * 100}`);
  }
  await user.click(within(europe).getByRole("button", { name: "Submit" }));
  await within(europe).findByText("Submitted", { selector: ".fui-MessageBarBody" });
  expect((await workbook.readPlan())?.entries.get("EU")).toMatchObject({
    values: [100, 200, 300, 400],
    status: "Submitted",
  });

  unmount();
  window.localStorage.setItem(OWNER_STORAGE_KEY, "ceo@example.com");
  const manager = renderTaskPane(workbook);
  await manager.user.click(await screen.findByRole("tab", { name: "Review" }));
  await manager.user.click(screen.getByRole("button", { name: "Approve Europe" }));
  await screen.findByText("Approved Europe");
  expect((await workbook.readPlan())?.entries.get("EU")).toMatchObject({
    status: "Approved",
    updatedBy: "ceo@example.com",
  });

  act(() => cells.select({ sheet: SHEETS.hierarchy, row: 3, col: 0, rowCount: 1, colCount: 1 }));
  await manager.user.click(screen.getByRole("tab", { name: "Navigate" }));
  await waitFor(() => expect(screen.getByRole("treeitem", { name: "USA" })).toHaveAttribute("aria-selected", "true"));
});
