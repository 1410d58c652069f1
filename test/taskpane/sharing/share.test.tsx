/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import ExcelJS from "exceljs";
import type { NodeEntry } from "../../../src/core/plan/types";
import { OWNER_STORAGE_KEY } from "../../../src/taskpane/hooks/useRememberedOwner";
import { MemoryPlanWorkbook } from "../../../src/workbook/memory/MemoryPlanWorkbook";
import { installBrowserStreams } from "../support/browserStreams";
import { renderTaskPane, type RenderedPane } from "../support/renderTaskPane";
import { SETTINGS, readEntryOf } from "../../support/plan";

jest.setTimeout(60000);

installBrowserStreams();

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

/** World (Cara) and 300 nodes below it, each with an owner of its own ("owner 001"...). */
async function manyOwnersWorkbook(): Promise<MemoryPlanWorkbook> {
  const workbook = new MemoryPlanWorkbook();
  const leaves = Array.from({ length: 300 }, (_, i) => {
    const n = String(i + 1).padStart(3, "0");
    return { id: `N${n}`, parent: "W", name: `Node ${n}`, owner: `owner ${n}`, attributes: {} };
  });
  await workbook.writePlan({
    settings: SETTINGS,
    nodes: [{ id: "W", parent: "", name: "World", owner: "Cara", attributes: {} }, ...leaves],
  });
  return workbook;
}

/** What the browser was asked to download: object URLs are recorded, anchors' clicks captured. */
interface Downloads {
  readonly blobs: Map<string, Blob>;
  readonly clicked: { fileName: string; url: string }[];
}

function captureDownloads(): Downloads {
  const blobs = new Map<string, Blob>();
  const clicked: { fileName: string; url: string }[] = [];
  let next = 0;
  Object.defineProperty(URL, "createObjectURL", {
    configurable: true,
    value: (blob: Blob) => {
      const url = `blob:groundup/${++next}`;
      blobs.set(url, blob);
      return url;
    },
  });
  Object.defineProperty(URL, "revokeObjectURL", { configurable: true, value: (url: string) => blobs.delete(url) });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ fileName: this.download, url: this.getAttribute("href") ?? "" });
  });
  return { blobs, clicked };
}

function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

async function openShare(workbook: MemoryPlanWorkbook): Promise<RenderedPane> {
  window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
  const pane = renderTaskPane(workbook);
  await pane.user.click(await screen.findByRole("tab", { name: "Share" }));
  // The plan is read in a task of its own, as Excel reads it after a sync.
  await screen.findByRole("group", { name: "Owners" });
  return pane;
}

/** Ann's workbook as she sends it back: North's targets and a comment typed in. */
async function annsReturnedFile(downloads: Downloads, url: string): Promise<File> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await bytesOf(downloads.blobs.get(url) as Blob)).slice().buffer);
  const targets = book.getWorksheet("Targets") as ExcelJS.Worksheet;
  // Row 6 is North, her only node; its period columns are E and F, the comment G.
  targets.getCell("E6").value = 300;
  targets.getCell("F6").value = 320;
  targets.getCell("G6").value = "Stretch";
  const data = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  return new File([data], "FY27 - Ann.xlsx", {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent ?? ""),
    );
}

beforeEach(() => window.localStorage.clear());
afterEach(() => jest.restoreAllMocks());

describe("the Share view", () => {
  test("with hundreds of owners, draws only those in view; an owner found by name stays chosen", async () => {
    const downloads = captureDownloads();
    const { user } = await openShare(await manyOwnersWorkbook());
    const owners = screen.getByRole("group", { name: "Owners" });
    expect(within(owners).getAllByRole("checkbox").length).toBeLessThan(40);

    const search = screen.getByRole("searchbox", { name: "Find an owner" });
    await user.type(search, "owner 250");
    await user.click(await within(owners).findByRole("checkbox", { name: "owner 250" }));
    expect(screen.getByText("1 of 301 owners chosen")).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, "nobody");
    expect(await screen.findByText('No owner\'s name contains "nobody"')).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Create workbooks" }));
    await screen.findByRole("link", { name: "FY27 - owner 250.xlsx" }, { timeout: 10000 });
    expect(downloads.clicked.map((download) => download.fileName)).toEqual(["FY27 - owner 250.xlsx"]);
  });

  test("split for one owner, edit the file, collect it, see the preview, apply", async () => {
    const downloads = captureDownloads();
    const workbook = await managersWorkbook();
    const { user } = await openShare(workbook);

    await user.click(within(screen.getByRole("group", { name: "Owners" })).getByRole("checkbox", { name: "Ann" }));
    await user.click(screen.getByRole("button", { name: "Create workbooks" }));
    const link = await screen.findByRole("link", { name: "FY27 - Ann.xlsx" }, { timeout: 10000 });
    expect(downloads.clicked).toEqual([{ fileName: "FY27 - Ann.xlsx", url: link.getAttribute("href") }]);
    expect(link).toHaveAttribute("download", "FY27 - Ann.xlsx");

    const returned = await annsReturnedFile(downloads, link.getAttribute("href") as string);
    await user.upload(screen.getByLabelText("Returned workbooks"), returned);

    const table = await screen.findByRole("table", { name: "Changes in FY27 - Ann.xlsx" }, { timeout: 10000 });
    expect(rows(table)).toEqual([
      ["North", "Q1 2027", "—", "300", "Accepted"],
      ["North", "Q2 2027", "—", "320", "Accepted"],
      ["North", "comment", "—", "Stretch", "Accepted"],
      ["North", "status", "Not started", "Submitted", "Accepted"],
    ]);
    // The owner comes from the plan's own record of the file it made (GU Files), which the preview names.
    expect(
      screen.getByText(/^Matched the workbook made for Ann on .* by Cara \(file [0-9a-f]{8}\); collected as Ann's$/),
    ).toBeInTheDocument();
    expect(screen.getByText("3 changes accepted, 0 rejected")).toBeInTheDocument();
    expect(await readEntryOf(workbook, "N")).toMatchObject({ values: [null, null], status: "Not started" });

    await user.click(screen.getByRole("button", { name: "Apply accepted changes" }));
    expect(await screen.findByText("Applied 3 changes to 1 node")).toBeInTheDocument();
    expect(await readEntryOf(workbook, "N")).toMatchObject({
      values: [300, 320],
      comment: "Stretch",
      status: "Submitted",
      updatedBy: "Ann",
    });
    const audit = await workbook.readAudit();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((entry) => entry.note === `Submit from file "FY27 - Ann.xlsx", collected by Cara`)).toBe(true);
    expect(screen.queryByRole("table", { name: "Changes in FY27 - Ann.xlsx" })).not.toBeInTheDocument();
  });

  test("all owners at once: one download each", async () => {
    const downloads = captureDownloads();
    const { user } = await openShare(await managersWorkbook());
    await user.click(screen.getByRole("checkbox", { name: "All owners" }));
    await user.click(screen.getByRole("button", { name: "Create workbooks" }));
    await screen.findByRole("list", { name: "Workbooks" }, { timeout: 20000 });
    expect(downloads.clicked.map((download) => download.fileName)).toEqual([
      "FY27 - Ann.xlsx",
      "FY27 - Bob.xlsx",
      "FY27 - Cara.xlsx",
    ]);
  });

  test("a file that is not a workbook gets a clear message and nothing can be applied", async () => {
    const workbook = await managersWorkbook();
    const { user } = await openShare(workbook);
    const broken = new File([new Uint8Array(0)], "empty.xlsx");
    const notes = new File(["Id;Q1\nN;5"], "notes.xlsx");
    await user.upload(screen.getByLabelText("Returned workbooks"), [broken, notes]);

    const empty = await screen.findByRole("region", { name: "empty.xlsx" }, { timeout: 10000 });
    expect(within(empty).getByText("The file is empty")).toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: "notes.xlsx" })).getByText("This is not an Excel workbook (.xlsx)"),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Apply accepted changes" })).toBeDisabled();
    expect(await workbook.readAudit()).toEqual([]);
  });

  test("save a snapshot, change the plan, compare: what changed and by whom", async () => {
    const workbook = await managersWorkbook();
    const { user } = await openShare(workbook);
    expect(
      await screen.findByText("No snapshots yet. Save one to compare the plan with it later."),
    ).toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Snapshot name" }), "Kick-off");
    await user.click(screen.getByRole("button", { name: "Save snapshot" }));
    expect(await screen.findByText(`Saved the snapshot "Kick-off"`)).toBeInTheDocument();
    const list = await screen.findByRole("table", { name: "Snapshots" });
    expect(rows(list).map((row) => [row[0], row[2]])).toEqual([["Kick-off", "Cara"]]);

    const read = await readEntryOf(workbook, "N");
    const next: NodeEntry = {
      ...read,
      values: [120, null],
      status: "Draft",
      updatedAt: new Date(Date.now() + 60_000).toISOString(),
      updatedBy: "Ann",
    };
    await workbook.saveEntries(
      [{ expected: read, next }],
      [
        {
          time: next.updatedAt,
          user: "Ann",
          node: "N",
          field: "Q1 2027",
          oldValue: "",
          newValue: "120",
          note: "Saved as draft",
        },
      ],
    );

    await user.click(screen.getByRole("button", { name: "Compare with Kick-off" }));
    const changes = await screen.findByRole("table", { name: "Changes since Kick-off" });
    expect(rows(changes)).toEqual([
      ["North", "Q1 2027", "—", "120", "Ann"],
      ["North", "status", "Not started", "Draft", ""],
    ]);
  });
});
