import type { Plan, PlanNode, WorkflowAction } from "../../../src/core/plan/types";
import {
  chainAction,
  chainActionToMany,
  entryFor,
  isTopOfChain,
  owedOn,
  owners,
  planClosure,
  reviewerOf,
  reviewQueue,
  waitingBelow,
} from "../../../src/core/plan/workflow";
import { withEntries } from "../../../src/core/plan/patch";
import { SETTINGS } from "../../support/plan";

const node = (id: string, parent: string, owner: string): PlanNode => ({ id, parent, name: id, owner, attributes: {} });

/**
 * Four levels. Harbour has the same owner as its parent Coast; North and Vale have no owner.
 *   Company (Vera) > South (Bob) > Coast (Alice) > Harbour (Alice), Bay (Rita)
 *                                > Inland (Ian)  > Hill (Hank), Vale (nobody)
 *                  > North (nobody) > Fjord (Nina) > Ice (Igor), Snow (Sara)
 */
const NODES = [
  node("Company", "", "Vera"),
  node("South", "Company", "Bob"),
  node("Coast", "South", "Alice"),
  node("Harbour", "Coast", "alice "),
  node("Bay", "Coast", "Rita"),
  node("Inland", "South", "Ian"),
  node("Hill", "Inland", "Hank"),
  node("Vale", "Inland", ""),
  node("North", "Company", ""),
  node("Fjord", "North", "Nina"),
  node("Ice", "Fjord", "Igor"),
  node("Snow", "Fjord", "Sara"),
];

const start = (): Plan => ({ settings: SETTINGS, nodes: NODES, entries: new Map(), topDown: new Map() });

let clock = 0;
/** Applies an action that must succeed and returns the plan as the workbook then holds it. */
function act(
  plan: Plan,
  id: string,
  action: WorkflowAction,
  user: string,
  extra: { values?: (number | null)[]; reason?: string; comment?: string } = {},
): Plan {
  const result = chainAction(plan, id, action, {
    user,
    now: `2027-01-05T10:00:${String(clock++ % 60).padStart(2, "0")}.000Z`,
    periods: SETTINGS.periods,
    ...extra,
  });
  if (!result.ok) throw new Error(`${user} ${action} ${id}: ${result.message}`);
  return withEntries(plan, [result.entry]);
}

function refusal(plan: Plan, id: string, action: WorkflowAction, user: string, reason?: string): string {
  const result = chainAction(plan, id, action, {
    user,
    now: "2027-01-06T00:00:00.000Z",
    reason,
    periods: SETTINGS.periods,
  });
  return result.ok ? "(not refused)" : result.message;
}

const status = (plan: Plan, id: string): string => entryFor(plan, id).status;

describe("the approval chain of a four-level plan", () => {
  test("reviewers: the nearest other owner above; unowned nodes are passed through", () => {
    const plan = start();
    const reviewer = (id: string): string | null => reviewerOf(plan, id)?.id ?? null;
    expect(reviewer("Bay")).toBe("Coast");
    expect(reviewer("Harbour")).toBe("South"); // Alice owns Coast too: Bob reviews it
    expect(reviewer("Coast")).toBe("South");
    expect(reviewer("Hill")).toBe("Inland");
    expect(reviewer("Vale")).toBeNull(); // nobody owns it: nobody submits or reviews it
    expect(reviewer("Fjord")).toBe("Company"); // North has no owner: Vera reviews Fjord
    expect(reviewer("Company")).toBeNull();
    expect(isTopOfChain(plan, "Company")).toBe(true);
    expect(isTopOfChain(plan, "North")).toBe(false);
    expect(reviewQueue(plan, "BOB").map((item) => item.node.id)).toEqual(["Coast", "Harbour", "Inland"]);
    expect(reviewQueue(plan, "Vera").map((item) => [item.node.id, item.signOff])).toEqual([
      ["South", false],
      ["Fjord", false],
      ["Company", true],
    ]);
  });

  test("from every rep submitting to the top approved and the plan closed, with returns at two levels", () => {
    let plan = start();
    // What is owed at the start: only the reps' submissions; managers wait for their teams.
    expect(owedOn(plan, "Bay")).toEqual({ action: "submit", by: "Rita" });
    expect(owedOn(plan, "Coast")).toBeNull();
    expect(owedOn(plan, "Vale")).toBeNull();
    expect(owedOn(plan, "Company")).toBeNull();

    for (const [id, user] of [
      ["Harbour", "Alice"],
      ["Bay", "Rita"],
      ["Hill", "Hank"],
      ["Ice", "Igor"],
      ["Snow", "Sara"],
    ] as const) {
      plan = act(plan, id, "submit", user, { values: [10, 20] });
    }
    expect(owedOn(plan, "Bay")).toEqual({ action: "review", by: "Alice" });
    expect(owedOn(plan, "Harbour")).toEqual({ action: "review", by: "Bob" });

    // A roll-up moves only once everything below it is approved.
    expect(refusal(plan, "Coast", "submit", "Alice")).toBe(
      "Coast can't move on until everything below it is approved; still waiting for Harbour and Bay",
    );
    // Nobody approves their own submission: Alice submitted Harbour, Bob reviews it.
    expect(refusal(plan, "Harbour", "approve", "Alice")).toBe(
      "You submitted Harbour yourself: someone else must approve it (nobody approves their own submission)",
    );
    expect(refusal(plan, "Bay", "approve", "Bob")).toBe("Bay is reviewed by Alice, not by you");
    plan = act(plan, "Bay", "approve", "Alice");
    plan = act(plan, "Harbour", "approve", "Bob");
    expect(owedOn(plan, "Coast")).toEqual({ action: "submit", by: "Alice" });
    // The regional owner's own entry is an adjustment: blank periods may go up.
    plan = act(plan, "Coast", "submit", "Alice", { values: [5, null], comment: "Port deal" });

    // Vale has no owner: it does not hold Inland back.
    plan = act(plan, "Hill", "approve", "Ian");
    expect(waitingBelow(plan, "Inland")).toEqual([]);
    plan = act(plan, "Inland", "submit", "Ian", { values: [null, null] });

    // Return at level 3: Bob returns Coast; Alice may then return Bay one step further down.
    plan = act(plan, "Coast", "return", "Bob", { reason: "Bay looks low" });
    expect(status(plan, "Coast")).toBe("Returned");
    expect(entryFor(plan, "Coast").returnReason).toBe("Bay looks low");
    expect(status(plan, "Bay")).toBe("Approved"); // a return goes one step down, no further
    plan = act(plan, "Bay", "return", "Alice", { reason: "Add the new client" });
    plan = act(plan, "Bay", "submit", "Rita", { values: [15, 25] });
    plan = act(plan, "Bay", "approve", "Alice");
    plan = act(plan, "Coast", "submit", "Alice");
    plan = act(plan, "Coast", "approve", "Bob");
    plan = act(plan, "Inland", "approve", "Bob");
    plan = act(plan, "South", "submit", "Bob");
    // Once South has gone up, Bob can't pull Coast back: South must be returned first.
    expect(refusal(plan, "Coast", "return", "Bob", "again")).toBe(
      "South has already gone up with Coast in it; ask for South to be returned first",
    );

    // North has no owner: Nina's Fjord goes straight to Vera.
    plan = chainActionToMany(plan, ["Ice", "Snow"], "approve", {
      user: "Nina",
      now: "2027-01-07T00:00:00.000Z",
    }).entries.reduce((p, e) => withEntries(p, [e]), plan);
    plan = act(plan, "Fjord", "submit", "Nina");

    // Return at level 2, then up again.
    plan = act(plan, "South", "return", "Vera", { reason: "Inland is flat" });
    plan = act(plan, "South", "submit", "Bob", { values: [1, 1], comment: "Added a stretch" });
    plan = act(plan, "South", "approve", "Vera");
    expect(refusal(plan, "Company", "approve", "Vera")).toBe(
      "Company can't move on until everything below it is approved; still waiting for Fjord",
    );
    plan = act(plan, "Fjord", "approve", "Vera");
    expect(refusal(plan, "Company", "submit", "Vera")).toMatch(/top of the approval chain/);
    expect(refusal(plan, "Company", "approve", "Bob")).toBe(
      "Company is not yours: only its owner can enter and submit its targets",
    );
    expect(owedOn(plan, "Company")).toEqual({ action: "signOff", by: "Vera" });
    expect(planClosure(plan).closed).toBe(false);

    plan = act(plan, "Company", "approve", "Vera");
    expect(planClosure(plan)).toEqual({ closed: true, by: "Vera" });
    expect(refusal(plan, "Bay", "saveDraft", "Rita")).toBe(
      "The plan is closed: its top node was approved by Vera. Its owner can reopen it",
    );
    expect(refusal(plan, "South", "return", "Vera", "late change")).toMatch(/^The plan is closed/);
    for (const id of ["Company", "South", "Coast", "Harbour", "Bay", "Inland", "Hill", "Fjord", "Ice", "Snow"]) {
      expect([id, status(plan, id)]).toEqual([id, "Approved"]);
    }
    expect(owedOn(plan, "Company")).toBeNull();

    plan = act(plan, "Company", "reopen", "Vera");
    expect(planClosure(plan).closed).toBe(false);
  });

  test("a node nobody owns can't be acted on, and says why", () => {
    expect(refusal(start(), "North", "submit", "Vera")).toBe(
      "North has no owner, so nobody submits or approves it; its team goes straight to the owner above",
    );
    expect(refusal(start(), "Atlantis", "submit", "Vera")).toBe('There is no node "Atlantis" in the plan');
    expect(refusal(start(), "Bay", "submit", "Alice")).toBe(
      "Bay is not yours: only its owner can enter and submit its targets",
    );
  });

  test("an approval by whoever last wrote the node is refused", () => {
    let plan = act(start(), "Bay", "submit", "Rita", { values: [1, 2] });
    // Alice, Bay's reviewer, typed over Rita's values in a collected file and re-submitted them for her.
    plan = withEntries(plan, [{ ...entryFor(plan, "Bay"), updatedBy: "Alice" }]);
    expect(refusal(plan, "Bay", "approve", "Alice")).toMatch(/^You submitted Bay yourself/);
  });

  test("owners are listed once each, sorted case-insensitively, computed once per plan", () => {
    const plan = start();
    expect(owners(plan)).toEqual(["Alice", "Bob", "Hank", "Ian", "Igor", "Nina", "Rita", "Sara", "Vera"]);
    expect(owners(plan)).toBe(owners(plan));
  });
});

describe("who may approve", () => {
  test("an approval by the person who made the submission is refused, naming the node, even after ownership moved", () => {
    // Alice submitted Bay while she owned it; Bay has since gone to Rita, so Alice now reviews it.
    const plan = withEntries(start(), [
      { ...entryFor(start(), "Bay"), values: [1, 2], status: "Submitted", updatedBy: "Alice" },
    ]);
    expect(refusal(plan, "Bay", "approve", "alice")).toBe(
      "You submitted Bay yourself: someone else must approve it (nobody approves their own submission)",
    );
    // Returning it for someone else to resubmit stays possible.
    expect(refusal(plan, "Bay", "return", "Alice", "Rita should submit it")).toBe("(not refused)");
    const bulk = chainActionToMany(plan, ["Bay"], "approve", { user: "Alice", now: "2027-01-06T00:00:00.000Z" });
    expect(bulk.refused.map((r) => r.id)).toEqual(["Bay"]);
  });

  test("with approvers named in the settings, only they approve, return or sign off, each where the chain says", () => {
    let plan: Plan = { ...start(), settings: { ...SETTINGS, approvers: ["Bob", "vera"] } };
    plan = act(plan, "Bay", "submit", "Rita", { values: [1, 2] });
    plan = act(plan, "Harbour", "submit", "Alice", { values: [1, 2] });
    expect(refusal(plan, "Bay", "approve", "Alice")).toBe(
      "You can't approve or return Bay: the plan's settings name who approves (Approvers), and you are not one of them",
    );
    expect(refusal(plan, "Bay", "return", "Alice", "low")).toMatch(/^You can't approve or return Bay/);
    // An approver still approves only what the chain gives them.
    expect(refusal(plan, "Bay", "approve", "Bob")).toBe("Bay is reviewed by Alice, not by you");
    plan = act(plan, "Harbour", "approve", "Bob");
    expect(status(plan, "Harbour")).toBe("Approved");
    // The top's sign-off is an approval too.
    const ianOnTop: Plan = { ...start(), settings: { ...SETTINGS, approvers: ["Bob"] } };
    expect(refusal(ianOnTop, "Company", "approve", "Vera")).toMatch(/^You can't approve or return Company/);
  });
});
