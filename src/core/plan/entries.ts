import type { NodeEntry } from "./types";

/** A node's workflow row before anyone touched it: "Not started", nothing entered. */
export function emptyEntry(id: string, periodCount: number): NodeEntry {
  return {
    id,
    values: new Array<number | null>(periodCount).fill(null),
    status: "Not started",
    comment: "",
    returnReason: "",
    updatedAt: "",
    updatedBy: "",
  };
}
