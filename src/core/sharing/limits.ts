/**
 * How much of a returned file collect reads before it refuses it: a contributor workbook is one
 * owner's part of a plan, so these are far above any real file (the 150,000-node root file
 * included) and far below what freezes the pane.
 */
export interface ReadLimits {
  /** Bytes of the .xlsx itself. */
  readonly fileBytes: number;
  /** Bytes a sheet's XML may unpack to (shared strings and other parts: see the reader). */
  readonly partBytes: number;
  /** Row elements visited on the Targets sheet. */
  readonly rows: number;
  /** Cell elements visited, all sheets read together. */
  readonly cells: number;
  /** Columns of the Targets sheet's header. */
  readonly columns: number;
  /** Array, shared and data-table formula ranges open at once on the Targets sheet. */
  readonly ranges: number;
  /** Shared strings. */
  readonly strings: number;
}

export const READ_LIMITS: ReadLimits = {
  fileBytes: 100_000_000,
  partBytes: 300_000_000,
  rows: 250_000,
  cells: 5_000_000,
  columns: 1_000,
  ranges: 100,
  strings: 2_000_000,
};

/** Changes one file may make before it is refused whole (the preview stays readable, the write sane). */
export const MAX_CHANGES_PER_FILE = 200_000;
