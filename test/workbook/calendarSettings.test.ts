/**
 * A fiscal calendar and annual entry kept in the plan's settings table (issue 12, "Periods and
 * spreading"), in both PlanWorkbook implementations over the same cells: the in-memory one, and the
 * Excel one through the recording double of Office.js.
 */
import { TABLES } from "../../src/core/plan/layout";
import { calendarPeriods, type PlanCalendar } from "../../src/core/plan/planCalendar";
import type { PlanNode, PlanSettings } from "../../src/core/plan/types";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS } from "../support/plan";

const NODES: PlanNode[] = [{ id: "CO", parent: "", name: "Company", owner: "", attributes: {} }];

const NRF: PlanCalendar = {
  calendar: { kind: "weeks", pattern: "4-5-4", endMonth: 1, endWeekday: 6, yearEnd: "nearest", namedBy: "start" },
  firstYear: 2028,
  grain: "month",
};

const RETAIL: PlanSettings = {
  ...SETTINGS,
  periods: calendarPeriods(NRF, 12).map((period) => period.label),
  calendar: NRF,
  entry: { mode: "annual", spread: "weeks", annualTarget: "equal" },
};

function valueOf(cells: MemoryWorkbook, key: string): unknown {
  const { range } = cells.table(TABLES.settings) as { range: Parameters<MemoryWorkbook["values"]>[0] };
  return cells
    .values(range)
    .slice(1)
    .find((row) => row[0] === key)?.[1];
}

const KINDS: { name: string; open: (cells: MemoryWorkbook) => PlanWorkbook }[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  { name: "ExcelPlanWorkbook", open: (cells) => new ExcelPlanWorkbook(new RecordingExcel(cells).run) },
];

describe.each(KINDS)("$name", ({ open }) => {
  it("writes the NRF calendar's rows as text (4-5-4 is no date), with the 53-week year's dates, and reads them back", async () => {
    const cells = new MemoryWorkbook();
    const workbook = open(cells);
    await workbook.writePlan({ settings: RETAIL, nodes: NODES });
    expect(valueOf(cells, "calendar")).toBe("4-5-4");
    expect(valueOf(cells, "fiscalEndWeekday")).toBe("Saturday");
    expect(valueOf(cells, "periodDates")).toMatch(
      /^Feb 2028: 2028-01-30 to 2028-02-26; .*; Jan 2029: 2028-12-31 to 2029-02-03$/,
    );
    expect((await workbook.readPlan())?.settings).toEqual(RETAIL);
    expect((await new MemoryPlanWorkbook(cells).readPlan())?.settings).toEqual(RETAIL);
  });

  it("a setup again with calendar periods and a value per period leaves no calendar or entry rows behind", async () => {
    const cells = new MemoryWorkbook();
    const workbook = open(cells);
    await workbook.writePlan({ settings: RETAIL, nodes: NODES });
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    expect(valueOf(cells, "calendar")).toBeUndefined();
    expect(valueOf(cells, "entryMode")).toBeUndefined();
    expect((await workbook.readPlan())?.settings).toEqual(SETTINGS);
  });
});
