/** Messages of reading and collecting returned workbooks (the rest are in sharingMessages, core/messages.ts). */
import type { ReadLimits } from "./limits";

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

export const collectMessages = {
  splitProgress: (file: number, files: number, owner: string, percent: number): string =>
    `Making workbook ${file + 1} of ${files} (${owner}): ${percent}%`,
  cannotPack:
    "This version of Office can't pack workbooks: its browser has no CompressionStream (Edge/Chrome 80 and Safari " +
    "16.4 have it). Update Office and the system, or use Excel on the web.",
  compareAnyway: "Compare anyway as the file of",

  tooBig: (limit: number): string =>
    `The file is larger than ${Math.round(limit / 1_000_000)} MB, more than a contributor workbook can be; nothing in it was read`,
  partTooBig: (part: string, limit: number): string =>
    `The part ${part} of the file unpacks to more than ${Math.round(limit / 1_000_000)} MB; nothing in it was read`,
  tooManyRows: (limits: ReadLimits): string =>
    `The Targets sheet has more than ${plural(limits.rows, "row")}; nothing in it was read. Make one file per owner with Share`,
  tooManyCells: (limits: ReadLimits): string =>
    `The file has more than ${plural(limits.cells, "cell")} in the sheets collect reads; nothing in it was read`,
  tooManyColumns: (limits: ReadLimits): string =>
    `The Targets sheet's header has more than ${plural(limits.columns, "column")}; nothing in it was read`,
  tooManyRanges:
    "The Targets sheet has more array or shared formulas than a contributor workbook can; nothing in it was read",
  tooManyStrings: "The file holds more text entries than a contributor workbook can; nothing in it was read",
  tooManyChanges: (limit: number): string =>
    `The file changes more than ${plural(limit, "cell")}; nothing in it was collected. Ask for one file per owner`,
  outOfOrder: (row: number): string =>
    `Row ${row} of the Targets sheet is stored out of order or twice, which Excel never writes; the file was altered outside a spreadsheet program`,
  badPosition: (address: string): string =>
    `The Targets sheet has a cell at "${address}", which is not a cell of a sheet`,
  brokenXml: "The Targets sheet's data is cut short; the file is damaged",
  duplicateColumn: (label: string, first: string, second: string): string =>
    `The column "${label}" appears twice (columns ${first} and ${second}); collect can't tell which one is meant. Delete one and collect again`,
  // Matching the file with the plan's record.
  noRecord:
    "This file doesn't match any workbook this plan made with Share (no record of its file id in GU Files): it may be from another plan, " +
    "made before records were kept, or its marker was changed. Nothing in it is collected unless you compare it anyway",
  noRecordClaim: (owner: string): string => `The file says it is for ${owner}, which collect does not take on trust.`,
  matched: (owner: string, made: string, madeBy: string, fileId: string): string =>
    `Matched the workbook made for ${owner} on ${made.slice(0, 16).replace("T", " ")}${
      madeBy === "" ? "" : ` by ${madeBy}`
    } (file ${fileId.slice(0, 8)}); collected as ${owner}'s`,
  insisted: (owner: string): string =>
    `Compared anyway as ${owner}'s, with the plan as it is now: there is no record of what this file held when it was made`,
  unmatchedWarning:
    "Not from a workbook this plan recorded: compared with the plan as it is now, so this may undo a newer change",
  ownerLeft: (owner: string): string => `This workbook was made for ${owner}, who owns no node in the plan now`,
  notInMadeFile: (id: string): string =>
    `"${id}" was not in this workbook when it was made; rows added to a file are never collected`,
  invalidNumber: (raw: string): string =>
    `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}" is not a finite decimal number; type the number again`,
  arrayResult: (formula: string): string =>
    `The cell is part of an array formula (={${formula}}); a formula's result can't be collected, type the number itself`,
  rowRefused: (fields: readonly string[]): string =>
    `Not collected: ${fields.join(", ")} in this row ${fields.length === 1 ? "was" : "were"} refused, and a row is collected whole or not at all`,
  commentOnly: (name: string): string =>
    `${name}: only the comment changed, so it is saved as a draft note, not submitted`,
  commentOnlyRefused: (name: string, status: string): string =>
    `${name}: only the comment changed; the node is ${status}, and a comment alone can't change that`,
  textTooLong: (limit: number): string =>
    `The comment is longer than ${limit.toLocaleString("en-US")} characters, which an Excel cell can't hold; shorten it`,
};
