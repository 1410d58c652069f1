/**
 * What the pane says when Excel refuses a step: Excel's raw errors (an `OfficeExtension.Error` with
 * a `code`, as listed on Microsoft's "Error handling with the application-specific JavaScript APIs"
 * page) become one sentence that says what to do. The one mapper is `officeErrorMessage`;
 * `ExcelPlanWorkbook` applies it to every step through `withOfficeMessages`.
 */
import type { ExcelRun } from "./run";

export const excelMessages = {
  rowMoved: (table: string, id: string): string =>
    `The row of "${id}" in table ${table} moved while saving (someone sorted or inserted rows). ` +
    `Reload the plan, check "${id}" and save again.`,
  tableDidNotGrow: (table: string): string =>
    `Table ${table} did not grow over the rows Groundup wrote right below it. Remove data validation ` +
    `or content below the table, check that AutoCorrect's "Include new rows and columns in table" is on ` +
    `(File > Options > Proofing > AutoCorrect Options > AutoFormat As You Type), and save again.`,
  contentBelow: (table: string): string =>
    `There is content right below table ${table}, where Groundup adds its new rows. Move that content ` +
    `elsewhere (or leave an empty row under the table) and save again; nothing was saved.`,
  setupStopped: (done: number, total: number, snapshot: string | null, reason: string): string =>
    `Setup stopped after ${done} of ${total} steps: ${reason} ` +
    (snapshot === null
      ? "Run the setup again to finish it."
      : `Run the setup again to finish it, or compare with snapshot "${snapshot}" (taken just before) ` +
        `under Sharing > Snapshots to see every node's inputs, targets and status as they were.`),
  snapshotFailed: (reason: string): string =>
    `Could not take the snapshot Groundup takes before setting up again, so nothing was changed: ${reason}`,
  setupCancelled: (done: number, total: number): string =>
    `Setup cancelled after ${done} of ${total} steps. Run the setup again to finish it.`,
  noDynamicArrays:
    "This Excel does not spill formulas (dynamic arrays), so the report would show only its first row. " +
    "Use Microsoft 365, Excel 2021 or later, or Excel on the web; the plan's tables and the task pane work " +
    "without it.",
  sheetNameTaken: (sheet: string): string =>
    `Groundup needs its sheet back under the name "${sheet}", but another sheet has that name. ` +
    `Rename that other sheet and run the setup again.`,
} as const;

/** Excel's error codes and what the user should do about each. */
const BY_CODE: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode:
    "Excel is editing a cell. Press Enter or Esc to finish editing the cell, then try again.",
  AccessDenied:
    "Excel refused the change: a sheet or the workbook is protected, or the file is read-only. " +
    "Unprotect it (Review > Unprotect Sheet), or open an editable copy, then try again.",
  InvalidSelection: "Select one block of cells (not several areas, a chart or a shape), then try again.",
  InactiveWorkbook: "Several workbooks are open and this one lost focus. Click into this workbook, then try again.",
  RequestPayloadSizeLimitExceeded:
    "The change is too large for one request to Excel on the web. Try again with fewer rows, or use Excel on the desktop.",
  ResponsePayloadSizeLimitExceeded:
    "The data is too large for one response from Excel on the web. Try again with a smaller selection, or use Excel on the desktop.",
  MergedRangeConflict:
    "Merged cells, another table or a PivotTable are in the way of the plan's tables. Unmerge or move them, then try again.",
  FilteredRangeConflict: "A filter is on in a plan table. Clear the filter (Data > Clear), then try again.",
  PivotTableRangeConflict: "A PivotTable is in the way of the plan's tables. Move it, then try again.",
  InsertDeleteConflict: "A co-author is changing the same rows. Wait a moment, then try again.",
  Conflict: "A co-author is changing the same cells. Wait a moment, then try again.",
  ActivityLimitReached: "Excel is busy. Wait a moment, then try again.",
  ServiceNotAvailable: "Excel's service is not available right now. Wait a moment, then try again.",
  ApiNotFound: "This version of Excel lacks a feature Groundup needs. Update Excel, or use Excel on the web.",
  ItemNotFound:
    "A sheet or table of the plan is missing (deleted or renamed table?). Reload the plan; if it stays missing, run the setup again.",
  GeneralException: "Excel hit an internal error. Try again; if it persists, reload the task pane.",
};

/**
 * Excel's error code of `error`, if it is one of Excel's errors or was caused by one (a chunked
 * write wraps the failed sync's error as its `cause`).
 */
function officeCode(error: unknown): string | null {
  for (let at = error, depth = 0; typeof at === "object" && at !== null && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    at = (at as { cause?: unknown }).cause;
  }
  return null;
}

/** What to tell the user about one of Excel's errors; null for errors that are not Excel's own. */
export function officeErrorMessage(error: unknown): string | null {
  const code = officeCode(error);
  if (code === null) return null;
  return BY_CODE[code] ?? `Excel refused the change (${code}). Try again; if it persists, reload the task pane.`;
}

/** An Excel error turned into a message for the user; the original stays as `cause`. */
export class ExcelActionError extends Error {
  override readonly name = "ExcelActionError";

  constructor(
    message: string,
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** `run`, with Excel's raw errors rethrown as `ExcelActionError`s that say what to do; other errors pass as they are. */
export function withOfficeMessages(run: ExcelRun): ExcelRun {
  return async (batch, reuse) => {
    try {
      return await run(batch, reuse);
    } catch (error) {
      // Groundup's own errors pass as they are, even when an Excel error caused them: they say more.
      const message = error instanceof Error && error.name === "SetupStoppedError" ? null : officeErrorMessage(error);
      if (message === null) throw error;
      throw new ExcelActionError(message, officeCode(error) as string, { cause: error });
    }
  };
}
