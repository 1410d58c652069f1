/**
 * Puts a sample plan into an in-memory workbook as if its team had been at work: the plan is set up
 * through the same `writePlan` the task pane uses, then the inputs, statuses, top-down targets and
 * audit rows are written into the plan's tables in one write per column, the way someone would
 * paste them. (The workbook interface saves node by node, with a conflict check per row, which is
 * right for a person's save and needlessly slow for 10,000 rows at once.)
 */
import { auditTableRows } from "../src/core/audit/auditRows";
import type { CellRange } from "../src/core/a1";
import { idKey } from "../src/core/cell";
import { nextTask } from "../src/core/nextTask";
import {
  ID_HEADER,
  STATUS_HEADERS,
  TABLES,
  AUDIT_COLUMNS,
  blockFormats,
  blockInputs,
  blockRange,
  capacityTableLayout,
  findColumn,
  lastChainHash,
  toCellInput,
  type LayoutCell,
} from "../src/core/plan/layout";
import { textAsRead } from "../src/core/plan/text";
import type { NodeEntry, PlanSettings } from "../src/core/plan/types";
import type { MemoryPlanWorkbook } from "../src/workbook/memory/MemoryPlanWorkbook";
import type { CellInput, MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import type { SamplePlan } from "./samplePlan";

/** Audit rows hashed and appended per task while the sample loads (about 0.1 s of work each). */
const AUDIT_ROWS_PER_TASK = 2_000;

type StatusField = Exclude<keyof NodeEntry, "id" | "values">;

const STATUS_FIELDS: Readonly<Record<(typeof STATUS_HEADERS)[number], StatusField | null>> = {
  Id: null,
  Status: "status",
  Comment: "comment",
  "Return reason": "returnReason",
  "Updated at": "updatedAt",
  "Updated by": "updatedBy",
};

/**
 * Sets up `sample` in `book` (which should hold no plan yet) with everything its team has entered,
 * one table at a time, each in a task of its own.
 */
export async function loadSample(book: MemoryPlanWorkbook, sample: SamplePlan): Promise<void> {
  // Before the setup, so that it finds the table and gives the report its capacity block.
  if (sample.capacity !== undefined) writeCapacity(book.workbook, sample.settings, sample.capacity);
  await book.writePlan({ settings: sample.settings, nodes: sample.nodes });
  await nextTask();
  const workbook = book.workbook;
  const { periods } = sample.settings;

  // A generated plan makes its team's work when first read (`finish` in samplePlan.ts): a task of its own.
  const entries = new Map(sample.entries.map((entry) => [idKey(entry.id) as string, entry]));
  await nextTask();
  writeColumns(
    workbook,
    TABLES.inputs,
    entries,
    periods.map((period, p) => ({ header: period, cell: (entry: NodeEntry) => entry.values[p] ?? null })),
  );
  await nextTask();
  writeColumns(
    workbook,
    TABLES.status,
    entries,
    STATUS_HEADERS.flatMap((header) => {
      const field = STATUS_FIELDS[header];
      return field === null ? [] : [{ header, cell: (entry: NodeEntry) => entry[field] }];
    }),
  );
  await nextTask();
  const targets = new Map(sample.topDown.map((change) => [idKey(change.id) as string, change.values]));
  writeColumns(
    workbook,
    TABLES.targets,
    targets,
    periods.map((period, p) => ({ header: period, cell: (values: readonly (number | null)[]) => values[p] ?? null })),
  );
  await nextTask();
  // Chained as the pane appends them (src/core/audit/chain.ts), below the new table's blank row, in
  // parts of one task each: hashing a 10,000-node sample's log at once blocked the page for 0.9 s.
  let previous = "";
  for (let start = 0; start < sample.audit.length; start += AUDIT_ROWS_PER_TASK) {
    const rows = auditTableRows(AUDIT_COLUMNS, previous, sample.audit.slice(start, start + AUDIT_ROWS_PER_TASK));
    workbook.appendTableRows(TABLES.audit, rows);
    previous = textAsRead(lastChainHash(AUDIT_COLUMNS, rows[rows.length - 1]));
    await nextTask();
  }
  if (sample.accounts !== undefined) writeAccounts(workbook, sample.accounts);
}

/** The capacity table as the pane adds it (capacityTableLayout), holding `rows`. */
function writeCapacity(
  workbook: MemoryWorkbook,
  settings: PlanSettings,
  rows: readonly (readonly (string | number | null)[])[],
): void {
  const { table, blocks } = capacityTableLayout(settings);
  workbook.addSheet(table.sheet);
  workbook.addTable(table.name, {
    sheet: table.sheet,
    row: 0,
    col: 0,
    rowCount: 1 + rows.length,
    colCount: table.colCount,
  });
  for (const block of blocks) {
    const range = blockRange(block);
    const formats = blockFormats(block, block.row === 0 ? 1 : rows.length);
    if (formats !== null) workbook.setNumberFormats({ ...range, rowCount: formats.length }, formats);
    if (block.row === 0 && block.cells !== null) workbook.write(range, blockInputs(block));
  }
  workbook.write(
    { sheet: table.sheet, row: 1, col: 0, rowCount: rows.length, colCount: table.colCount },
    rows.map((row) => row.map((cell) => toCellInput(cell))),
  );
}

const ACCOUNTS = "Accounts";

/** The sample's accounts on a sheet and table of their own, "Accounts", as a sales team keeps them. */
function writeAccounts(workbook: MemoryWorkbook, rows: readonly (readonly (string | number)[])[]): void {
  const range: CellRange = { sheet: ACCOUNTS, row: 0, col: 0, rowCount: rows.length, colCount: rows[0].length };
  if (!workbook.hasSheet(ACCOUNTS)) workbook.addSheet(ACCOUNTS);
  workbook.write(
    range,
    rows.map((row) => row.map((cell) => toCellInput(cell))),
  );
  workbook.addTable(ACCOUNTS, range);
}

interface ColumnSource<T> {
  readonly header: string;
  readonly cell: (row: T) => LayoutCell;
}

/** Fills the named columns of a per-node table for the ids in `rows`; other rows are left as they are. */
function writeColumns<T>(
  workbook: MemoryWorkbook,
  tableName: string,
  rows: ReadonlyMap<string, T>,
  columns: readonly ColumnSource<T>[],
): void {
  const table = workbook.table(tableName);
  if (table === undefined) throw new Error(`The plan has no table ${tableName}`);
  const { range } = table;
  const [headers, ...body] = workbook.values(range);
  const idColumn = findColumn(headers, ID_HEADER);
  const found = body.map((cells) => rows.get(idKey(cells[idColumn]) ?? ""));
  for (const column of columns) {
    const col = findColumn(headers, column.header);
    if (col < 0) throw new Error(`Table ${tableName} has no column "${column.header}"`);
    const target: CellRange = {
      ...range,
      row: range.row + 1,
      col: range.col + col,
      rowCount: body.length,
      colCount: 1,
    };
    const inputs: CellInput[][] = found.map((row) => [row === undefined ? null : toCellInput(column.cell(row))]);
    workbook.write(target, inputs);
  }
}
