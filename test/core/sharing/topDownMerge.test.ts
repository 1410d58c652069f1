import {
  defaultTopDownChoice,
  mergedTargets,
  retryTopDown,
  type TopDownAttempt,
  type TopDownMerge,
} from "../../../src/core/sharing/topDownMerge";

const periods = ["Q1", "Q2", "Q3"];
const actor = { time: "2026-12-03T10:00:00Z", user: "Ann", identity: "chosen" as const };

describe("defaultTopDownChoice", () => {
  it.each<[string, TopDownMerge, (string | null)[]]>([
    [
      "a period only they changed keeps theirs, one only I changed keeps mine",
      { id: "UK", base: [100, 100, 100], mine: [150, 100, 100], theirs: [100, 200, 100] },
      ["mine", "theirs", "mine"],
    ],
    [
      "a period both changed differently must be chosen",
      { id: "UK", base: [100, 100, 100], mine: [150, 100, 100], theirs: [160, 100, 100] },
      [null, "mine", "mine"],
    ],
    [
      "both changed to the same value: nothing to choose",
      { id: "UK", base: [100, null, null], mine: [150, null, null], theirs: [150, 7, null] },
      ["mine", "theirs", "mine"],
    ],
    [
      "no row before and none now: a blank base",
      { id: "UK", base: null, mine: [5, null, null], theirs: [null, 6, null] },
      ["mine", "theirs", "mine"],
    ],
  ])("%s", (_name, merge, expected) => {
    expect(defaultTopDownChoice(merge, periods.length)).toEqual(expected);
  });
});

describe("mergedTargets", () => {
  it("takes each period from the side chosen", () => {
    const merge = { id: "UK", base: null, mine: [1, 2, 3], theirs: [10, 20, null] };
    expect(mergedTargets(merge, ["theirs", "mine", "theirs"], 3)).toEqual([10, 2, null]);
  });
});

describe("retryTopDown", () => {
  const attempt: TopDownAttempt = {
    changes: [
      { id: "UK", values: [150, 100, 100], expected: [100, 100, 100] },
      { id: "FR", values: [50, 50, 50], expected: null },
    ],
    audit: [
      { ...actor, node: "UK", field: "top-down Q1", oldValue: "100", newValue: "150", note: "typed" },
      { ...actor, node: "FR", field: "top-down Q1", oldValue: "", newValue: "50", note: "typed" },
    ],
    periods,
    actor,
    note: "typed",
  };
  const uk: TopDownMerge = { id: "uk", base: [100, 100, 100], mine: [150, 100, 100], theirs: [100, 200, 100] };

  it("saves the merged row expecting theirs, audited from theirs; other nodes as asked", () => {
    const retried = retryTopDown(attempt, [uk], new Map([["uk", [150, 200, 100]]]));
    expect(retried.changes).toEqual([
      { id: "UK", values: [150, 200, 100], expected: [100, 200, 100] },
      attempt.changes[1],
    ]);
    expect(retried.audit.map((entry) => [entry.node, entry.field, entry.oldValue, entry.newValue])).toEqual([
      ["UK", "top-down Q1", "100", "150"],
      ["FR", "top-down Q1", "", "50"],
    ]);
    expect(retried.audit[0]).toMatchObject({ user: "Ann", identity: "chosen", note: "typed" });
  });

  it("taking theirs leaves the node out, with no audit entry", () => {
    const retried = retryTopDown(attempt, [uk], new Map());
    expect(retried.changes.map((change) => change.id)).toEqual(["FR"]);
    expect(retried.audit.map((entry) => entry.node)).toEqual(["FR"]);
  });
});
