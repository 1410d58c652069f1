// The end-to-end story, one step per function: a plan set up from a pasted hierarchy, targets
// entered by reps, reviewed by their manager, and seen by leadership against the top-down target.
// Steps run in order on one page and build on each other. A new step is one more function here and
// one more entry in STORY (e.g. reconcile and allocate, or split and collect, at the end).

import { expectEventually } from "./workbench.mjs";

/** The hierarchy a planner pastes, with one mistake: Germany's parent "EMAE" is not an id. */
const PASTED = [
  ["Id", "Parent", "Name", "Owner"],
  ["ACME", "", "Acme Group", "Grace Hopper"],
  ["EMEA", "ACME", "Europe", "Ada Lovelace"],
  ["AMER", "ACME", "Americas", "Alan Turing"],
  ["UK", "EMEA", "United Kingdom", "Uma Patel"],
  ["DE", "EMAE", "Germany", "Dieter Braun"],
  ["UK-N", "UK", "UK North", "Ann Lee"],
  ["UK-S", "UK", "UK South", "Ben Okafor"],
  ["DE-1", "DE", "Berlin", "Clara Schmidt"],
  ["US", "AMER", "United States", "Sam Rivera"],
  ["US-E", "US", "US East", "Dana Cole"],
];
const BAD_ROW = 6; // Germany's sheet row, pasted at A1 under the header
/** The set-up names the sheet row; a formula names the row within its ranges (A2:A11), as BU.* do. */
const BAD_PARENT = `Parent "EMAE" of "DE" (row ${BAD_ROW}) is not in ids`;
const BAD_PARENT_IN_RANGE = `Parent "EMAE" of "DE" (row ${BAD_ROW - 1}) is not in ids`;
const PLAN_NAME = "FY2027 targets";

/**
 * Report rows (1-based sheet rows), in tree order, and each quarter's columns:
 * Q1 bottom-up F, top-down G, variance H, variance % I; Q2 J, K, L, M. Status is D.
 */
const ROW = { ACME: 4, EMEA: 5, UK: 6, UKN: 7, UKS: 8, DE: 9, DE1: 10, AMER: 11, US: 12, USE: 13 };
const REPORT = "GU Report";

async function setUpFromPastedHierarchy(t) {
  const { wb } = t;
  await wb.open(`${t.url}?start=empty`);
  await wb.paste("Sheet1", "A1", PASTED);
  await wb.expectCells("Sheet1", { A1: "Id", B6: "EMAE", D11: "Dana Cole" });
  // A formula typed beside the paste sees the same mistake, with its message on hover.
  await wb.typeInto("Sheet1", "F2", "=BU.LEVEL(A2:A11,B2:B11)");
  await wb.expectCells("Sheet1", { F2: "#VALUE!" });
  await expectEventually("F2's tooltip", () => wb.cell("F2").getAttribute("title"), BAD_PARENT_IN_RANGE);
  await wb.selectWithMouse("Sheet1", "A1", "D11");
  await expectEventually("name box", () => wb.nameBox.inputValue(), "A1:D11");

  await wb.openView("Set up");
  await wb.pane.getByRole("radio", { name: "From the selected cells" }).check();
  await wb.pane.getByRole("button", { name: "Read the selected cells" }).click();
  const problems = wb.pane.getByRole("region", { name: "Problems" });
  await problems.getByText(BAD_PARENT).waitFor();
  await problems.getByText("1 problem to fix in the source").waitFor();
  await t.screenshot("setup-error");

  await problems.getByRole("button", { name: `Go to row ${BAD_ROW}` }).click();
  await expectEventually("the row selected by Go to", () => wb.nameBox.inputValue(), `A${BAD_ROW}:D${BAD_ROW}`);
  await wb.typeInto("Sheet1", `B${BAD_ROW}`, "EMEA");
  await wb.expectCells("Sheet1", { [`B${BAD_ROW}`]: "EMEA" });
  // The fix recalculates the formula: the levels spill down beside the hierarchy.
  await wb.expectCells("Sheet1", { F2: "1", F3: "2", F6: "3", F7: "4", F11: "4" });

  await wb.selectWithMouse("Sheet1", "A1", "D11");
  await wb.pane.getByRole("button", { name: "Read the selected cells" }).click();
  await problems.waitFor({ state: "detached" });
  await wb.pane.getByText("Found 10 nodes as parent-child columns.").waitFor();

  await wb.pane.getByLabel("Plan name").fill(PLAN_NAME);
  await wb.pane.getByLabel("Unit").fill("EUR");
  await wb.pane.getByLabel("First period").fill("2027-01");
  await wb.pane.getByLabel("Each period is").selectOption({ label: "Quarters" });
  await wb.pane.getByLabel("Number of periods").fill("2");
  await wb.pane.getByRole("button", { name: "Set up plan" }).click();
  await wb.pane.getByText(`The plan "${PLAN_NAME}" is set up with 10 nodes.`).waitFor();

  await wb.expectCells(REPORT, {
    A1: PLAN_NAME,
    F2: "Q1 2027",
    J2: "Q2 2027",
    [`A${ROW.ACME}`]: "ACME",
    [`B${ROW.UKN}`]: "UK North",
    [`C${ROW.UKN}`]: "Ann Lee",
    [`D${ROW.UKN}`]: "Not started",
    [`E${ROW.UKN}`]: "4",
    [`F${ROW.ACME}`]: "0",
  });
  await t.screenshot("setup-done");
}

/** Leadership types the top-down targets into the plan's targets table, as into any sheet. */
async function enterTopDownTargets(t) {
  const { wb } = t;
  await wb.typeInto("GU Targets", "B2", "40000");
  await wb.typeInto("GU Targets", "C2", "42000");
  await wb.typeInto("GU Targets", "B3", "25000");
  await wb.expectCells("GU Targets", { A2: "ACME", B2: "40,000", C2: "42,000", A3: "EMEA", B3: "25,000" });
  await wb.expectCells(REPORT, {
    [`G${ROW.ACME}`]: "40,000",
    [`G${ROW.EMEA}`]: "25,000",
    [`G${ROW.AMER}`]: "15,000",
    [`K${ROW.ACME}`]: "42,000",
    [`H${ROW.ACME}`]: "-40,000",
  });
  await t.screenshot("top-down-targets");
}

async function enterAndSubmit(wb, owner, node, values) {
  await wb.openView("My targets");
  await wb.chooseMe(owner);
  const card = wb.card(node);
  await card.getByLabel("Q1 2027 (EUR)").fill(values[0]);
  await card.getByLabel("Q2 2027 (EUR)").fill(values[1]);
  return card;
}

async function repSubmitsTargets(t) {
  const { wb } = t;
  const card = await enterAndSubmit(wb, "Ann Lee", "UK North", ["12,500", "-300"]);
  await card.getByText("Negative targets are not allowed in this plan").waitFor();
  await t.screenshot("rep-invalid-value");
  await card.getByLabel("Q2 2027 (EUR)").fill("13,000");
  await card.getByText("Negative targets are not allowed in this plan").waitFor({ state: "detached" });
  await card.getByLabel("Comment").fill("Two renewals in Q2");
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText("Submitted").first().waitFor();
  await wb.expectCells(REPORT, {
    [`D${ROW.UKN}`]: "Submitted",
    [`F${ROW.UKN}`]: "12,500",
    [`F${ROW.UK}`]: "12,500",
    [`F${ROW.ACME}`]: "12,500",
    [`H${ROW.ACME}`]: "-27,500",
    [`J${ROW.ACME}`]: "13,000",
    [`L${ROW.ACME}`]: "-29,000",
  });

  const second = await enterAndSubmit(wb, "Ben Okafor", "UK South", ["9,000", "9,500"]);
  await second.getByRole("button", { name: "Submit" }).click();
  await second.getByText("Submitted").first().waitFor();
  // UK North's share of EMEA's 25,000 by bottom-up (12,500 of 21,500), rounded so the parts add up.
  await wb.expectCells(REPORT, {
    [`F${ROW.UK}`]: "21,500",
    [`F${ROW.ACME}`]: "21,500",
    [`G${ROW.UKN}`]: "14,535",
    [`G${ROW.UKS}`]: "10,465",
    [`H${ROW.UKN}`]: "-2,035",
    [`H${ROW.ACME}`]: "-18,500",
    [`I${ROW.ACME}`]: "-46.3%",
    [`J${ROW.ACME}`]: "22,500",
    [`L${ROW.ACME}`]: "-19,500",
  });
  await t.screenshot("rep-submitted");
}

async function managerReturnsThenApproves(t) {
  const { wb } = t;
  const reason = "Q2 is below your pipeline; please revisit";
  await wb.openView("Review");
  await wb.chooseMe("Uma Patel");
  await wb.pane.getByRole("button", { name: "Return UK North" }).click();
  const dialog = t.page.getByRole("dialog", { name: "Return UK North" });
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Return", exact: true }).click();
  await wb.card("UK North").getByText(`Returned: ${reason}`).waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.UKN}`]: "Returned" });
  await t.screenshot("manager-returned");

  await wb.openView("My targets");
  await wb.chooseMe("Ann Lee");
  const card = wb.card("UK North");
  await card.getByText(`Returned: ${reason}`).waitFor();
  await card.getByLabel("Q2 2027 (EUR)").fill("14,000");
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText("Submitted").first().waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.UKN}`]: "Submitted", [`J${ROW.UKN}`]: "14,000", [`J${ROW.ACME}`]: "23,500" });
  await t.screenshot("rep-resubmitted");

  await wb.openView("Review");
  await wb.chooseMe("Uma Patel");
  await wb.pane.getByRole("button", { name: "Approve UK North" }).click();
  await wb.card("UK North").getByText("Approved").first().waitFor();
  await wb.pane.getByRole("checkbox", { name: "Select all submitted" }).check();
  await wb.pane.getByRole("button", { name: "Approve selected (1)" }).click();
  await wb.card("UK South").getByText("Approved").first().waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.UKN}`]: "Approved", [`D${ROW.UKS}`]: "Approved" });
  await t.screenshot("manager-approved");
}

async function leadershipSeesVariance(t) {
  const { wb } = t;
  await wb.openView("Navigate");
  const top = wb.treeItem("Acme Group");
  // Both quarters: bottom-up 21,500 + 23,500 against top-down 40,000 + 42,000.
  await top.getByText("BU 45,000 · TD 82,000").waitFor();
  await top.getByText("Var -37,000 (-45.1 %)").waitFor();
  await top.getByText(", outside tolerance").waitFor({ state: "attached" });
  await wb.expectCells(REPORT, {
    [`H${ROW.ACME}`]: "-18,500",
    [`L${ROW.ACME}`]: "-18,500",
    [`M${ROW.ACME}`]: "-44.0%",
  });

  // The tree and the sheet select each other: a node selects its row, a row selects its node.
  await top.click();
  await expectEventually("hierarchy row selected from the tree", () => wb.nameBox.inputValue(), "A2:D2");
  await wb.goTo(REPORT, `B${ROW.UKS}`);
  await expectEventually(
    "tree node selected from the sheet",
    () => wb.treeItem("UK South").getAttribute("aria-selected"),
    "true",
  );
  await wb.goTo(REPORT, `A${ROW.ACME}`);
  await t.screenshot("leadership-variance");
}

/** The story, in order. Each step: a name for the report and a function of the shared test context. */
export const STORY = [
  { name: "set up a plan from a pasted hierarchy, fixing the error it reports", run: setUpFromPastedHierarchy },
  { name: "leadership enters top-down targets in the targets sheet", run: enterTopDownTargets },
  { name: "reps enter targets, one invalid value corrected, and submit", run: repSubmitsTargets },
  {
    name: "the manager returns a submission, the rep resubmits, the manager approves",
    run: managerReturnsThenApproves,
  },
  { name: "leadership sees the variance against the top-down target at the top", run: leadershipSeesVariance },
];
