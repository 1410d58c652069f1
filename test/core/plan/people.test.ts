import {
  isOwnSubmission,
  mayApprove,
  mayEnterTopDown,
  ownerOfAccount,
  submittedBy,
} from "../../../src/core/plan/people";
import type { NodeEntry, Plan, PlanNode, PlanSettings } from "../../../src/core/plan/types";
import { SETTINGS } from "../../support/plan";

const node = (id: string, owner: string, attributes: Record<string, string> = {}): PlanNode => ({
  id,
  parent: id === "Company" ? "" : "Company",
  name: id,
  owner,
  attributes,
});

const NODES = [
  node("Company", "Vera", { "E-mail": "vera@contoso.com" }),
  node("South", "bob@contoso.com"),
  node("Coast", "Alice", { email: "Alice.Smith@Contoso.com" }),
  node("Bay", "Rita", { Email: "not an address" }),
];

const planWith = (settings: Partial<PlanSettings> = {}): Plan => ({
  settings: { ...SETTINGS, ...settings },
  nodes: NODES,
  entries: new Map(),
  topDown: new Map(),
});

const entry = (status: NodeEntry["status"], updatedBy: string): NodeEntry => ({
  id: "Bay",
  values: [1, 2],
  status,
  comment: "",
  returnReason: "",
  updatedAt: "2027-01-05T09:00:00.000Z",
  updatedBy,
});

describe("the signed-in account matched to an owner's e-mail address", () => {
  test.each([
    ["alice.smith@contoso.com", "Alice"], // the e-mail column, ignoring case
    [" VERA@contoso.com ", "Vera"], // "E-mail" column, spaces and case ignored
    ["bob@contoso.com", "bob@contoso.com"], // the owner is the address
    ["rita@contoso.com", null], // Rita's column holds no address
    ["mallory@fabrikam.com", null],
    ["", null],
  ])("%j is %j", (account, owner) => {
    expect(ownerOfAccount(planWith(), account)).toBe(owner);
  });
});

describe("roles in the plan's settings", () => {
  test("no roles named: everyone may enter top-down targets and approve, as before roles existed", () => {
    const plan = planWith();
    expect(mayEnterTopDown(plan, "Rita")).toBe(true);
    expect(mayApprove(plan, "Rita")).toBe(true);
    expect(mayApprove(planWith({ approvers: [" "] }), "Rita")).toBe(true);
  });

  test("named by owner name or by e-mail address, ignoring case; others may not", () => {
    const plan = planWith({ topDownEditors: ["VERA"], approvers: ["alice.smith@contoso.com", "bob@contoso.com"] });
    expect(mayEnterTopDown(plan, "Vera")).toBe(true);
    expect(mayEnterTopDown(plan, "Alice")).toBe(false);
    expect(mayApprove(plan, "alice")).toBe(true); // through Coast's e-mail column
    expect(mayApprove(plan, "bob@contoso.com")).toBe(true);
    expect(mayApprove(plan, "Vera")).toBe(false);
    expect(mayApprove(plan, "")).toBe(false);
  });
});

describe("nobody approves their own submission", () => {
  test("the current submission's author is the status row's Updated by", () => {
    expect(submittedBy(entry("Submitted", " Alice "))).toBe("Alice");
    expect(submittedBy(entry("Approved", "Bob"))).toBe("");
    expect(isOwnSubmission(entry("Submitted", "Alice"), "alice")).toBe(true);
    expect(isOwnSubmission(entry("Submitted", "Rita"), "Alice")).toBe(false);
    expect(isOwnSubmission(entry("Submitted", ""), "")).toBe(false);
  });
});
