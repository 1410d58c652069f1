// Drives the workbench page the way a person does: sheet tabs, the name box, typing into cells,
// pasting, and the task pane's controls by their roles and accessible names. Reads what the grid
// shows, so assertions are about what is on screen.

/* global DataTransfer, ClipboardEvent */

const DEFAULT_TIMEOUT = 10_000;
const POLL_INTERVAL = 50;

export class AssertionError extends Error {
  name = "AssertionError";
}

/** Waits until `read()` gives `expected` (compared as JSON); throws with the last value seen. */
export async function expectEventually(what, read, expected, timeout = DEFAULT_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) {
      throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL));
  }
}

export class WorkbenchPage {
  constructor(page) {
    this.page = page;
    this.pane = page.getByRole("complementary", { name: "Groundup task pane" });
    this.grid = page.getByRole("grid");
    this.nameBox = page.getByRole("textbox", { name: "Name box" });
    this.formulaBar = page.getByRole("textbox", { name: "Formula bar" });
    this.sheetTabs = page.getByRole("tablist", { name: "Sheets" });
  }

  async open(url) {
    await this.page.goto(url);
    await this.grid.waitFor();
  }

  /** Waits until the formula engine (a Web Worker) has computed every change made so far. */
  async waitForFormulas() {
    await this.page.locator('[data-testid="engine-status"][data-state="ready"]').waitFor({ timeout: 60_000 });
  }

  // ---- the workbook ----------------------------------------------------------------------

  sheetTab(name) {
    return this.sheetTabs.getByRole("tab", { name, exact: true });
  }

  async showSheet(name) {
    const tab = this.sheetTab(name);
    if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
    await this.page.getByRole("grid", { name: `Sheet ${name}` }).waitFor();
  }

  /** Selects a cell or range through the name box, as "go to" does in Excel. */
  async goTo(sheet, address) {
    await this.showSheet(sheet);
    await this.nameBox.click();
    await this.nameBox.fill(address);
    await this.nameBox.press("Enter");
    await expectEventually(`name box after going to ${address}`, () => this.nameBox.inputValue(), address);
  }

  cell(address) {
    return this.grid.locator(`[data-address="${address}"]`);
  }

  /** The text a cell shows (scrolled into view first). */
  async cellText(sheet, address) {
    await this.goTo(sheet, address);
    return ((await this.cell(address).textContent()) ?? "").trim();
  }

  /** What each cell of a row of addresses shows, e.g. ["F4", "H4"]. */
  async cellTexts(sheet, addresses) {
    const texts = [];
    for (const address of addresses) texts.push(await this.cellText(sheet, address));
    return texts;
  }

  /** Waits until what each cell shows is `expected`, e.g. { A1: "Id" }, once the formulas have caught up. */
  async expectCells(sheet, expected) {
    await this.waitForFormulas();
    const addresses = Object.keys(expected);
    await expectEventually(
      `${sheet} ${addresses.join(", ")}`,
      async () => Object.fromEntries((await this.cellTexts(sheet, addresses)).map((text, i) => [addresses[i], text])),
      expected,
    );
  }

  /** Whether each cell is filled as out of tolerance (the report's conditional format), e.g. { I5: false }. */
  async expectFlags(sheet, expected) {
    await this.waitForFormulas();
    const addresses = Object.keys(expected);
    await expectEventually(
      `out-of-tolerance fill of ${sheet} ${addresses.join(", ")}`,
      async () => {
        const flags = {};
        for (const address of addresses) {
          await this.goTo(sheet, address);
          // Only a conditional format sets a cell's own background; selection is a class.
          flags[address] = await this.cell(address).evaluate((cell) => cell.style.backgroundColor !== "");
        }
        return flags;
      },
      expected,
    );
  }

  /** Clicks a cell, types `text` and presses Enter, as a user entering a value or formula. */
  async typeInto(sheet, address, text) {
    await this.goTo(sheet, address);
    await this.cell(address).click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
  }

  /** Pastes tab-separated rows at `address`, as the clipboard holds cells copied from a spreadsheet. */
  async paste(sheet, address, rows) {
    await this.goTo(sheet, address);
    const text = rows.map((cells) => cells.join("\t")).join("\r\n") + "\r\n";
    await this.grid.evaluate((grid, clipboard) => {
      const data = new DataTransfer();
      data.setData("text/plain", clipboard);
      grid.focus();
      grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Selects from one cell to another with the mouse: a click, then a shift-click. */
  async selectWithMouse(sheet, from, to) {
    await this.goTo(sheet, from);
    await this.cell(from).click();
    await this.cell(to).click({ modifiers: ["Shift"] });
  }

  // ---- the task pane -----------------------------------------------------------------------

  /** Opens a view by its tab, or through the "more views" menu when the pane is too narrow to show its tab. */
  async openView(name) {
    const tab = this.pane.getByRole("tab", { name, exact: true });
    if (await tab.isVisible()) await tab.click();
    else {
      await this.pane.getByRole("tab", { name: /more views$/ }).click();
      await this.page.getByRole("menuitem", { name, exact: true }).click();
    }
    await expectEventually(`the ${name} tab`, () => tab.getAttribute("aria-selected"), "true");
  }

  async chooseMe(owner) {
    const control = this.pane.getByLabel("I am");
    if ((await control.evaluate((element) => element.tagName)) === "SELECT") {
      await control.selectOption({ label: owner });
      return;
    }
    // Over 100 owners the pane offers a filtered, windowed combobox: type, then pick the match.
    await control.fill(owner);
    await this.page.getByRole("option", { name: owner, exact: true }).click();
  }

  /** A node's card in My targets or Review. */
  card(name) {
    return this.pane.locator(`[aria-label="${name}"]`);
  }

  treeItem(name) {
    return this.pane.getByRole("treeitem", { name, exact: true });
  }

  /** Picks a node in one of the pane's node comboboxes by typing part of its name, as a user narrows it down. */
  async pickNode(label, name, option) {
    const box = this.pane.getByRole("combobox", { name: label, exact: true });
    await box.fill("");
    await box.pressSequentially(name);
    // The list opens in a popup outside the pane.
    await this.page.getByRole("option", { name: option, exact: true }).click();
    await expectEventually(`${label} after picking ${option}`, () => box.inputValue(), option);
  }

  async screenshot(path) {
    await this.page.screenshot({ path });
  }
}
