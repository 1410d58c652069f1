import type { NodeEntry, Plan, PlanNode, Role, Status, WorkflowAction } from "../../../src/core/plan/types";
import { emptyEntry } from "../../../src/core/plan/entries";
import { STATUSES } from "../../../src/core/plan/types";
import {
  allowedActions,
  applyAction,
  applyActionToMany,
  entryFor,
  isLockedForContributor,
  nodesOwnedBy,
  owners,
  reviewQueue,
} from "../../../src/core/plan/workflow";

const PERIODS = ["Q1 2027", "Q2 2027"];
const NOW = "2027-01-15T10:00:00.000Z";

function entry(status: Status, values: (number | null)[] = [10, 20], extra: Partial<NodeEntry> = {}): NodeEntry {
  return {
    id: "UK",
    values,
    status,
    comment: "",
    returnReason: status === "Returned" ? "Too low" : "",
    updatedAt: "2027-01-01T00:00:00.000Z",
    updatedBy: "someone",
    ...extra,
  };
}

describe("the transition table", () => {
  // Every (role, action, status): the status it leads to, or the message refusing it.
  const table: [Role, WorkflowAction, Status, Status | string][] = [
    ["contributor", "saveDraft", "Not started", "Draft"],
    ["contributor", "saveDraft", "Draft", "Draft"],
    ["contributor", "saveDraft", "Submitted", "Targets that are submitted can't be saved"],
    ["contributor", "saveDraft", "Approved", "These targets are approved and locked; ask your manager to reopen them"],
    ["contributor", "saveDraft", "Returned", "Draft"],
    ["contributor", "submit", "Not started", "Submitted"],
    ["contributor", "submit", "Draft", "Submitted"],
    ["contributor", "submit", "Submitted", "Submitted"],
    ["contributor", "submit", "Approved", "These targets are approved and locked; ask your manager to reopen them"],
    ["contributor", "submit", "Returned", "Submitted"],
    ...STATUSES.flatMap((status): [Role, WorkflowAction, Status, string][] => [
      ["contributor", "approve", status, "Only a manager can approve targets"],
      ["contributor", "return", status, "Only a manager can return targets"],
      ["contributor", "reopen", status, "Only a manager can reopen targets"],
      ["manager", "saveDraft", status, "Only the node's contributor can save its targets"],
      ["manager", "submit", status, "Only the node's contributor can submit its targets"],
    ]),
    ["manager", "approve", "Not started", "Targets that are not started can't be approved"],
    ["manager", "approve", "Draft", "Targets that are draft can't be approved"],
    ["manager", "approve", "Submitted", "Approved"],
    ["manager", "approve", "Approved", "Targets that are approved can't be approved"],
    ["manager", "approve", "Returned", "Targets that are returned can't be approved"],
    ["manager", "return", "Not started", "Targets that are not started can't be returned"],
    ["manager", "return", "Draft", "Targets that are draft can't be returned"],
    ["manager", "return", "Submitted", "Returned"],
    ["manager", "return", "Approved", "Returned"],
    ["manager", "return", "Returned", "Targets that are returned can't be returned"],
    ["manager", "reopen", "Not started", "Targets that are not started can't be reopened"],
    ["manager", "reopen", "Draft", "Targets that are draft can't be reopened"],
    ["manager", "reopen", "Submitted", "Targets that are submitted can't be reopened"],
    ["manager", "reopen", "Approved", "Draft"],
    ["manager", "reopen", "Returned", "Targets that are returned can't be reopened"],
  ];

  it("covers every role, action and status once", () => {
    expect(new Set(table.map(([role, action, status]) => `${role}/${action}/${status}`)).size).toBe(50);
  });

  it.each(table)("%s %s from %s -> %s", (role, action, status, outcome) => {
    const result = applyAction(entry(status), action, {
      role,
      user: "Ana",
      now: NOW,
      reason: "Please raise Q2",
      periods: PERIODS,
    });
    if ((STATUSES as readonly string[]).includes(outcome)) {
      expect(result.ok && result.entry.status).toBe(outcome);
    } else {
      expect(result).toEqual({ ok: false, message: outcome });
    }
    const allowed = allowedActions(status, role).includes(action);
    expect(allowed).toBe(result.ok);
  });
});

describe("allowedActions and isLockedForContributor", () => {
  it.each<[Status, WorkflowAction[], WorkflowAction[], boolean]>([
    ["Not started", ["saveDraft", "submit"], [], false],
    ["Draft", ["saveDraft", "submit"], [], false],
    ["Submitted", ["submit"], ["approve", "return"], false],
    ["Approved", [], ["return", "reopen"], true],
    ["Returned", ["saveDraft", "submit"], [], false],
  ])("%s", (status, contributor, manager, locked) => {
    expect(allowedActions(status, "contributor")).toEqual(contributor);
    expect(allowedActions(status, "manager")).toEqual(manager);
    expect(isLockedForContributor(status)).toBe(locked);
  });
});

describe("applyAction", () => {
  it("saves a draft: new values, status, comment, who and when, one audit entry per changed field", () => {
    const result = applyAction(emptyEntry("UK", 2), "saveDraft", {
      role: "contributor",
      user: "Ana",
      now: NOW,
      values: [1200.5, null],
      comment: "=Pipeline looks strong",
      periods: PERIODS,
    });
    expect(result).toEqual({
      ok: true,
      entry: {
        id: "UK",
        values: [1200.5, null],
        status: "Draft",
        comment: "=Pipeline looks strong",
        returnReason: "",
        updatedAt: NOW,
        updatedBy: "Ana",
      },
      audit: [
        {
          time: NOW,
          user: "Ana",
          node: "UK",
          field: "Q1 2027",
          oldValue: "",
          newValue: "1200.5",
          note: "Saved as draft",
        },
        {
          time: NOW,
          user: "Ana",
          node: "UK",
          field: "status",
          oldValue: "Not started",
          newValue: "Draft",
          note: "Saved as draft",
        },
        {
          time: NOW,
          user: "Ana",
          node: "UK",
          field: "comment",
          oldValue: "",
          newValue: "=Pipeline looks strong",
          note: "Saved as draft",
        },
      ],
    });
  });

  it("refuses to submit with periods left blank, naming them", () => {
    const result = applyAction(emptyEntry("UK", 2), "submit", {
      role: "contributor",
      user: "Ana",
      now: NOW,
      values: [null, 5],
      periods: PERIODS,
    });
    expect(result).toEqual({
      ok: false,
      message: "Enter a value for every period before submitting (missing: Q1 2027)",
    });
  });

  it.each<[string | undefined]>([[undefined], [""], ["   "]])("refuses to return without a reason (%j)", (reason) => {
    const result = applyAction(entry("Submitted"), "return", {
      role: "manager",
      user: "Mo",
      now: NOW,
      reason,
    });
    expect(result).toEqual({ ok: false, message: "Give a reason for returning these targets" });
  });

  it("returns with the reason, and saving again clears it", () => {
    const returned = applyAction(entry("Submitted"), "return", {
      role: "manager",
      user: "Mo",
      now: NOW,
      reason: "  Q2 is below last year ",
    });
    expect(returned.ok && returned.entry).toMatchObject({
      status: "Returned",
      returnReason: "Q2 is below last year",
      updatedBy: "Mo",
    });
    expect(returned.ok && returned.audit.map((a) => [a.field, a.oldValue, a.newValue, a.note])).toEqual([
      ["status", "Submitted", "Returned", "Returned"],
      ["return reason", "", "Q2 is below last year", "Returned"],
    ]);
    if (!returned.ok) return;
    const saved = applyAction(returned.entry, "saveDraft", {
      role: "contributor",
      user: "Ana",
      now: NOW,
      values: [10, 25],
    });
    expect(saved.ok && saved.entry).toMatchObject({
      status: "Draft",
      returnReason: "",
      values: [10, 25],
    });
    expect(saved.ok && saved.audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ["Period 2", "20", "25"],
      ["status", "Returned", "Draft"],
      ["return reason", "Q2 is below last year", ""],
    ]);
  });

  it("keeps a manager's comment in the audit note, not in the contributor's comment", () => {
    const result = applyAction(entry("Submitted", [10, 20], { comment: "Mine" }), "approve", {
      role: "manager",
      user: "Mo",
      now: NOW,
      comment: "Looks good",
    });
    expect(result.ok && result.entry.comment).toBe("Mine");
    expect(result.ok && result.audit).toEqual([
      {
        time: NOW,
        user: "Mo",
        node: "UK",
        field: "status",
        oldValue: "Submitted",
        newValue: "Approved",
        note: "Approved: Looks good",
      },
    ]);
  });

  it("refuses a manager action that would change values", () => {
    const result = applyAction(entry("Submitted"), "approve", {
      role: "manager",
      user: "Mo",
      now: NOW,
      values: [10, 21],
    });
    expect(result).toEqual({
      ok: false,
      message: "Values change only when the contributor saves or submits",
    });
  });

  it("changes nothing, and logs nothing, when nothing changed", () => {
    const before = entry("Draft");
    const result = applyAction(before, "saveDraft", {
      role: "contributor",
      user: "Ana",
      now: NOW,
      values: [10, 20],
    });
    expect(result).toEqual({ ok: true, entry: before, audit: [] });
  });

  it("refuses values that don't match the plan's periods", () => {
    const result = applyAction(entry("Draft"), "saveDraft", {
      role: "contributor",
      user: "Ana",
      now: NOW,
      values: [1, 2, 3],
      periods: PERIODS,
    });
    expect(result).toEqual({ ok: false, message: "Expected 2 period values, got 3" });
  });

  it("refuses to act for nobody", () => {
    const result = applyAction(entry("Draft"), "submit", {
      role: "contributor",
      user: " ",
      now: NOW,
    });
    expect(result).toEqual({ ok: false, message: "Choose who you are before saving" });
  });
});

describe("applyActionToMany", () => {
  it("approves the submitted nodes and says why the others were not", () => {
    const result = applyActionToMany(
      [
        entry("Submitted", [1, 2], { id: "A" }),
        entry("Draft", [1, 2], { id: "B" }),
        entry("Submitted", [3, 4], { id: "C" }),
      ],
      "approve",
      { role: "manager", user: "Mo", now: NOW },
    );
    expect(result.entries.map((e) => [e.id, e.status])).toEqual([
      ["A", "Approved"],
      ["C", "Approved"],
    ]);
    expect(result.audit.map((a) => a.node)).toEqual(["A", "C"]);
    expect(result.refused).toEqual([{ id: "B", message: "Targets that are draft can't be approved" }]);
  });
});

describe("who: owners, nodes owned, review queue", () => {
  const node = (id: string, parent: string, owner: string): PlanNode => ({
    id,
    parent,
    name: id,
    owner,
    attributes: {},
  });
  const nodes = [
    node("World", "", "ceo@x.com"),
    node("EMEA", "World", "Mo"),
    node("UK", "EMEA", "ana "),
    node("DE", "EMEA", "Ben"),
    node("FR", "EMEA", " mo"),
    node("Nordics", "EMEA", ""),
    node("London", "UK", "Ana"),
    node("APAC", "World", "MO"),
    node("JP", "APAC", "Kei"),
  ];
  const plan: Plan = {
    settings: {
      name: "FY27",
      metric: "Revenue",
      unit: "EUR",
      periods: PERIODS,
      decimals: 0,
      tolerance: 0.05,
      deadline: null,
      allowNegative: false,
    },
    nodes,
    entries: new Map([["UK", entry("Submitted", [5, 6])]]),
    topDown: new Map(),
  };

  it("lists owners once each, ignoring case and spaces, sorted", () => {
    expect(owners(plan)).toEqual(["ana", "Ben", "ceo@x.com", "Kei", "Mo"]);
  });

  it("finds the nodes a person owns, in sheet order", () => {
    expect(nodesOwnedBy(plan, "ANA").map((n) => n.id)).toEqual(["UK", "London"]);
    expect(nodesOwnedBy(plan, " ")).toEqual([]);
  });

  it("queues the nodes the manager reviews: past same-owner nodes, never the manager's own or unowned ones", () => {
    const queue = reviewQueue(plan, "mo");
    expect(queue.map((item) => [item.node.id, item.parent.id, item.entry.status])).toEqual([
      ["UK", "EMEA", "Submitted"],
      ["DE", "EMEA", "Not started"],
      ["London", "EMEA", "Not started"],
      ["JP", "APAC", "Not started"],
    ]);
    expect(queue[1].entry).toEqual(emptyEntry("DE", 2));
  });

  it("gives a fresh entry for a node with none", () => {
    expect(entryFor(plan, "UK").status).toBe("Submitted");
    expect(entryFor(plan, "JP")).toEqual(emptyEntry("JP", 2));
  });
});
