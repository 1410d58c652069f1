import ExcelJS from "exceljs";
import { HyperFormula } from "hyperformula";
import { buildPlanView } from "../../src/core/plan/planView";
import { splitPlan, SplitError } from "../../src/xlsx/splitFiles";
import { contributorFileName } from "../../src/core/sharing/contributorFile";
import { previewCollect } from "../../src/core/sharing/collect";
import type { NodeEntry, Plan, PlanNode } from "../../src/core/plan/types";
import { readReturnedFile } from "../../src/xlsx/returnedFile";
import { entry, loadWorkbook, makePlan, SETTINGS } from "../core/sharing/fixture";

const NOW = "2027-01-05T08:00:00.000Z";

async function annsWorkbook(): Promise<ExcelJS.Workbook> {
  const [file] = await splitPlan(makePlan(), ["Ann"], { now: NOW });
  return loadWorkbook(file.data);
}

function column(sheet: ExcelJS.Worksheet, col: number, from: number): unknown[] {
  const values: unknown[] = [];
  for (let r = from; r <= sheet.rowCount; r++) values.push(sheet.getCell(r, col).value);
  return values;
}

/** A cell as HyperFormula takes it: a formula as "=...", a value as it is. */
function engineInput(cell: ExcelJS.Cell): string | number | boolean | null {
  if (cell.type === ExcelJS.ValueType.Formula) return `=${cell.formula}`;
  const value = cell.value;
  return typeof value === "number" || typeof value === "boolean" || typeof value === "string" ? value : null;
}

/** Every cell of a sheet as HyperFormula takes it. */
function sheetForEngine(sheet: ExcelJS.Worksheet): (string | number | boolean | null)[][] {
  return Array.from({ length: sheet.rowCount }, (_, r) =>
    Array.from({ length: sheet.columnCount }, (_, c) => engineInput(sheet.getCell(r + 1, c + 1))),
  );
}

/** What a contributor sees of an input cell: unlocked, yellow, validated as a target. */
function inputLook(found: ExcelJS.Cell | undefined): { unlocked: boolean; yellow: boolean; validated: boolean } {
  const fill = found?.fill as ExcelJS.FillPattern | undefined;
  return {
    unlocked: found?.protection?.locked === false,
    yellow: fill?.fgColor?.argb === "FFFFF2CC",
    validated: found?.dataValidation?.type === "decimal",
  };
}

describe("splitting a plan into contributor workbooks", () => {
  test("one file per owner, named after the plan and the owner", async () => {
    const files = await splitPlan(makePlan(), "all", { now: NOW });
    expect(files.map((file) => [file.owner, file.fileName, file.rows, file.editable])).toEqual([
      ["Ann", "FY27 targets - Ann.xlsx", 4, 2],
      ["Bob", "FY27 targets - Bob.xlsx", 4, 1],
      ["Cara", "FY27 targets - Cara.xlsx", 7, 1],
      ["Dirk", "FY27 targets - Dirk.xlsx", 1, 1],
      ["Kim", "FY27 targets - Kim.xlsx", 1, 1],
    ]);
    expect(files.every((file) => file.data[0] === 0x50 && file.data[1] === 0x4b)).toBe(true);
  });

  test("refuses an owner who owns nothing", async () => {
    await expect(splitPlan(makePlan(), ["Zoe"], { now: NOW })).rejects.toThrow(
      "Zoe owns no node in this plan, so there is no workbook to make",
    );
    await expect(splitPlan(makePlan(), ["Zoe"], { now: NOW })).rejects.toBeInstanceOf(SplitError);
  });

  test.each([
    ["FY27 targets", "Ann", "FY27 targets - Ann.xlsx"],
    ["Plan 2027/28: draft?", "O'Brien <ops>", "Plan 2027_28_ draft_ - O'Brien _ops_.xlsx"],
    ["  ", "Ann", "Targets - Ann.xlsx"],
  ])("the file for plan %p and owner %p is called %p", (plan, owner, name) => {
    expect(contributorFileName(plan, owner)).toBe(name);
  });

  test("holds the owner's nodes with their subtrees, in tree order, as values", async () => {
    const workbook = await annsWorkbook();
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["Targets", "visible"],
      ["Report", "visible"],
      ["Settings", "visible"],
      ["Groundup", "veryHidden"],
    ]);
    const targets = workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
    expect(targets.getRow(5).values).toEqual([
      undefined,
      "Id",
      "Name",
      "Owner",
      "Status",
      "Q1 2027",
      "Q2 2027",
      "Comment",
    ]);
    expect(column(targets, 1, 6)).toEqual(["UK", "FR", "APAC", "JP"]);
    expect(column(targets, 3, 6)).toEqual(["Ann", "Ann", "Ann", "Kim"]);
    expect(column(targets, 4, 6)).toEqual(["Draft", "Approved", "Not started", "Draft"]);
    expect(column(targets, 5, 6)).toEqual([100, 50, null, 40]);
    expect(targets.getCell("G6").value).toBe("first go");
    expect(targets.getCell("B9").alignment?.indent).toBe(1);
  });

  test("protects every sheet; only the period and comment cells of rows the owner may edit are unlocked", async () => {
    const workbook = await annsWorkbook();
    for (const sheet of workbook.worksheets)
      expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const targets = workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
    const unlocked: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          if (cell.protection?.locked === false) unlocked.push(`${sheet.name}!${cell.address}`);
        }),
      );
    // UK (row 6, a draft) and APAC (row 8, not started); France is approved, Japan is Kim's.
    expect(unlocked.sort()).toEqual([
      "Targets!E6",
      "Targets!E8",
      "Targets!F6",
      "Targets!F8",
      "Targets!G6",
      "Targets!G8",
    ]);
    expect(targets.getCell("E6").dataValidation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual" });
  });

  test("marks the file with an unguessable file id; the values as made go only into the plan's record", async () => {
    const [file, other] = await splitPlan(makePlan(), ["Ann", "Ann"], { now: NOW, madeBy: "Cara" });
    const marker = (await loadWorkbook(file.data)).getWorksheet("Groundup") as ExcelJS.Worksheet;
    expect([1, 2, 3, 4, 5].map((r) => marker.getRow(r).values)).toEqual([
      [undefined, "Groundup contributor workbook", 2],
      [undefined, "Plan", "FY27 targets"],
      [undefined, "Owner", "Ann"],
      [undefined, "Made", NOW],
      [undefined, "File", file.record.fileId],
    ]);
    expect(marker.rowCount).toBe(5);
    expect(file.record.fileId).toMatch(/^[0-9a-f]{32}$/);
    expect(other.record.fileId).not.toBe(file.record.fileId);
    expect(file.record).toMatchObject({ owner: "Ann", plan: "FY27 targets", made: NOW, madeBy: "Cara" });
    expect(file.record.rows.find((row) => row.id === "UK")).toEqual({
      id: "UK",
      values: [100, 110],
      comment: "first go",
    });
    expect(file.record.rows.map((row) => row.id)).toEqual(["UK", "FR", "APAC", "JP"]);
  });

  test("reports progress while it builds and yields between chunks", async () => {
    const seen: number[] = [];
    await splitPlan(makePlan(), ["Ann"], { now: NOW, onProgress: (progress) => seen.push(progress.rowsDone) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toBeGreaterThan(seen[0]);
  });

  test("the report works in a plain spreadsheet: SUM over the owner's rows, cascaded targets as values", async () => {
    const workbook = await annsWorkbook();
    const report = workbook.getWorksheet("Report") as ExcelJS.Worksheet;
    expect(report.getCell("C7").formula).toBe("SUM('Targets'!E8:E9)");
    expect(report.getCell("C4").value).toBe("Bottom-up");

    // Ann types APAC's targets; a spreadsheet engine without the BU functions recomputes the report.
    const targets = workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
    targets.getCell("E8").value = 300;
    const engine = HyperFormula.buildFromSheets(
      { Targets: sheetForEngine(targets), Report: sheetForEngine(report) },
      { licenseKey: "gpl-v3" },
    );
    const sheet = engine.getSheetId("Report") as number;
    const value = (address: string): unknown => {
      const cell = engine.simpleCellAddressFromString(address, sheet);
      if (cell === undefined) throw new Error(address);
      return engine.getCellValue(cell);
    };
    const plan = makePlan();
    const typed = new Map(plan.entries);
    typed.set("APAC", entry("APAC", [300, null], "Draft"));
    const bottomUp = buildPlanView({ ...plan, entries: typed }).byId.get("APAC")?.periods[0].bottomUp;
    // The targets are guidance as cascaded when the file was made.
    const guidance = buildPlanView(plan).byId.get("APAC")?.periods[0].topDown as number;
    expect(value("C7")).toBe(bottomUp);
    expect(value("C7")).toBe(340);
    expect(value("D7")).toBe(guidance);
    expect(value("E7")).toBe(340 - guidance);
    expect(value("F7")).toBeCloseTo((340 - guidance) / guidance, 10);
    expect(value("C5")).toBe(100);
    engine.destroy();
  });

  test("each report row sums its whole subtree, at every depth", async () => {
    const [file] = await splitPlan(makePlan(), ["Cara"], { now: NOW });
    const workbook = await loadWorkbook(file.data);
    const report = workbook.getWorksheet("Report") as ExcelJS.Worksheet;
    const targets = workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
    expect(column(targets, 1, 6)).toEqual(["CO", "EMEA", "UK", "DE", "FR", "APAC", "JP"]);
    expect([5, 6, 7, 8, 9, 10, 11].map((r) => report.getCell(`C${r}`).formula)).toEqual([
      "SUM('Targets'!E6:E12)",
      "SUM('Targets'!E7:E10)",
      "SUM('Targets'!E8:E8)",
      "SUM('Targets'!E9:E9)",
      "SUM('Targets'!E10:E10)",
      "SUM('Targets'!E11:E12)",
      "SUM('Targets'!E12:E12)",
    ]);
    expect([6, 7, 8, 9, 10, 11, 12].map((r) => targets.getCell(`B${r}`).alignment?.indent ?? 0)).toEqual([
      0, 1, 2, 2, 2, 1, 2,
    ]);
  });

  test("user text keeps every character: XML's own, spaces around it, line breaks, text that looks like a formula", async () => {
    const plan = makePlan();
    const nodes = plan.nodes.map((n) => (n.id === "UK" ? { ...n, name: 'R&D <core> "UK"' } : n));
    const entries = new Map(plan.entries);
    entries.set("UK", entry("UK", [100, 110], "Draft", "  two\r\nlines & a\ttab  "));
    entries.set("APAC", entry("APAC", [null, null], "Draft", "=SUM(A1:A9)"));
    const [file] = await splitPlan({ ...plan, nodes, entries }, ["Ann"], { now: NOW });

    const targets = (await loadWorkbook(file.data)).getWorksheet("Targets") as ExcelJS.Worksheet;
    expect(targets.getCell("B6").value).toBe('R&D <core> "UK"');
    expect(targets.getCell("G6").value).toBe("  two\r\nlines & a\ttab  ");
    expect(targets.getCell("G8").value).toBe("=SUM(A1:A9)");
    expect(targets.getCell("G8").type).toBe(ExcelJS.ValueType.String);

    const read = await readReturnedFile(file.data);
    if (!read.ok) throw new Error(read.message);
    const uk = read.workbook.rows.find((row) => row.id === "UK");
    expect(uk?.name).toBe('R&D <core> "UK"');
    expect(uk?.comment).toEqual({ kind: "text", text: "  two\r\nlines & a\ttab  " });
  });

  test("refuses with a clear message where the browser can't compress", async () => {
    const compression = globalThis.CompressionStream;
    Object.assign(globalThis, { CompressionStream: undefined });
    try {
      await expect(splitPlan(makePlan(), ["Ann"], { now: NOW })).rejects.toThrow(/can't pack workbooks/);
    } finally {
      Object.assign(globalThis, { CompressionStream: compression });
    }
  });

  test("negative targets allowed: the cells accept any number between -1e15 and 1e15", async () => {
    const [file] = await splitPlan({ ...makePlan(), settings: { ...SETTINGS, allowNegative: true } }, ["Ann"], {
      now: NOW,
    });
    const targets = (await loadWorkbook(file.data)).getWorksheet("Targets") as ExcelJS.Worksheet;
    expect(targets.getCell("F8").dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      formulae: [-1e15, 1e15],
    });
  });

  describe("a file of 2,500 rows, Ann's nodes scattered among Bob's", () => {
    const COUNT = 5000;
    function scatteredPlan(): Plan {
      const nodes: PlanNode[] = [{ id: "TOP", parent: "", name: "Top", owner: "Boss", attributes: {} }];
      const entries = new Map<string, NodeEntry>();
      for (let i = 0; i < COUNT; i++) {
        const id = `N${i}`;
        nodes.push({ id, parent: "TOP", name: `Node ${i}`, owner: i % 2 === 0 ? "Ann" : "Bob", attributes: {} });
        // Every fifth of Ann's is approved: locked for her.
        entries.set(id, entry(id, [i, i % 3 === 0 ? null : i + 0.5], i % 10 === 0 ? "Approved" : "Draft"));
      }
      entries.set("TOP", entry("TOP", [null, null], "Not started"));
      return { settings: SETTINGS, nodes, entries, topDown: new Map([["TOP", [1e6, 2e6]]]) };
    }

    test("only Ann's unapproved rows are yellow, unlocked and validated; panes frozen; progress all along", async () => {
      const updates: number[] = [];
      const [file] = await splitPlan(scatteredPlan(), ["Ann"], {
        now: NOW,
        onProgress: (progress) => updates.push(progress.rowsDone / progress.rows),
      });
      expect(file.rows).toBe(COUNT / 2);
      expect(file.editable).toBe(COUNT / 2 - COUNT / 10);
      expect(updates.length).toBeGreaterThan(4);
      expect(updates[updates.length - 1]).toBe(1);
      expect(updates.every((done, i) => i === 0 || done >= updates[i - 1])).toBe(true);

      const workbook = await loadWorkbook(file.data);
      const targets = workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
      expect(targets.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 5 });
      const wrong: string[] = [];
      for (let r = 6; r < 6 + file.rows; r++) {
        const editable = targets.getCell(r, 4).value === "Draft";
        for (const col of [5, 6, 7]) {
          const { unlocked, yellow, validated } = inputLook(targets.findCell(r, col));
          if (unlocked !== editable || yellow !== editable || (col < 7 && validated !== editable))
            wrong.push(`R${r}C${col}`);
        }
      }
      expect(wrong).toEqual([]);
      const report = workbook.getWorksheet("Report") as ExcelJS.Worksheet;
      expect(report.getCell(`C${4 + file.rows}`).formula).toBe(`SUM('Targets'!E${5 + file.rows}:E${5 + file.rows})`);
    });

    test("the add-in's strict reader reads every row back as made: collect finds nothing changed", async () => {
      const plan = scatteredPlan();
      const [file] = await splitPlan(plan, ["Ann"], { now: NOW });
      const read = await readReturnedFile(file.data);
      if (!read.ok) throw new Error(read.message);
      expect(read.workbook.fileId).toBe(file.record.fileId);
      expect(read.workbook.rows.map((row) => row.id)).toEqual(file.record.rows.map((row) => row.id));
      expect(read.workbook.rows[1].cells).toEqual([
        { kind: "number", value: 2 },
        { kind: "number", value: 2.5 },
      ]);
      const preview = previewCollect(
        plan,
        [{ fileName: file.fileName, read }],
        new Map([[file.record.fileId, file.record]]),
        { now: NOW, collectedBy: "Cara", locale: "en-US" },
      );
      expect(preview.files[0]).toMatchObject({ owner: "Ann", error: null, changes: [] });
      expect(preview.entries).toEqual([]);
    });
  });
});
