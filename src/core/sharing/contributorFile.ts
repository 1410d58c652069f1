/**
 * The contributor workbook `splitPlan` writes and `collect` reads back: one owner's part of the
 * plan as a plain .xlsx that works in any spreadsheet, without the add-in.
 *
 * - "Targets" (visible, first): a title, the instructions, the unit, then from row 5 a table
 *   Id | Name | Owner | Status | one column per period | Comment, one row per node of the owner's
 *   subtrees in tree order (depth-first), names indented by depth. The period and comment cells of
 *   the rows the owner may edit (their own nodes, unless approved) are the only unlocked cells of
 *   the workbook, filled yellow, with a data validation for the plan's rules.
 * - "Report": per node and period Bottom-up | Top-down | Variance | Variance %. Bottom-up is
 *   =SUM over the node's rows on "Targets": in tree order a node's subtree is a contiguous block
 *   of rows, so plain SUM does what BU.ROLLUP does, in Excel, LibreOffice or Google Sheets alike.
 *   Top-down is the plan's cascaded target at the time of the split, as a number (guidance).
 * - "Settings": the plan's settings, for reading.
 * - "Groundup" (very hidden): the marker. Its only key collect uses is the file id, a random
 *   token that finds the plan's own record of the file (madeFiles.ts: owner, nodes and values as
 *   made); the plan name, owner and time are there for people, and collect never trusts them.
 * Every sheet is protected without a password: protection guides the contributor; collect is
 * what enforces the rules, whatever comes back.
 */

/** 2: the marker carries a file id, and the values as made live only in the plan's record. */
export const FILE_FORMAT_VERSION = 2;

export const FILE_SHEETS = {
  targets: "Targets",
  report: "Report",
  settings: "Settings",
  marker: "Groundup",
} as const;

/** 0-based row of the Targets sheet's header row; nodes follow it. */
export const TARGETS_HEADER_ROW = 4;

export const TARGETS_COLUMNS = {
  id: "Id",
  name: "Name",
  owner: "Owner",
  status: "Status",
  comment: "Comment",
} as const;

/** Keys of the marker sheet's first rows, in column A; values in column B. */
export const MARKER_KEYS = {
  kind: "Groundup contributor workbook",
  plan: "Plan",
  owner: "Owner",
  made: "Made",
  file: "File",
} as const;

/** Characters Windows refuses in file names (control characters are refused too). */
const FORBIDDEN = '\\/:*?"<>|';

/** A file name for the owner's workbook: what Windows, macOS and browsers all accept. */
export function contributorFileName(plan: string, owner: string): string {
  const clean = (text: string): string =>
    Array.from(text, (char) => (char.charCodeAt(0) < 32 || FORBIDDEN.includes(char) ? "_" : char))
      .join("")
      .replace(/\s+/g, " ")
      .trim();
  const planPart = clean(plan) === "" ? "Targets" : clean(plan);
  return `${planPart} - ${clean(owner)}.xlsx`;
}
