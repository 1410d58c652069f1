/**
 * The messages between the workbench page and its formula engine, which runs in a Web Worker so
 * that HyperFormula's work never blocks the grid or the task pane. Plain data only (they cross
 * `postMessage`); large contents and results travel in slices so that neither side spends long on
 * one message.
 */
import type { RawCellContent } from "hyperformula";
import type { HostMode } from "../src/hyperformula/buPlugin";
import type { CellValue } from "../src/workbook/memory/MemoryWorkbook";

/** What HyperFormula is given for a cell: a formula ("=..."), a constant, or nothing (null). */
export type Content = RawCellContent;

/** Cells of a sheet as the workbook holds them, top-left at (row, col). */
export interface ContentBlock {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly cells: readonly (readonly Content[])[];
}

export type ToEngine =
  /** Part of the workbook as it is when the engine starts; more parts follow, then `build`. */
  | { readonly kind: "contents"; readonly block: ContentBlock }
  /**
   * Every part was sent: build HyperFormula over them (sheets in workbook order), passing blank
   * cells to the BU functions as `hostMode` does (web when absent).
   */
  | { readonly kind: "build"; readonly sheets: readonly string[]; readonly hostMode?: HostMode }
  /**
   * Sheets no formula refers to, sent (as `contents`) after the build so that it finishes sooner:
   * put them in whole. Answered like an update.
   */
  | { readonly kind: "load"; readonly seq: number }
  /**
   * Cells written since the last update, each range with everything it now holds, and the
   * workbook's sheets (new ones are added). A large update comes in parts (`more` on all but the
   * last); all parts are applied together, in one HyperFormula batch.
   */
  | {
      readonly kind: "update";
      readonly seq: number;
      readonly sheets: readonly string[];
      readonly writes: readonly ContentBlock[];
      readonly more?: boolean;
    };

/** A formula's error, with HyperFormula's message (the BU functions' messages name rows and ids). */
export interface EngineError {
  readonly error: string;
  readonly message: string;
}

export type EngineValue = CellValue | null | EngineError;

/** Computed values: a rectangle `width` cells wide (row by row), or single cells at `at` (row, col pairs). */
export type ComputedCells =
  | {
      readonly shape: "block";
      readonly sheet: string;
      readonly row: number;
      readonly col: number;
      readonly width: number;
      readonly values: readonly EngineValue[];
    }
  | {
      readonly shape: "scattered";
      readonly sheet: string;
      readonly at: readonly number[];
      readonly values: readonly EngineValue[];
    };

export type FromEngine =
  /**
   * Results of the build (`seq` 0) or of update `seq`; `done` on the last slice of them. Values are
   * for formula cells and cells a formula may spill into; constants are not repeated.
   */
  | { readonly kind: "results"; readonly seq: number; readonly done: boolean; readonly cells: readonly ComputedCells[] }
  | { readonly kind: "failed"; readonly message: string };

/** How the page talks to the engine: a Worker, or the engine in the same thread (tests). */
export interface EngineChannel {
  post(message: ToEngine): void;
  onMessage(listener: (message: FromEngine) => void): void;
  close(): void;
}

export function isEngineError(value: EngineValue): value is EngineError {
  return typeof value === "object" && value !== null;
}
