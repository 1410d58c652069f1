import { setupAudit, setupStamp } from "../../../src/core/audit/setupAudit";
import type { PlanNode, PlanSettings } from "../../../src/core/plan/types";

const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

function node(id: string, parent: string, name = id, owner = "", attributes: Record<string, string> = {}): PlanNode {
  return { id, parent, name, owner, attributes };
}

const BEFORE = [node("CO", "", "Company", "ceo"), node("EMEA", "CO", "EMEA", "bob"), node("UK", "EMEA", "UK", "ann")];
const STAMP = { time: "2027-02-01T10:00:00.000Z", user: "lea", identity: "office-account" as const };

function rows(before: Parameters<typeof setupAudit>[0], nodes: PlanNode[], settings = SETTINGS): string[][] {
  return setupAudit(before, { settings, nodes }, STAMP).map((e) => [e.node, e.field, e.oldValue, e.newValue]);
}

describe("the audit rows of setting a plan up again", () => {
  it("writes none for the first setup, and none when nothing changed", () => {
    expect(rows(null, BEFORE)).toEqual([]);
    expect(rows({ settings: SETTINGS, nodes: BEFORE }, BEFORE)).toEqual([]);
  });

  it("logs a rename, an owner reassigned and a move, matched by id whatever its letter case", () => {
    const after = [
      node("CO", "", "Company", "ceo"),
      node("emea", "CO", "Europe", "bea"),
      node("UK", "CO", "UK", "ann"),
    ];
    expect(rows({ settings: SETTINGS, nodes: BEFORE }, after)).toEqual([
      ["emea", "name", "EMEA", "Europe"],
      ["emea", "owner", "bob", "bea"],
      ["UK", "parent", "EMEA", "CO"],
    ]);
  });

  it("logs added and removed nodes and changed extra columns", () => {
    const after = [
      node("CO", "", "Company", "ceo"),
      node("EMEA", "CO", "EMEA", "bob", { Region: "North" }),
      node("DE", "EMEA", "Germany"),
    ];
    expect(rows({ settings: SETTINGS, nodes: BEFORE }, after)).toEqual([
      ["EMEA", "attribute Region", "", "North"],
      ["DE", "node added", "", "Germany"],
      ["UK", "node removed", "UK", ""],
    ]);
  });

  it("logs each changed setting, periods as a list", () => {
    const settings = {
      ...SETTINGS,
      periods: ["Q1 2027", "Q2 2027", "Q3 2027"],
      tolerance: 0.1,
      deadline: "2027-03-01",
    };
    expect(rows({ settings: SETTINGS, nodes: BEFORE }, BEFORE, settings)).toEqual([
      ["", "setting periods", "Q1 2027, Q2 2027", "Q1 2027, Q2 2027, Q3 2027"],
      ["", "setting tolerance", "0.05", "0.1"],
      ["", "setting deadline", "", "2027-03-01"],
    ]);
  });

  it("stamps every row with who set the plan up, how they were identified, and a note", () => {
    const [row] = setupAudit(
      { settings: SETTINGS, nodes: BEFORE },
      { settings: SETTINGS, nodes: BEFORE.slice(0, 2) },
      STAMP,
    );
    expect(row).toEqual({
      ...STAMP,
      node: "UK",
      field: "node removed",
      oldValue: "UK",
      newValue: "",
      note: "Plan set up again",
    });
  });

  it("says so in one row when the plan before could not be read", () => {
    expect(rows("unreadable", BEFORE)).toEqual([["", "plan", "(a plan that could not be read)", "3 nodes, 2 periods"]]);
  });

  it("stamps an unnamed setup with the time of the write", () => {
    expect(setupStamp(undefined, "2027-01-01T00:00:00.000Z")).toEqual({ time: "2027-01-01T00:00:00.000Z", user: "" });
    expect(setupStamp({ user: "lea", identity: "chosen" }, "now")).toEqual({
      time: "now",
      user: "lea",
      identity: "chosen",
    });
  });
});
