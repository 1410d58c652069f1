/**
 * A returned contributor workbook as collect sees it: plain data, read by the .xlsx adapter
 * (src/xlsx/returnedFile.ts). Nothing here is trusted to say whose file it is or what it held when
 * it was made: only `fileId` is used, to find the plan's own record (madeFiles.ts).
 */

/** What an input cell of a returned file holds, read strictly from the file's XML. */
export type FileCell =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly text: string }
  /** A formula, or (`array`) a cell inside an array formula's range: a result, never a typed value. */
  | { readonly kind: "formula"; readonly formula: string; readonly array: boolean }
  | { readonly kind: "date" }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "error"; readonly error: string }
  /** A value that is not a finite decimal number in a number cell ("1e400", "NaN", "0x10", "120abc"). */
  | { readonly kind: "invalid"; readonly raw: string };

export interface ReturnedRow {
  /** 1-based row on the Targets sheet. */
  readonly sheetRow: number;
  /** As written; "" when blank. */
  readonly id: string;
  /** As written, for messages about rows the plan doesn't know. */
  readonly name: string;
  /** Index-aligned with `ReturnedWorkbook.periods`. */
  readonly cells: readonly FileCell[];
  /** null when the file has no comment column. */
  readonly comment: FileCell | null;
}

export interface ReturnedWorkbook {
  /** The file id its marker carries (to look up the plan's record); null without one. */
  readonly fileId: string | null;
  /** What the marker claims, shown only to explain a refusal; never used to decide anything. */
  readonly claimedOwner: string | null;
  /** The period columns of the Targets sheet, as headed (no label twice). */
  readonly periods: readonly string[];
  readonly rows: readonly ReturnedRow[];
  /** Row and cell elements the reader visited, across every sheet it read. */
  readonly visited: { readonly rows: number; readonly cells: number };
}

export type FileRead =
  { readonly ok: true; readonly workbook: ReturnedWorkbook } | { readonly ok: false; readonly message: string };

export interface CollectedFile {
  readonly fileName: string;
  readonly read: FileRead;
}
