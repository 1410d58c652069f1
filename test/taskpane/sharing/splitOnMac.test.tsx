/** @jest-environment jsdom */
// Excel on Mac ignores `<a download>` in the task pane (OfficeDev/office-js #2700, #3385, #4681), so
// there the Share view opens each made workbook in Excel (`Excel.createWorkbook`, ExcelApi 1.8)
// instead of downloading it; every other host keeps the download.
import { screen, within } from "@testing-library/react";
import ExcelJS from "exceljs";
import { base64, excelOpensWorkbooksInsteadOfDownloads, openWorkbookInExcel } from "../../../src/excel/openWorkbook";
import { OWNER_STORAGE_KEY } from "../../../src/taskpane/hooks/useRememberedOwner";
import type { OpenWorkbook } from "../../../src/taskpane/openWorkbook";
import { MemoryPlanWorkbook } from "../../../src/workbook/memory/MemoryPlanWorkbook";
import { SETTINGS } from "../../support/plan";
import { installBrowserStreams } from "../support/browserStreams";
import { renderTaskPane, type RenderedPane } from "../support/renderTaskPane";

jest.setTimeout(60000);

installBrowserStreams();
const globals = globalThis as Record<string, unknown>;

async function managersWorkbook(): Promise<MemoryPlanWorkbook> {
  const workbook = new MemoryPlanWorkbook();
  await workbook.writePlan({
    settings: SETTINGS,
    nodes: [
      { id: "W", parent: "", name: "World", owner: "Cara", attributes: {} },
      { id: "N", parent: "W", name: "North", owner: "Ann", attributes: {} },
      { id: "S", parent: "W", name: "South", owner: "Bob", attributes: {} },
    ],
  });
  return workbook;
}

/** Every way the pane could start a download: object URLs made and anchors clicked. */
function watchDownloads(): { urls: number; clicks: string[] } {
  const seen = { urls: 0, clicks: [] as string[] };
  Object.defineProperty(URL, "createObjectURL", {
    configurable: true,
    value: () => `blob:groundup/${++seen.urls}`,
  });
  Object.defineProperty(URL, "revokeObjectURL", { configurable: true, value: () => undefined });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    seen.clicks.push(this.download);
  });
  return seen;
}

async function splitFor(owner: string, openWorkbook: OpenWorkbook | null): Promise<RenderedPane> {
  window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
  const pane = renderTaskPane(await managersWorkbook(), "en-US", { openWorkbook });
  await pane.user.click(await screen.findByRole("tab", { name: "Share" }));
  // The plan is read in a task of its own, as Excel reads it after a sync.
  const owners = await screen.findByRole("group", { name: "Owners" });
  await pane.user.click(within(owners).getByRole("checkbox", { name: owner }));
  await pane.user.click(screen.getByRole("button", { name: "Create workbooks" }));
  return pane;
}

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  jest.restoreAllMocks();
  delete globals.Excel;
  delete globals.Office;
});

describe("Excel on Mac: made workbooks open in Excel", () => {
  test("Open in Excel hands Excel.createWorkbook the file's bytes as base64; nothing is downloaded", async () => {
    const downloads = watchDownloads();
    const createWorkbook = jest.fn<Promise<void>, [string?]>(() => Promise.resolve());
    globals.Excel = { createWorkbook };
    const { user } = await splitFor("Ann", openWorkbookInExcel);

    const open = await screen.findByRole("button", { name: "Open FY27 - Ann.xlsx in Excel" }, { timeout: 20000 });
    expect(screen.getByText(/Excel on Mac can't download files from this pane/)).toBeInTheDocument();
    expect(createWorkbook).not.toHaveBeenCalled();
    await user.click(open);

    expect(createWorkbook).toHaveBeenCalledTimes(1);
    const sent = createWorkbook.mock.calls[0][0] as string;
    expect(sent).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // What Excel gets is Ann's workbook: her node, on the sheet she types her targets in.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(Buffer.from(sent, "base64")).buffer);
    const targets = book.getWorksheet("Targets") as ExcelJS.Worksheet;
    const cells: unknown[] = [];
    targets.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain("North");
    expect(cells).not.toContain("South");

    expect(await screen.findByRole("button", { name: "Open FY27 - Ann.xlsx in Excel" })).toHaveTextContent(
      "Open again",
    );
    expect(downloads).toEqual({ urls: 0, clicks: [] });
    expect(screen.queryByRole("link", { name: "FY27 - Ann.xlsx" })).not.toBeInTheDocument();
  });

  test("Excel refusing to open the file says so and names it", async () => {
    globals.Excel = { createWorkbook: () => Promise.reject(new Error("The operation is not allowed.")) };
    const { user } = await splitFor("Bob", openWorkbookInExcel);

    await user.click(await screen.findByRole("button", { name: "Open FY27 - Bob.xlsx in Excel" }, { timeout: 20000 }));
    expect(
      await screen.findByText(/^Could not open FY27 - Bob\.xlsx in Excel: The operation is not allowed\./),
    ).toBeInTheDocument();
  });
});

describe("other hosts: the download stays", () => {
  test("the file is downloaded and linked; there is no Open in Excel", async () => {
    const downloads = watchDownloads();
    await splitFor("Ann", null);

    expect(await screen.findByRole("link", { name: "FY27 - Ann.xlsx" }, { timeout: 20000 })).toHaveAttribute(
      "download",
      "FY27 - Ann.xlsx",
    );
    expect(downloads.clicks).toEqual(["FY27 - Ann.xlsx"]);
    expect(screen.queryByRole("button", { name: /in Excel$/ })).not.toBeInTheDocument();
  });
});

describe("which hosts open workbooks instead of downloading them", () => {
  test.each([
    ["Mac", true],
    ["PC", false],
    ["OfficeOnline", false],
    ["iOS", false],
  ])("Office.context.platform %s: %s", (platform, opens) => {
    globals.Office = {
      context: { platform },
      PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS" },
    };
    expect(excelOpensWorkbooksInsteadOfDownloads()).toBe(opens);
  });

  test("outside Office (the workbench) downloads", () => {
    expect(excelOpensWorkbooksInsteadOfDownloads()).toBe(false);
  });

  test("base64 of a file larger than one slice decodes to the same bytes", () => {
    const data = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
    expect(new Uint8Array(Buffer.from(base64(data), "base64"))).toEqual(data);
  });
});
