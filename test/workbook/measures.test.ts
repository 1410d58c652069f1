/**
 * Several measures (issue 12, src/core/plan/measures.ts) through both workbooks, the Excel adapter
 * through the recording double: a plan set up with revenue and units saves and reads back every
 * measure's inputs and targets, and setting it up again with a third measure keeps them all.
 */
import { SHEETS } from "../../src/core/plan/layout";
import type { NodeEntry, PlanNode, PlanSettings } from "../../src/core/plan/types";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS, readPlanOf } from "../support/plan";

const node = (id: string, parent: string, owner = ""): PlanNode => ({ id, parent, name: id, owner, attributes: {} });
const NODES = [node("CO", "", "Vera"), node("UK", "CO", "Ann"), node("DE", "CO", "Dan")];
const TWO: PlanSettings = { ...SETTINGS, moreMeasures: [{ name: "Units", unit: "units", decimals: 1 }] };

const KINDS: { name: string; open: (cells: MemoryWorkbook) => PlanWorkbook }[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  { name: "ExcelPlanWorkbook", open: (cells) => new ExcelPlanWorkbook(new RecordingExcel(cells).run) },
];

describe.each(KINDS)("$name: a plan with two measures", ({ open }) => {
  test("saves and reads back each measure's inputs and targets, and keeps them when a third measure is added", async () => {
    const cells = new MemoryWorkbook();
    const workbook = open(cells);
    await workbook.writePlan({ settings: TWO, nodes: NODES });
    const read = await readPlanOf(workbook);
    expect(read.entries.get("UK")?.values).toEqual([null, null, null, null]);

    const uk = read.entries.get("UK") as NodeEntry;
    const saved = await workbook.saveEntries(
      [
        {
          expected: uk,
          next: { ...uk, values: [120, 90, 10.5, 3], status: "Draft", updatedAt: "t1", updatedBy: "Ann" },
        },
      ],
      [],
    );
    expect(saved.ok).toBe(true);
    const targets = await workbook.saveTopDown(
      [{ id: "CO", values: [300, null, 20, 8.5], expected: read.topDown.get("CO") ?? null }],
      [],
    );
    expect(targets.ok).toBe(true);
    expect(cells.values({ sheet: SHEETS.inputs, row: 0, col: 0, rowCount: 1, colCount: 5 })).toEqual([
      ["Id", "Q1 2027", "Q2 2027", "Units Q1 2027", "Units Q2 2027"],
    ]);

    const again = await readPlanOf(workbook);
    expect(again.entries.get("UK")).toMatchObject({ values: [120, 90, 10.5, 3], status: "Draft" });
    expect(again.topDown.get("CO")).toEqual([300, null, 20, 8.5]);

    const three: PlanSettings = {
      ...again.settings,
      moreMeasures: [...(again.settings.moreMeasures ?? []), { name: "Margin", unit: "EUR", decimals: 0 }],
    };
    await workbook.writePlan({ settings: three, nodes: again.nodes });
    const kept = await readPlanOf(workbook);
    expect(kept.settings.moreMeasures?.map((measure) => measure.name)).toEqual(["Units", "Margin"]);
    expect(kept.entries.get("UK")).toMatchObject({ values: [120, 90, 10.5, 3, null, null], status: "Draft" });
    expect(kept.topDown.get("CO")).toEqual([300, null, 20, 8.5, null, null]);
  });
});
