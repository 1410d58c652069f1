/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { narrowPane } from "./support/dom";
import { renderTaskPane } from "./support/renderTaskPane";
import { memoryPlan } from "./reconcile/harness";

jest.setTimeout(60000);

const PERIODS = ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"];

/**
 * A browser moves a focused native <select> to the next or previous enabled option on the arrow
 * keys and fires `change`; user-event doesn't emulate that, so this stands in for the browser.
 * It acts only on a select, and only on keys nothing else handled.
 */
function emulateSelectArrowKeys(): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || event.defaultPrevented) return;
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (step === 0) return;
    for (let index = select.selectedIndex + step; index >= 0 && index < select.options.length; index += step) {
      if (select.options[index].disabled) continue;
      select.selectedIndex = index;
      select.dispatchEvent(new Event("input", { bubbles: true }));
      select.dispatchEvent(new Event("change", { bubbles: true }));
      break;
    }
    event.preventDefault();
  };
  document.addEventListener("keydown", onKeyDown);
  return () => document.removeEventListener("keydown", onKeyDown);
}

/** Tab forward until `target` has focus, at most `limit` presses; returns what was passed through. */
async function tabTo(user: UserEvent, target: () => HTMLElement, limit = 15): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (document.activeElement === target()) return;
    await user.tab();
  }
  expect(document.activeElement).toBe(target());
}

/** From wherever focus is, into the tab list and along it with the arrow keys to `view`, then Enter. */
async function openViewByKeyboard(user: UserEvent, view: string): Promise<void> {
  await user.tab();
  const start = document.activeElement;
  expect(start).toHaveAttribute("role", "tab");
  const tab = screen.getByRole("tab", { name: view });
  for (let presses = 0; presses < 7 && document.activeElement !== tab; presses++) {
    await user.keyboard("{ArrowRight}");
  }
  expect(tab).toHaveFocus();
  await user.keyboard("{Enter}");
  await waitFor(() => expect(tab).toHaveAttribute("aria-selected", "true"));
  expect(screen.getByRole("tabpanel")).toHaveAccessibleName(view);
}

let restore: () => void = () => undefined;
beforeEach(() => {
  window.localStorage.clear();
  restore = emulateSelectArrowKeys();
});
afterEach(() => restore());

async function fixture(): ReturnType<typeof memoryPlan> {
  return memoryPlan({
    nodes: [
      ["W", "", "World", "ceo@example.com"],
      ["EU", "W", "Europe", "ann@example.com"],
      ["US", "W", "USA", "bob@example.com"],
    ],
    settings: { periods: PERIODS },
  });
}

test("a contributor enters and submits their targets by keyboard alone", async () => {
  const workbook = await fixture();
  const { user } = renderTaskPane(workbook);
  await screen.findByRole("tab", { name: "Navigate", selected: true });

  await openViewByKeyboard(user, "My targets");

  const owner = screen.getByRole("combobox", { name: "I am" });
  await tabTo(user, () => owner);
  for (let presses = 0; presses < 5 && (owner as HTMLSelectElement).value !== "ann@example.com"; presses++) {
    await user.keyboard("{ArrowDown}");
  }
  expect(owner).toHaveValue("ann@example.com");
  const europe = await screen.findByRole("group", { name: "Europe" });

  // The annual number and its spread come first, then each period's field.
  for (const name of ["Annual for Europe", "Spread for Europe"]) {
    await user.tab();
    expect(within(europe).getByRole(name.startsWith("Annual") ? "textbox" : "combobox", { name })).toHaveFocus();
  }
  await user.tab();
  expect(within(europe).getByRole("button", { name: "Spread over the periods" })).toHaveFocus();
  for (const period of PERIODS) {
    await user.tab();
    const field = screen.getByRole("textbox", { name: `${period} (EUR)` });
    expect(europe).toContainElement(field);
    expect(field).toHaveFocus();
    await user.keyboard(`${(PERIODS.indexOf(period) + 1) * 100}`);
  }
  await user.tab();
  expect(screen.getByRole("textbox", { name: "Comment" })).toHaveFocus();
  await user.keyboard("Typed without a mouse");

  const submit = screen.getByRole("button", { name: "Submit" });
  await tabTo(user, () => submit, 4);
  await user.keyboard("{Enter}");

  await waitFor(async () =>
    expect((await workbook.readPlan())?.entries.get("EU")).toMatchObject({
      values: [100, 200, 300, 400],
      comment: "Typed without a mouse",
      status: "Submitted",
      updatedBy: "ann@example.com",
    }),
  );
});

test("a manager approves a submission by keyboard alone", async () => {
  const workbook = await memoryPlan({
    nodes: [
      ["W", "", "World", "ceo@example.com"],
      ["EU", "W", "Europe", "ann@example.com"],
      ["US", "W", "USA", "bob@example.com"],
    ],
    entries: { EU: [[100, 200], "Submitted"], US: [[50, 60], "Submitted"] },
  });
  const { user } = renderTaskPane(workbook);
  await screen.findByRole("tab", { name: "Navigate", selected: true });

  await openViewByKeyboard(user, "Review");
  const owner = screen.getByRole("combobox", { name: "I am" });
  await tabTo(user, () => owner);
  for (let presses = 0; presses < 5 && (owner as HTMLSelectElement).value !== "ceo@example.com"; presses++) {
    await user.keyboard("{ArrowDown}");
  }
  expect(owner).toHaveValue("ceo@example.com");

  // One by its own button...
  const approveEurope = await screen.findByRole("button", { name: "Approve Europe" });
  await tabTo(user, () => approveEurope);
  await user.keyboard("{Enter}");
  const outcome = await screen.findByText("Approved Europe");
  // The pressed button is gone after the save; focus goes to the outcome, not back to the top.
  await waitFor(() => expect(outcome.closest("[tabindex='-1']")).toHaveFocus());
  expect((await workbook.readPlan())?.entries.get("EU")).toMatchObject({
    status: "Approved",
    updatedBy: "ceo@example.com",
  });

  // ...and one ticked with Space and approved with the toolbar's button.
  const usa = screen.getByRole("checkbox", { name: "USA" });
  await tabTo(user, () => usa, 25);
  await user.keyboard(" ");
  expect(usa).toBeChecked();
  const approveSelected = screen.getByRole("button", { name: "Approve selected (1)" });
  for (let presses = 0; presses < 10 && document.activeElement !== approveSelected; presses++) {
    await user.keyboard("{Shift>}{Tab}{/Shift}");
  }
  expect(approveSelected).toHaveFocus();
  await user.keyboard("{Enter}");
  await waitFor(async () =>
    expect((await workbook.readPlan())?.entries.get("US")).toMatchObject({ status: "Approved" }),
  );
});

test("the overflow menu of a narrow pane opens a hidden view by keyboard", async () => {
  const restore = narrowPane();
  try {
    const { user } = renderTaskPane(await fixture());
    const more = await screen.findByRole("tab", { name: /more views/ });
    await user.tab();
    for (let presses = 0; presses < 10 && document.activeElement !== more; presses++) {
      await user.keyboard("{ArrowRight}");
    }
    expect(more).toHaveFocus();
    await user.keyboard("{Enter}");
    await screen.findByRole("menuitem", { name: "Review" });
    for (let presses = 0; presses < 5 && document.activeElement?.textContent !== "Review"; presses++) {
      await user.keyboard("{ArrowDown}");
    }
    expect(screen.getByRole("menuitem", { name: "Review" })).toHaveFocus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("tab", { name: "Review" })).toHaveAttribute("aria-selected", "true"));
    expect(screen.getByRole("tabpanel")).toHaveAccessibleName("Review");
  } finally {
    restore();
  }
});
