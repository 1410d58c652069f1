import ExcelJS from "exceljs";
import type { NodeEntry, PeriodValues, Plan, PlanNode, PlanSettings, Status } from "../../../src/core/plan/types";

export const SETTINGS: PlanSettings = {
  name: "FY27 targets",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-03-31",
  allowNegative: false,
};

function node(id: string, parent: string, name: string, owner: string): PlanNode {
  return { id, parent, name, owner, attributes: {} };
}

/**
 * Cara runs the company; Bob EMEA, with Ann's UK and France (approved) and Dirk's Germany below
 * it; Ann also runs APAC, with Kim's Japan below.
 */
export const NODES: readonly PlanNode[] = [
  node("CO", "", "Company", "Cara"),
  node("EMEA", "CO", "EMEA", "Bob"),
  node("UK", "EMEA", "United Kingdom", "Ann"),
  node("DE", "EMEA", "Germany", "Dirk"),
  node("FR", "EMEA", "France", "Ann"),
  node("APAC", "CO", "APAC", "Ann"),
  node("JP", "APAC", "Japan", "Kim"),
];

export function entry(id: string, values: PeriodValues, status: Status, comment = ""): NodeEntry {
  return {
    id,
    values,
    status,
    comment,
    returnReason: "",
    updatedAt: "2027-01-04T10:00:00.000Z",
    updatedBy: "someone",
  };
}

export function makePlan(): Plan {
  const entries = new Map<string, NodeEntry>(NODES.map((n) => [n.id, entry(n.id, [null, null], "Not started")]));
  entries.set("UK", entry("UK", [100, 110], "Draft", "first go"));
  entries.set("DE", entry("DE", [80, 90], "Submitted"));
  entries.set("FR", entry("FR", [50, 50], "Approved"));
  entries.set("JP", entry("JP", [40, 45], "Draft"));
  const topDown = new Map<string, PeriodValues>(NODES.map((n) => [n.id, [null, null]]));
  topDown.set("CO", [1000, 1200]);
  return { settings: SETTINGS, nodes: NODES, entries, topDown };
}

export async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.slice().buffer);
  return workbook;
}

/** Opens the file, lets `edit` change it as a user in Excel would, and saves it again. */
export async function editFile(
  data: Uint8Array,
  edit: (workbook: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Uint8Array> {
  const workbook = await loadWorkbook(data);
  await edit(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The Targets sheet's cell of a node (by id, in column A) and period label or "Comment". */
export function targetCell(workbook: ExcelJS.Workbook, id: string, column: string): ExcelJS.Cell {
  const sheet = workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
  let header = 0;
  let row = 0;
  sheet.eachRow((cells, r) => {
    const first = cells.getCell(1).value;
    if (first === "Id" && header === 0) header = r;
    else if (header > 0 && first === id) row = r;
  });
  const headers = sheet.getRow(header).values as unknown[];
  const col = headers.indexOf(column);
  if (row === 0 || col < 0) throw new Error(`No cell ${id} / ${column}`);
  return sheet.getCell(row, col);
}
