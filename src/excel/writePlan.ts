import {
  AUDIT_TABLE,
  READ_TABLES,
  SHEETS,
  TABLES,
  auditHeaderBlock,
  buildPlanLayoutInTasks,
  noDynamicArraysBlock,
  reportWidth,
  type CellInput,
  type PlanLayout,
  type TableLayout,
} from "../core/plan/layout";
import type { PlanSetup, SetupOutcome, SetupProgress } from "../workbook/PlanWorkbook";
import { appendAudit } from "./audit";
import { queueSpillProbe } from "./dynamicArrays";
import type { AuditPlace } from "./auditChain";
import type { Append } from "./tableRows";
import { setupAuditRows } from "./setupAudit";
import { hintsFromLayout, type RowHints } from "./hints";
import { excelMessages, officeErrorMessage } from "./messages";
import { SheetCache, WriteStopped, addToleranceRules, writeBlocks, writeSlice } from "./sheetWrites";
import { saveSnapshot } from "./snapshots";
import { planGrids, readTables, tableAndSheetNames, tablesPresent } from "./tableReads";
import { valueColumns } from "../core/plan/measures";

/** The audit rows of a setup (what it changes), chained below the log as it was read. */
interface SetupAudit {
  readonly place: AuditPlace;
  readonly rows: CellInput[][];
}

/** A setup that stopped part-way: what `writePlan` needs to resume it. */
export interface StoppedSetup {
  readonly setup: PlanSetup;
  readonly layout: PlanLayout;
  readonly audit: SetupAudit;
  readonly done: number;
  readonly snapshot: string | null;
}

/**
 * Sets the plan up, keeping what the per-node tables hold (`buildPlanLayout`); notes in `hints`
 * where the rows now are. Over an existing plan it first takes a snapshot ("Before setup ..."), so
 * that a setup that stops part-way (a chunk refused, the pane closed, a cancel) loses nothing the
 * user cannot see again. `resume`, the setup that stopped with this same `setup`, continues from
 * its first unwritten chunk with the layout it had computed (re-reading half-written tables would
 * lose inputs). A stop throws `SetupStoppedError`, which carries what a resume needs.
 * The last chunk also asks Excel whether it has dynamic arrays (dynamicArrays.ts); where it has
 * not, one more sync puts a warning in the report's title row, and the outcome says so.
 */
export async function writePlan(
  context: Excel.RequestContext,
  setup: PlanSetup,
  writeBudget: number,
  hints: RowHints,
  progress: SetupProgress = {},
  resume: StoppedSetup | null = null,
): Promise<SetupOutcome> {
  const names = await tableAndSheetNames(context);
  let layout: PlanLayout;
  let audit: SetupAudit;
  let snapshot: string | null = null;
  if (resume !== null) {
    ({ layout, audit, snapshot } = resume);
  } else {
    if (names.tables.has(TABLES.settings.toLowerCase())) {
      const time = new Date().toISOString();
      snapshot = `Before setup ${time.slice(0, 19).replace("T", " ")}`;
      try {
        await saveSnapshot(context, { name: snapshot, time, user: "Groundup" }, writeBudget);
      } catch (error) {
        const reason = officeErrorMessage(error) ?? (error instanceof Error ? error.message : String(error));
        throw new Error(excelMessages.snapshotFailed(reason), { cause: error });
      }
    }
    // The whole plan as it was, for the audit rows of what this setup changes (setupAudit.ts).
    // With the capacity table, when there is one: the report's capacity block is sized by it.
    const kept = tablesPresent(READ_TABLES, names.tables);
    const pendingAudit = setupAuditRows(context, names.tables, setup);
    const read = await readTables(
      context,
      kept.map((table) => TABLES[table]),
    );
    const grids = planGrids(kept, read);
    layout = await buildPlanLayoutInTasks(setup, grids);
    audit = await pendingAudit.rows(grids, kept.length > 0);
  }

  const worksheets = new SheetCache(context);
  let auditAppend: Append | null = null;
  let spills: (() => boolean | null) | null = null;
  try {
    await writeBlocks(
      context,
      worksheets,
      layout.blocks,
      writeBudget,
      {
        first: () => prepareStructure(context, worksheets, layout, names),
        last: () => {
          addToleranceRules(worksheets, layout.rules);
          auditAppend = appendAudit(context, worksheets, audit.place, audit.rows);
          // Right of the report, one column apart, in the two rows above its headers: cells the
          // setup cleared and writes nothing into.
          spills = queueSpillProbe(
            worksheets.get(SHEETS.report),
            0,
            reportWidth(valueColumns(setup.settings).length) + 1,
          );
          worksheets.get(SHEETS.report).activate();
        },
      },
      { ...progress, from: resume?.done ?? 0 },
    );
  } catch (error) {
    if (!(error instanceof WriteStopped)) throw error;
    throw new SetupStoppedError(error, { setup, layout, audit, done: error.done, snapshot });
  }
  (auditAppend as Append | null)?.check();
  hints.update(hintsFromLayout(layout));
  const dynamicArrays = (spills as (() => boolean | null) | null)?.() !== false;
  if (!dynamicArrays) {
    writeSlice(worksheets, { block: noDynamicArraysBlock(), fromRow: 0, rowCount: 1 });
    await context.sync();
  }
  return { dynamicArrays };
}

/** A setup stopped part-way; `message` says what happened and what to do, `stopped` how to resume. */
export class SetupStoppedError extends Error {
  override readonly name = "SetupStoppedError";

  constructor(
    stop: WriteStopped,
    readonly stopped: StoppedSetup,
  ) {
    const cause = stop.cause;
    const reason = officeErrorMessage(cause) ?? (cause instanceof Error ? cause.message : String(cause));
    super(
      stop.cancelled
        ? excelMessages.setupCancelled(stop.done, stop.total)
        : excelMessages.setupStopped(stop.done, stop.total, stopped.snapshot, reason),
      { cause },
    );
  }
}

/**
 * Queues the tables' creation or resizing, the audit table if missing, and a cleared report sheet.
 * A plan table on a sheet the user renamed gets its sheet's name back first: the report's formulas
 * name the plan's sheets.
 */
function prepareStructure(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  layout: PlanLayout,
  names: { tables: ReadonlySet<string>; sheets: ReadonlySet<string>; tableSheets: ReadonlyMap<string, string> },
): void {
  const { tables } = names;
  const sheets = new Set(names.sheets);
  for (const table of [...layout.tables, AUDIT_TABLE]) {
    const current = names.tableSheets.get(table.name.toLowerCase());
    if (current === undefined || current.toLowerCase() === table.sheet.toLowerCase()) continue;
    if (sheets.has(table.sheet.toLowerCase())) throw new Error(excelMessages.sheetNameTaken(table.sheet));
    context.workbook.tables.getItem(table.name).worksheet.name = table.sheet;
    sheets.delete(current.toLowerCase());
    sheets.add(table.sheet.toLowerCase());
  }
  const sheetFor = (name: string): Excel.Worksheet => {
    if (sheets.has(name.toLowerCase())) return worksheets.get(name);
    sheets.add(name.toLowerCase());
    return worksheets.add(name);
  };
  const place = (table: TableLayout): void => {
    const sheet = sheetFor(table.sheet);
    const range = sheet.getRangeByIndexes(0, 0, table.rowCount, table.colCount);
    if (tables.has(table.name.toLowerCase())) {
      const existing = context.workbook.tables.getItem(table.name);
      existing.getRange().clear("Contents");
      existing.resize(range);
    } else {
      sheet.tables.add(range, true).name = table.name;
    }
  };
  for (const table of layout.tables) place(table);
  if (!tables.has(TABLES.audit.toLowerCase())) {
    place(AUDIT_TABLE);
    writeSlice(worksheets, { block: auditHeaderBlock(), fromRow: 0, rowCount: 1 });
  }
  const report = sheetFor(SHEETS.report).getRange();
  report.clear("All");
  report.conditionalFormats.clearAll();
}
