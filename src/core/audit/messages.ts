/** What the pane says about the audit chain and about saves a co-author got to first. */
import { listRows } from "../messages";

/** At most this many ids are named in one message; the rest are counted. */
const NAMED = 5;

function listIds(ids: readonly string[]): string {
  const named = ids.slice(0, NAMED).map((id) => `"${id}"`);
  const rest = ids.length - named.length;
  return rest > 0 ? `${named.join(", ")} and ${rest} more` : named.join(", ");
}

export const auditMessages = {
  intact: "Audit log intact",
  altered: (sheetRow: number): string =>
    `Audit log altered at row ${sheetRow} of GU Audit: that row, or one just above it, was changed, inserted or deleted after it was written`,
  empty: "The audit log has no entries yet",
  unchained: (rows: number): string =>
    `The first ${rows} ${rows === 1 ? "row was" : "rows were"} written before the audit log was chained and can't be checked; the chain starts below ${rows === 1 ? "it" : "them"}`,
  concurrent: (sheetRows: readonly number[]): string =>
    `${sheetRows.length === 1 ? "Row" : "Rows"} ${listRows(sheetRows.slice(0, 10))}${sheetRows.length > 10 ? ` (and ${sheetRows.length - 10} more)` : ""} of GU Audit ${sheetRows.length === 1 ? "is" : "are"} chained to an earlier row than the one above: usually two people saving at the same moment, but worth a look`,
  checking: "Checking the audit log…",
  checkFailed: "Couldn't read the audit log",
  check: "Check again",
  topDownIntro:
    "Nothing was saved yet. A period only they changed keeps theirs, one only you changed keeps yours; " +
    "where you both changed a period, choose.",
  topDownUndecided: (names: readonly string[]): string =>
    `Nothing was saved: someone else changed the top-down targets of ${listIds(names)} since you read them. Save again to compare and choose.`,
  topDownPage: (from: number, to: number, total: number): string => `Nodes ${from}–${to} of ${total} that conflict`,
  topDownToChoose: (periods: number): string =>
    `${periods} ${periods === 1 ? "period" : "periods"} that you both changed still to choose`,
} as const;
