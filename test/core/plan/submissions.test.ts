import {
  HistoryReplay,
  changesSinceLastSubmission,
  historyOf,
  nodeHistories,
} from "../../../src/core/plan/submissions";
import type { AuditEntry, Plan } from "../../../src/core/plan/types";
import { SETTINGS } from "../../support/plan";

const PLAN: Plan = { settings: SETTINGS, nodes: [], entries: new Map(), topDown: new Map() };

function row(time: string, node: string, field: string, newValue: string, note = ""): AuditEntry {
  return { time, user: "ann", node, field, oldValue: "", newValue, note };
}

/** A submission as the pane logs it: its period fields, then the status row, all at one time. */
function submission(time: string, node: string, q1: string, q2: string): AuditEntry[] {
  return [
    row(time, node, "Q1 2027", q1, "Submitted"),
    row(time, node, "Q2 2027", q2, "Submitted"),
    row(time, node, "status", "Submitted", "Submitted"),
  ];
}

describe("nodeHistories", () => {
  it("groups one action's rows into one submission and shows what changed between the last two", () => {
    const histories = nodeHistories(PLAN, [
      ...submission("t1", "UK", "100", "200"),
      ...submission("t2", "uk", "100", "250"),
    ]);
    const uk = historyOf(histories, "UK");
    expect(uk?.submissions).toEqual([
      [100, 200],
      [100, 250],
    ]);
    expect(changesSinceLastSubmission(uk)).toEqual([{ period: 1, before: 200, after: 250 }]);
  });
});

describe("HistoryReplay (the log read again after the pane's own save)", () => {
  const log = [
    ...submission("t1", "UK", "100", "200"),
    row("t2", "DE", "Q1 2027", "5"),
    ...submission("t3", "UK", "120", "200"),
  ];

  it("replays appended rows on top of the earlier ones, as replaying the whole log would", () => {
    const replay = new HistoryReplay(SETTINGS.periods);
    replay.extend(log.slice(0, 4));
    const before = replay.histories();
    expect(replay.continues(log)).toBe(true);
    replay.extend(log);
    expect(replay.histories()).toEqual(nodeHistories(PLAN, log));
    // What was handed out before stays as it was.
    expect(historyOf(before, "UK")?.submissions).toEqual([[100, 200]]);
  });

  it("does not continue a log read afresh, whose earlier rows are other entries, nor a shorter one", () => {
    const replay = new HistoryReplay(SETTINGS.periods);
    replay.extend(log.slice(0, 4));
    expect(replay.continues(log.slice(0, 4).map((entry) => ({ ...entry })))).toBe(false);
    expect(replay.continues(log.slice(0, 3))).toBe(false);
  });
});
