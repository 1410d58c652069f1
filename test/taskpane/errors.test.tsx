/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(30000);

function plan(): FakePlanWorkbook {
  return new FakePlanWorkbook(
    makePlan({
      nodes: [
        ["W", "", "World", "Cara"],
        ["NORTH", "W", "North", "Ann"],
      ],
    }),
  );
}

interface FailureCase {
  readonly method: Parameters<FakePlanWorkbook["failWith"]>[0];
  readonly workbook: () => FakePlanWorkbook;
  /** What the user does until the failing call is made. */
  readonly trigger: (user: UserEvent) => Promise<void>;
  readonly title: string;
}

const cases: FailureCase[] = [
  {
    method: "readPlan",
    workbook: plan,
    trigger: async () => {
      await screen.findByRole("tablist");
    },
    title: "Could not read the plan from the workbook",
  },
  {
    method: "writePlan",
    workbook: () => new FakePlanWorkbook(null),
    trigger: async (user) => {
      await user.type(await screen.findByRole("textbox", { name: /Plan name/ }), "FY27");
      await user.click(screen.getByRole("button", { name: "Set up plan" }));
    },
    title: "Could not set up the plan",
  },
  {
    method: "readSelection",
    workbook: () => new FakePlanWorkbook(null),
    trigger: async (user) => {
      await user.click(await screen.findByRole("radio", { name: "From the selected cells" }));
      await user.click(screen.getByRole("button", { name: "Read the selected cells" }));
    },
    title: "Could not read the selected cells",
  },
  {
    method: "listTables",
    workbook: () => new FakePlanWorkbook(null),
    trigger: async (user) => {
      await user.click(await screen.findByRole("radio", { name: "From a table" }));
    },
    title: "Could not list the workbook's tables",
  },
  {
    method: "selectNode",
    workbook: plan,
    trigger: async (user) => {
      await user.click(await screen.findByRole("treeitem", { name: "North" }));
    },
    title: "Could not select the node's row in the sheet",
  },
  {
    method: "saveEntries",
    workbook: plan,
    trigger: async (user) => {
      await user.click(await screen.findByRole("tab", { name: "My targets" }));
      await user.type(screen.getByRole("textbox", { name: "Q1 2027 (EUR)" }), "10");
      await user.click(screen.getByRole("button", { name: "Save draft" }));
    },
    title: "Could not save",
  },
];

beforeEach(() => {
  window.localStorage.clear();
  window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
});

describe("a workbook call that fails", () => {
  test.each(cases)(
    "$method: the error bar says what failed and why, until dismissed",
    async ({ method, workbook, trigger, title }) => {
      const book = workbook();
      book.failWith(method, "The workbook is busy: a cell is being edited");
      const { user } = renderTaskPane(book);

      await trigger(user);

      const bar = await screen.findByText(title);
      const message = bar.closest(".fui-MessageBar") as HTMLElement;
      expect(message).toHaveTextContent("The workbook is busy: a cell is being edited");
      await user.click(within(message).getByRole("button", { name: "Dismiss" }));
      await waitFor(() => expect(screen.queryByText(title)).not.toBeInTheDocument());
    },
  );

  test("a failed go-to-row link says so", async () => {
    const workbook = new FakePlanWorkbook(null);
    workbook.selection = {
      ref: { kind: "range", sheet: "Org", address: "A1:B3" },
      firstRow: 1,
      rows: [
        ["Id", "Parent"],
        ["A", ""],
        ["A", ""],
      ],
    };
    workbook.failWith("selectSourceRow", "The sheet Org was deleted");
    const { user } = renderTaskPane(workbook);

    await user.click(await screen.findByRole("radio", { name: "From the selected cells" }));
    await user.click(screen.getByRole("button", { name: "Read the selected cells" }));
    await user.click(await screen.findByRole("button", { name: "Go to row 2" }));

    expect(await screen.findByText("Could not select that row in the sheet")).toBeInTheDocument();
    expect(screen.getByText("The sheet Org was deleted")).toBeInTheDocument();
  });
});
