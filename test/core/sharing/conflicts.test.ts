import type { NodeEntry } from "../../../src/core/plan/types";
import { applyAction } from "../../../src/core/plan/workflow";
import {
  choiceOf,
  differingPeriods,
  resolveConflict,
  type Conflict,
  type Redo,
} from "../../../src/core/sharing/conflicts";
import { entry } from "./fixture";

const PERIODS = ["Q1 2027", "Q2 2027"];
const NOW = "2027-01-05T11:00:00.000Z";

/** Ann saved a draft of [120, 130] "mine" over what she read; Bob changed the row meanwhile. */
const read = entry("UK", [100, 100], "Draft", "read");
const mine: NodeEntry = {
  ...read,
  values: [120, 130],
  comment: "mine",
  updatedAt: "2027-01-05T10:01:00.000Z",
  updatedBy: "Ann",
};

const saveDraft: Redo = (theirs, values, comment) =>
  applyAction(theirs, "saveDraft", { role: "contributor", user: "Ann", now: NOW, values, comment, periods: PERIODS });

function conflictWith(theirs: NodeEntry | null): Conflict {
  return { id: "UK", mine, theirs };
}

const theirs: NodeEntry = {
  ...read,
  values: [100, 150],
  comment: "theirs",
  updatedAt: "2027-01-05T10:00:00.000Z",
  updatedBy: "Bob",
};

describe("resolving a conflict", () => {
  test("keeping mine applies my action again over their row, which becomes the expected one", () => {
    const resolution = resolveConflict(conflictWith(theirs), choiceOf("mine", 2), saveDraft, "United Kingdom");
    expect(resolution).toMatchObject({
      ok: true,
      change: { expected: theirs, next: { values: [120, 130], comment: "mine", updatedBy: "Ann", updatedAt: NOW } },
    });
    // The audit entries say what changed from their version, not from what I read.
    expect(resolution.ok && resolution.audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ["Q1 2027", "100", "120"],
      ["Q2 2027", "150", "130"],
      ["comment", "theirs", "mine"],
    ]);
  });

  test("merging per period takes each value from the side chosen", () => {
    const resolution = resolveConflict(
      conflictWith(theirs),
      { periods: ["mine", "theirs"], comment: "theirs" },
      saveDraft,
      "United Kingdom",
    );
    expect(resolution.ok && resolution.change?.next).toMatchObject({ values: [120, 150], comment: "theirs" });
  });

  test("choosing all of theirs leaves nothing to save", () => {
    expect(resolveConflict(conflictWith(theirs), choiceOf("theirs", 2), saveDraft, "UK")).toEqual({
      ok: true,
      change: null,
      audit: [],
    });
  });

  test.each<[string, NodeEntry | null, string]>([
    [
      "a node removed from the plan",
      null,
      "United Kingdom was removed from the plan since you opened it, so your version can't be kept",
    ],
    [
      "an approval made meanwhile",
      { ...theirs, status: "Approved" },
      "These targets are approved and locked; ask your manager to reopen them",
    ],
  ])("refuses to keep mine over %s", (_what, other, message) => {
    expect(resolveConflict(conflictWith(other), choiceOf("mine", 2), saveDraft, "United Kingdom")).toEqual({
      ok: false,
      message,
    });
  });

  test("tells which periods differ", () => {
    expect(differingPeriods(conflictWith(theirs), 2)).toEqual([true, true]);
    expect(differingPeriods(conflictWith({ ...theirs, values: [120, 150] }), 2)).toEqual([false, true]);
    expect(differingPeriods(conflictWith(null), 2)).toEqual([true, true]);
  });
});
