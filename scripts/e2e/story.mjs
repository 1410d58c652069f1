// The end-to-end story, one step per function: a plan set up from a pasted hierarchy, targets
// entered by reps, reviewed by their manager, seen by leadership against the top-down target and
// reconciled, shared with a contributor as a workbook and collected back; then a target typed into
// the sheet reaches the open pane, a rep follows the suggested top-down, and a region goes up the
// approval chain, and a rep spreads an annual number within the plan's growth guardrail. Last, on
// the sample plan, accounts are moved between territories in Balance, the map shows the workload
// balance and the coverage of the targets by capacity, and the balancing band is kept for the plan.
// Before the sample plan, units are planned beside revenue through the whole loop.
// Steps run in order on one page and build on each other. A new step is one more function here and
// one more entry in STORY.

import path from "node:path";
import ExcelJS from "exceljs";
import { AssertionError, expectEventually } from "./workbench.mjs";

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
  // Germany has nothing entered yet, so it is suggested an even share of EMEA's 25,000 beside the
  // United Kingdom: 12,500 each. UK North's share of the UK's by bottom-up (12,500 of 21,500),
  // rounded so the parts add up.
  await wb.expectCells(REPORT, {
    [`F${ROW.UK}`]: "21,500",
    [`F${ROW.ACME}`]: "21,500",
    [`G${ROW.UK}`]: "12,500",
    [`G${ROW.DE}`]: "12,500",
    [`G${ROW.UKN}`]: "7,267",
    [`G${ROW.UKS}`]: "5,233",
    [`H${ROW.UKN}`]: "5,233",
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

/** Rows of the plan's per-node tables (GU Targets, GU Inputs, GU Status): the report's order, from row 2. */
const TABLE_ROW = Object.fromEntries(Object.entries(ROW).map(([node, row]) => [node, row - (ROW.ACME - 2)]));
const TARGETS = "GU Targets";
const INPUTS = "GU Inputs";
const DASHBOARD = "GU Dashboard";

/** What each cell of a task pane table shows, row by row (header row left out). */
async function tableTexts(table) {
  const rows = await table.locator("tbody").getByRole("row").all();
  const texts = [];
  for (const row of rows) texts.push((await row.getByRole("cell").allTextContents()).map((text) => text.trim()));
  return texts;
}

/** Waits until the table's row whose first cell is `first` shows `expected`, cell by cell. */
async function expectRow(table, first, expected) {
  await expectEventually(
    `row "${first}" of ${await table.getAttribute("aria-label")}`,
    async () => (await tableTexts(table)).find((cells) => cells[0] === first) ?? null,
    expected,
  );
}

/**
 * Leadership reconciles Europe: its Q1 target is 14 % above what the field submitted, and in Q2 the
 * field submitted 11.9 % more than the share of the company's target Europe is suggested (the
 * Americas, where nobody has entered anything yet, are suggested an even share beside it).
 * Leadership sets Europe's targets near its bottom-up, allocates the gap left below it in
 * proportion to bottom-up (Germany, with nothing entered, gets none), applies, and inserts the
 * dashboard, whose chart the workbench shows on its sheet.
 */
async function leadershipAllocatesTheGap(t) {
  const { wb } = t;
  await wb.expectCells(REPORT, { [`I${ROW.EMEA}`]: "-14.0%", [`M${ROW.EMEA}`]: "11.9%" });
  await wb.expectFlags(REPORT, { [`I${ROW.EMEA}`]: true, [`M${ROW.EMEA}`]: true });

  await wb.openView("Reconcile");
  await wb.chooseMe("Grace Hopper");
  await wb.pickNode("Node", "Europe", "Europe (EMEA)");
  // Europe's row of the report, where the view stays on Europe and the numbers show as they change.
  await wb.goTo(REPORT, `I${ROW.EMEA}`);
  const compare = wb.pane.getByRole("table", { name: "Compare Europe", exact: true });
  await expectRow(compare, "Q1 2027", ["Q1 2027", "25,000", "21,500", "-3,500", "-14.0 % outside tolerance"]);
  await expectRow(compare, "Q2 2027", ["Q2 2027", "21,000from above", "23,500", "+2,500", "+11.9 % outside tolerance"]);

  const targets = wb.pane.getByRole("region", { name: "Top-down targets" });
  await targets.getByLabel("Q1 2027 (EUR)").fill("22,000");
  await targets.getByLabel("Q2 2027 (EUR)").fill("24,000");
  await targets.getByRole("button", { name: "Save targets" }).click();
  await targets.getByText("Saved the top-down targets of Europe").waitFor();

  const allocate = wb.pane.getByRole("region", { name: "Allocate below Europe" });
  await expectEventually(
    "what is allocated",
    () => allocate.getByRole("radio", { name: /^The gap/ }).isChecked(),
    true,
  );
  await expectEventually(
    "allocated in proportion to",
    () => allocate.getByLabel("In proportion to").inputValue(),
    "bottomUp",
  );
  const preview = allocate.getByRole("table", { name: "Allocation preview" });
  await expectRow(preview, "Europe (target)", ["Europe (target)", "22,000", "24,000"]);
  // The United Kingdom keeps its bottom-up (21,500 and 23,500) and takes the 500 left in each quarter;
  // Germany's bottom-up is nothing, so is its share. Each shows the change from the even share
  // it was suggested so far.
  await expectRow(preview, "United Kingdom", ["United Kingdom", "22,000(+11,000)", "24,000(+12,000)"]);
  await expectRow(preview, "Germany", ["Germany", "0(-11,000)", "0(-12,000)"]);
  await preview.scrollIntoViewIfNeeded();
  await t.screenshot("allocation-preview");

  await allocate.getByRole("button", { name: "Apply allocation" }).click();
  await allocate.getByText("Applied the new targets below Europe").waitFor();
  await expectRow(compare, "Q1 2027", ["Q1 2027", "22,000", "21,500", "-500", "-2.3 %"]);
  await expectRow(compare, "Q2 2027", ["Q2 2027", "24,000", "23,500", "-500", "-2.1 %"]);
  await wb.expectCells(TARGETS, {
    [`A${TABLE_ROW.EMEA}`]: "EMEA",
    [`B${TABLE_ROW.EMEA}`]: "22,000",
    [`C${TABLE_ROW.EMEA}`]: "24,000",
    [`A${TABLE_ROW.UK}`]: "UK",
    [`B${TABLE_ROW.UK}`]: "22,000",
    [`C${TABLE_ROW.UK}`]: "24,000",
    [`A${TABLE_ROW.DE}`]: "DE",
    [`B${TABLE_ROW.DE}`]: "0",
    [`C${TABLE_ROW.DE}`]: "0",
  });
  // Europe is within the 5 % tolerance in both quarters: its revised targets did that (sharing a
  // node's target out below it leaves the node's own variance as it is), and the allocation carried
  // them down. The Americas get the rest of the company's target.
  await wb.expectCells(REPORT, {
    [`G${ROW.EMEA}`]: "22,000",
    [`H${ROW.EMEA}`]: "-500",
    [`I${ROW.EMEA}`]: "-2.3%",
    [`K${ROW.EMEA}`]: "24,000",
    [`L${ROW.EMEA}`]: "-500",
    [`M${ROW.EMEA}`]: "-2.1%",
    [`G${ROW.UK}`]: "22,000",
    [`G${ROW.UKN}`]: "12,791",
    [`G${ROW.AMER}`]: "18,000",
    [`K${ROW.AMER}`]: "18,000",
  });
  await wb.expectFlags(REPORT, { [`I${ROW.EMEA}`]: false, [`M${ROW.EMEA}`]: false });
  await wb.goTo(REPORT, `A${ROW.EMEA}`);
  await t.screenshot("allocation-applied");

  await wb.openView("Progress");
  const dashboard = wb.pane.getByRole("region", { name: "Dashboard in the workbook" });
  await wb.pickNode("Chart the nodes below", "Europe", "Europe (EMEA)");
  await dashboard.getByRole("button", { name: "Insert dashboard" }).click();
  await dashboard.getByText(`Inserted the dashboard on sheet "${DASHBOARD}"`).waitFor();
  await wb.showSheet(DASHBOARD);
  const charts = t.page.getByRole("region", { name: "Charts on this sheet" });
  const chart = charts.getByRole("figure", { name: "Top-down vs bottom-up below Europe, all periods" });
  await chart.getByText("Clustered column of B4:D6").waitFor();
  await charts
    .getByRole("figure", { name: `Submission status of ${PLAN_NAME}` })
    .getByText("Clustered bar of A9:B14")
    .waitFor();
  // Both quarters: top-down 22,000 + 24,000 and bottom-up 21,500 + 23,500 for the United Kingdom.
  await wb.expectCells(DASHBOARD, {
    B5: "United Kingdom",
    C5: "46,000",
    D5: "45,000",
    B6: "Germany",
    C6: "0",
    D6: "0",
    B7: "Europe",
    F7: "-2.2%",
    A10: "Not started",
    B10: "8",
    A13: "Approved",
    B13: "2",
  });
  await expectEventually("the chart's columns", () => chart.locator("rect > title").allTextContents(), [
    "United Kingdom, Top-down: 46,000",
    "Germany, Top-down: 0",
    "United Kingdom, Bottom-up: 45,000",
    "Germany, Bottom-up: 0",
  ]);
  await wb.goTo(DASHBOARD, "A1");
  await dashboard.getByText(`Inserted the dashboard on sheet "${DASHBOARD}"`).scrollIntoViewIfNeeded();
  await t.screenshot("dashboard-chart");
}

/**
 * Sets cells of a contributor workbook's Targets sheet, found by node id and column header, with
 * exceljs as a spreadsheet program saves them; `allowed` says whether each cell is one of the
 * unlocked input cells, and it must be.
 */
async function editContributorWorkbook(file, edits) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet("Targets");
  if (sheet === undefined) throw new AssertionError(`${file} has no Targets sheet`);
  let header = 0;
  sheet.eachRow((row, number) => {
    if (header === 0 && row.getCell(1).value === "Id") header = number;
  });
  const columns = new Map();
  sheet.getRow(header).eachCell((cell, number) => columns.set(String(cell.value), number));
  const rows = new Map();
  sheet.eachRow((row, number) => {
    if (number > header) rows.set(String(row.getCell(1).value), number);
  });
  for (const { id, column, value, allowed } of edits) {
    if (!rows.has(id) || !columns.has(column)) throw new AssertionError(`${file} has no cell for ${id}, ${column}`);
    const at = [rows.get(id), columns.get(column)];
    const unlocked = sheet.getCell(...at).protection?.locked === false;
    if (unlocked !== allowed)
      throw new AssertionError(`${id}, ${column} is ${unlocked ? "an input cell" : "locked"} in ${file}`);
    sheet.getCell(...at).value = value;
  }
  await book.xlsx.writeFile(file);
}

/**
 * Europe's manager splits the plan for one owner, who fills in the workbook outside Excel and
 * changes a row that is not theirs; the manager collects it, sees what is accepted and what is refused and why, and
 * applies the accepted change.
 */
/** Europe's VP makes the workbook of one owner in Share; its path once downloaded, and its name. */
async function splitFor(t, owner) {
  const { wb, page } = t;
  const fileName = `${PLAN_NAME} - ${owner}.xlsx`;
  await wb.openView("Share");
  await wb.chooseMe("Ada Lovelace");
  await wb.pane.getByRole("group", { name: "Owners" }).getByRole("checkbox", { name: owner }).check();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    wb.pane.getByRole("button", { name: "Create workbooks" }).click(),
  ]);
  await expectEventually("downloaded file name", () => download.suggestedFilename(), fileName);
  await wb.pane.getByRole("list", { name: "Workbooks" }).getByRole("link", { name: fileName }).waitFor();
  const file = path.join(t.temp, "returned", fileName);
  await download.saveAs(file);
  return { file, fileName };
}

async function managerSplitsAndCollects(t) {
  const { wb } = t;
  const owner = "Uma Patel";
  await wb.expectCells(REPORT, { [`D${ROW.UK}`]: "Not started", [`F${ROW.UK}`]: "21,500", [`F${ROW.EMEA}`]: "21,500" });
  const { file, fileName } = await splitFor(t, owner);

  await editContributorWorkbook(file, [
    // The United Kingdom's own input (house accounts) for Q1: Uma's to enter.
    { id: "UK", column: "Q1 2027", value: 500, allowed: true },
    // Ann Lee's approved row, changed by someone who unprotected the sheet.
    { id: "UK-N", column: "Q1 2027", value: 15000, allowed: false },
  ]);
  await wb.pane.getByLabel("Returned workbooks", { exact: true }).setInputFiles(file);
  await wb.pane.getByText("1 change accepted, 1 rejected").waitFor();
  const changes = wb.pane.getByRole("table", { name: `Changes in ${fileName}` });
  await expectEventually("the changes in the returned file", () => tableTexts(changes), [
    ["United Kingdom", "Q1 2027", "—", "500", "Accepted"],
    ["United Kingdom", "status", "Not started", "Draft", "Accepted"],
    ["UK North", "Q1 2027", "12,500", "15,000", `Rejected: UK North belongs to Ann Lee; ${owner} can't change it`],
  ]);
  await changes.scrollIntoViewIfNeeded();
  await t.screenshot("collect-preview");

  await wb.pane.getByRole("button", { name: "Apply accepted changes" }).click();
  await wb.pane.getByText("Applied 1 change to 1 node").waitFor();
  await wb.expectCells(INPUTS, {
    [`A${TABLE_ROW.UK}`]: "UK",
    [`B${TABLE_ROW.UK}`]: "500",
    [`C${TABLE_ROW.UK}`]: "",
    [`A${TABLE_ROW.UKN}`]: "UK-N",
    [`B${TABLE_ROW.UKN}`]: "12,500",
  });
  // The house accounts add to the United Kingdom's bottom-up and Europe's: now exactly on target.
  await wb.expectCells(REPORT, {
    [`D${ROW.UK}`]: "Draft",
    [`F${ROW.UK}`]: "22,000",
    [`F${ROW.UKN}`]: "12,500",
    [`F${ROW.EMEA}`]: "22,000",
    [`H${ROW.EMEA}`]: "0",
    [`I${ROW.EMEA}`]: "0.0%",
    [`F${ROW.ACME}`]: "22,000",
  });
  await wb.goTo(REPORT, `A${ROW.UK}`);
  await t.screenshot("collected");
}

/**
 * Leadership has Reconcile open on the Americas while someone types the Americas' Q1 target straight
 * into GU Targets: the pane shows it without a reload (the plan's change events).
 */
async function targetTypedInSheetReachesReconcile(t) {
  const { wb } = t;
  await wb.openView("Reconcile");
  await wb.chooseMe("Grace Hopper");
  await wb.pickNode("Node", "Americas", "Americas (AMER)");
  const compare = wb.pane.getByRole("table", { name: "Compare Americas", exact: true });
  const q1TopDown = async () => (await tableTexts(compare)).find((cells) => cells[0] === "Q1 2027")?.[1] ?? null;
  await expectEventually("the Americas' Q1 top-down before", q1TopDown, "18,000from above");
  await wb.typeInto(TARGETS, `B${TABLE_ROW.AMER}`, "20000");
  await expectEventually("the Americas' Q1 top-down typed into GU Targets", q1TopDown, "20,000");
  await wb.expectCells(REPORT, { [`G${ROW.AMER}`]: "20,000", [`G${ROW.USE}`]: "20,000" });
  await t.screenshot("reconcile-live");
}

/**
 * US East's rep has entered nothing yet; the pane suggests a share of the Americas' target. Typing
 * exactly what it suggests closes the gap, and the suggestion does not move while typing.
 */
async function repTypesTheGuidance(t) {
  const { wb } = t;
  await wb.openView("My targets");
  await wb.chooseMe("Dana Cole");
  const card = wb.card("US East");
  const suggested = [];
  for (const [period, quarter] of ["Q1 2027", "Q2 2027"].entries()) {
    const hint = card.getByText(/^Top-down [\d,]+ suggested · Gap /).nth(period);
    await hint.waitFor();
    const value = /^Top-down ([\d,]+) suggested/.exec((await hint.textContent()) ?? "")?.[1];
    if (value === undefined) throw new AssertionError(`US East shows no suggested top-down for ${quarter}`);
    await card.getByLabel(`${quarter} (EUR)`).fill(value);
    await card.getByText(`Top-down ${value} suggested · Gap 0`).waitFor();
    suggested.push(value);
  }
  await t.screenshot("rep-typed-guidance");
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText("Submitted").first().waitFor();
  await wb.expectCells(REPORT, {
    [`F${ROW.USE}`]: suggested[0],
    [`H${ROW.USE}`]: "0",
    [`J${ROW.USE}`]: suggested[1],
    [`L${ROW.USE}`]: "0",
  });
}

/**
 * Up the chain: the United Kingdom's manager, whose reps are approved, submits the United Kingdom
 * (the team's total with her own adjustment); Europe's VP approves it in Review, where the card
 * shows the team's total.
 */
async function regionGoesUpTheChain(t) {
  const { wb } = t;
  await wb.openView("My targets");
  await wb.chooseMe("Uma Patel");
  const uk = wb.card("United Kingdom");
  await uk.getByRole("button", { name: "Submit" }).click();
  await uk.getByText("Submitted").first().waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.UK}`]: "Submitted" });

  await wb.openView("Review");
  await wb.chooseMe("Ada Lovelace");
  await wb.card("United Kingdom").getByText("Submitted").first().waitFor();
  await wb.pane.getByRole("button", { name: "Approve United Kingdom" }).click();
  await wb.card("United Kingdom").getByText("Approved").first().waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.UK}`]: "Approved", [`D${ROW.UKN}`]: "Approved" });
  await t.screenshot("region-approved");
}

/**
 * Issue 12 on the story's plan: leadership adds last year's values and a growth guardrail; Berlin's
 * rep spreads an annual number by last year's shares, is refused above the bound and submits
 * within it.
 */
async function repStaysWithinTheGuardrail(t) {
  const { wb } = t;
  await wb.openView("Navigate");
  await wb.pane.getByRole("button", { name: "Add last year's values" }).click();
  await wb.pane.getByText(/^Added sheet "GU Reference"/).waitFor();
  await wb.paste("GU Reference", "A2", [["DE-1", "4000", "6000"]]);
  await wb.expectCells("GU Reference", { A1: "Id", B1: "Q1 2027", C1: "Q2 2027", A2: "DE-1", B2: "4,000" });

  await wb.openView("Set up");
  await wb.pane.getByLabel("Maximum growth vs last year (%)").fill("20");
  await wb.pane.getByRole("button", { name: "Update plan" }).click();
  // Setting a plan up again asks first: its settings and hierarchy are replaced.
  await t.page
    .getByRole("dialog", { name: `Update the plan "${PLAN_NAME}"?` })
    .getByRole("button", { name: "Update plan" })
    .click();
  await wb.pane.getByText(`The plan "${PLAN_NAME}" is set up with 10 nodes.`).waitFor();

  await wb.openView("My targets");
  await wb.chooseMe("Clara Schmidt");
  const card = wb.card("Berlin");
  await card.getByText(/Last year 4,000$/).waitFor();
  await card.getByLabel("Annual for Berlin").fill("15,000");
  await card.getByRole("button", { name: "Spread over the periods" }).click();
  // Last year's shares are 40 % and 60 %.
  await expectEventually("Berlin's Q1 spread", () => card.getByLabel("Q1 2027 (EUR)").inputValue(), "6,000");
  await expectEventually("Berlin's Q2 spread", () => card.getByLabel("Q2 2027 (EUR)").inputValue(), "9,000");
  await card.getByText(/Growth against last year is \+50 %; the plan allows at most \+20 %/).waitFor();
  await t.screenshot("guardrail-warning");
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText(/^Not submitted: Growth against last year is \+50 %/).waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.DE1}`]: "Not started" });

  await card.getByLabel("Annual for Berlin").fill("11,000");
  await card.getByRole("button", { name: "Spread over the periods" }).click();
  await expectEventually("Berlin's Q1 spread", () => card.getByLabel("Q1 2027 (EUR)").inputValue(), "4,400");
  await card.getByText(/Last year 4,000 · \+10 %/).waitFor();
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText("Submitted").first().waitFor();
  await wb.expectCells(REPORT, { [`D${ROW.DE1}`]: "Submitted", [`F${ROW.DE1}`]: "4,400", [`J${ROW.DE1}`]: "6,600" });
  await t.screenshot("guardrail-submitted");
}

/**
 * Leadership adds units beside revenue: the plan is set up again with a second measure and keeps
 * every revenue input and target (the workbook upgrades in place). Germany's manager returns
 * Berlin for its units; the rep spreads each measure's annual number into its own fields (revenue
 * by last year's shares), is refused above the growth bound, fixes revenue and submits both; the
 * manager approves; leadership reconciles Europe's units and allocates both measures below it; and
 * a split workbook collected back brings Germany's own units in.
 */
async function twoMeasuresThroughTheLoop(t) {
  const { wb, page } = t;
  await wb.openView("Set up");
  await wb.pane.getByLabel("More measures").fill("Units | units | 0");
  await wb.pane.getByRole("button", { name: "Update plan" }).click();
  await page
    .getByRole("dialog", { name: `Update the plan "${PLAN_NAME}"?` })
    .getByRole("button", { name: "Update plan" })
    .click();
  await wb.pane.getByText(`The plan "${PLAN_NAME}" is set up with 10 nodes.`).waitFor();
  // Units' columns follow revenue's in the tables and the report; what was entered is all still there.
  await wb.expectCells(INPUTS, { B1: "Q1 2027", D1: "Units Q1 2027", E1: "Units Q2 2027" });
  await wb.expectCells(REPORT, {
    A2: "Revenue (EUR) · Units (units)",
    F2: "Revenue Q1 2027",
    N2: "Units Q1 2027",
    R2: "Units Q2 2027",
    [`F${ROW.DE1}`]: "4,400",
    [`G${ROW.EMEA}`]: "22,000",
    [`N${ROW.ACME}`]: "0",
  });
  await wb.typeInto(TARGETS, "D2", "200");
  await wb.typeInto(TARGETS, "E2", "240");
  await wb.expectCells(REPORT, { [`O${ROW.ACME}`]: "200", [`S${ROW.ACME}`]: "240" });
  await t.screenshot("measures-set-up");

  await wb.openView("Review");
  await wb.chooseMe("Dieter Braun");
  await wb.pane.getByRole("button", { name: "Return Berlin" }).click();
  const dialog = page.getByRole("dialog", { name: "Return Berlin" });
  await dialog.getByLabel("Reason").fill("Add your units, please");
  await dialog.getByRole("button", { name: "Return", exact: true }).click();
  await wb.expectCells(REPORT, { [`D${ROW.DE1}`]: "Returned" });

  await wb.openView("My targets");
  await wb.chooseMe("Clara Schmidt");
  const card = wb.card("Berlin");
  const revenue = card.getByRole("region", { name: "Revenue (EUR)" });
  const units = card.getByRole("region", { name: "Units (units)" });
  await revenue.getByLabel("Annual for Berlin", { exact: true }).fill("13,000");
  await revenue.getByRole("button", { name: "Spread over the periods" }).click();
  await expectEventually("Berlin's Q1 revenue", () => revenue.getByLabel("Q1 2027 (EUR)").inputValue(), "5,200");
  await units.getByLabel("Annual for Berlin, Units", { exact: true }).fill("90");
  await units.getByRole("button", { name: "Spread over the periods" }).click();
  await expectEventually("Berlin's Q2 units", () => units.getByLabel("Units Q2 2027 (units)").inputValue(), "45");
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText(/^Not submitted: Growth against last year is \+30 %/).waitFor();
  await t.screenshot("measures-refused");
  await revenue.getByLabel("Annual for Berlin", { exact: true }).fill("11,500");
  await revenue.getByRole("button", { name: "Spread over the periods" }).click();
  await revenue.getByText(/^Total 11,500 · .*Last year 10,000 · \+15 %/).waitFor();
  await card.getByRole("button", { name: "Submit" }).click();
  await card.getByText("Submitted").first().waitFor();
  await wb.expectCells(REPORT, {
    [`F${ROW.DE1}`]: "4,600",
    [`J${ROW.DE1}`]: "6,900",
    [`N${ROW.DE1}`]: "45",
    [`R${ROW.DE1}`]: "45",
    [`N${ROW.ACME}`]: "45",
  });

  await wb.openView("Review");
  await wb.chooseMe("Dieter Braun");
  await wb.pane.getByRole("button", { name: "Approve Berlin" }).click();
  await wb.card("Berlin").getByText("Approved").first().waitFor();

  await wb.openView("Reconcile");
  await wb.chooseMe("Grace Hopper");
  await wb.pickNode("Node", "Europe", "Europe (EMEA)");
  const targets = wb.pane.getByRole("region", { name: "Top-down targets" });
  await targets.getByLabel("Units Q1 2027 (units)").fill("120");
  await targets.getByLabel("Units Q2 2027 (units)").fill("140");
  await targets.getByRole("button", { name: "Save targets" }).click();
  await targets.getByText("Saved the top-down targets of Europe").waitFor();
  const allocate = wb.pane.getByRole("region", { name: "Allocate below Europe" });
  await allocate.getByRole("radio", { name: "The whole target" }).check();
  await allocate.getByLabel("In proportion to").selectOption({ label: "Evenly" });
  const preview = allocate.getByRole("table", { name: "Allocation preview" });
  await expectRow(preview, "Europe (target)", ["Europe (target)", "22,000", "24,000", "120", "140"]);
  await allocate.getByRole("button", { name: "Apply allocation" }).click();
  await allocate.getByText("Applied the new targets below Europe").waitFor();
  await wb.expectCells(TARGETS, {
    [`A${TABLE_ROW.UK}`]: "UK",
    [`B${TABLE_ROW.UK}`]: "11,000",
    [`D${TABLE_ROW.UK}`]: "60",
    [`E${TABLE_ROW.UK}`]: "70",
    [`A${TABLE_ROW.DE}`]: "DE",
    [`D${TABLE_ROW.DE}`]: "60",
    [`E${TABLE_ROW.DE}`]: "70",
  });
  await wb.expectCells(REPORT, { [`O${ROW.DE1}`]: "60", [`P${ROW.DE1}`]: "-15", [`O${ROW.EMEA}`]: "120" });
  await t.screenshot("measures-reconciled");

  const { file, fileName } = await splitFor(t, "Dieter Braun");
  await editContributorWorkbook(file, [
    { id: "DE", column: "Units Q1 2027", value: 5, allowed: true },
    { id: "DE-1", column: "Units Q1 2027", value: 99, allowed: false },
  ]);
  await wb.pane.getByLabel("Returned workbooks", { exact: true }).setInputFiles(file);
  await wb.pane.getByText("1 change accepted, 1 rejected").waitFor();
  const changes = wb.pane.getByRole("table", { name: `Changes in ${fileName}` });
  await expectEventually("the changes in the returned file", async () => (await tableTexts(changes)).slice(0, 2), [
    ["Germany", "Units Q1 2027", "—", "5", "Accepted"],
    ["Germany", "status", "Not started", "Draft", "Accepted"],
  ]);
  await wb.pane.getByRole("button", { name: "Apply accepted changes" }).click();
  await wb.pane.getByText("Applied 1 change to 1 node").waitFor();
  await wb.expectCells(INPUTS, { [`A${TABLE_ROW.DE}`]: "DE", [`D${TABLE_ROW.DE}`]: "5" });
  await wb.expectCells(REPORT, { [`N${ROW.DE}`]: "50", [`N${ROW.ACME}`]: "50", [`F${ROW.DE}`]: "4,600" });
  await wb.goTo(REPORT, `N${ROW.ACME}`);
  await t.screenshot("measures-collected");
}

const ACCOUNTS = "Accounts";
const AUDIT = "GU Audit";
/** GU Audit's Field column (Time | User | Node | Field | Old | New | Note). */
const AUDIT_FIELD = "D";

/**
 * The last filled row of a column whose cells are filled from `filled` down without gaps, found by
 * doubling then halving (the grid draws only the rows in view, so each probe goes to its cell).
 */
async function lastFilledRow(wb, sheet, column, filled) {
  const isFilled = async (row) => (await wb.cellText(sheet, `${column}${row}`)) !== "";
  let low = filled;
  let high = filled * 2;
  while (await isFilled(high)) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await isFilled(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * On the sample plan, whose Accounts table leaves some territories far busier than their siblings:
 * the Balance view flags them, suggests moves, writes them into the Accounts sheet with an audit row
 * each, and the map then shows each country's workload against its siblings'.
 */
async function territoriesAreBalanced(t) {
  const { wb } = t;
  await wb.open(t.url);
  await wb.pane.getByRole("treeitem").first().waitFor({ timeout: 60_000 });
  await wb.openView("Balance");
  const table = wb.pane.getByLabel("Accounts table");
  await expectEventually("the accounts table chosen", () => table.inputValue(), ACCOUNTS);
  const workload = wb.pane.getByRole("table", { name: /^Workload of the territories under / });
  await workload.getByText("over", { exact: true }).first().waitFor();
  await t.screenshot("balance-flagged");

  await wb.pane.getByRole("button", { name: "Suggest moves" }).click();
  const moves = wb.pane.getByRole("table", { name: "Suggested moves" });
  await moves.waitFor();
  const suggested = await tableTexts(moves);
  if (suggested.length === 0) throw new AssertionError("Suggest moves listed no moves");
  await moves.scrollIntoViewIfNeeded();
  await t.screenshot("balance-preview");
  const [account] = suggested[0];
  const number = /^AC-(\d+)$/.exec(account)?.[1];
  if (number === undefined) throw new AssertionError(`The first move's account is "${account}", not AC-nnnn`);
  // AC-0001 is the first body row of the table, which starts at A1; Territory is column C.
  const territoryCell = `C${Number(number) + 1}`;
  const from = await wb.cellText(ACCOUNTS, territoryCell);
  const lastAudit = await lastFilledRow(wb, AUDIT, AUDIT_FIELD, 100);

  const plural = suggested.length === 1 ? "" : "s";
  await wb.pane.getByRole("button", { name: `Apply ${suggested.length} move${plural}` }).click();
  await wb.pane
    .getByText(`Moved ${suggested.length} account${plural}; the accounts table and GU Audit are updated`)
    .waitFor();
  await expectEventually(
    `${account}'s territory in ${ACCOUNTS} ${territoryCell} moved off ${from}`,
    async () => (await wb.cellText(ACCOUNTS, territoryCell)) !== from,
    true,
  );
  const to = await wb.cellText(ACCOUNTS, territoryCell);
  // One audit row per move, the first move's first.
  await wb.expectCells(AUDIT, {
    [`D${lastAudit + 1}`]: `account ${account}`,
    [`E${lastAudit + 1}`]: from,
    [`F${lastAudit + 1}`]: to,
    [`D${lastAudit + suggested.length}`]: `account ${suggested[suggested.length - 1][0]}`,
    [`D${lastAudit + suggested.length + 1}`]: "",
  });

  await wb.openView("Map");
  const colourBy = wb.pane.getByRole("combobox", { name: "Colour by" });
  await colourBy.locator("option", { hasText: "Balance (accounts)" }).waitFor({ state: "attached" });
  await colourBy.selectOption({ label: "Balance (accounts)" });
  const map = wb.pane.getByRole("group", { name: "Map of countries by balance (accounts)" });
  await map
    .getByRole("button", { name: /: workload [+-]?[\d.]+ % against its siblings, / })
    .first()
    .waitFor();
  await map.scrollIntoViewIfNeeded();
  await wb.goTo(ACCOUNTS, territoryCell);
  await t.screenshot("map-balance");
}

/**
 * Issue 13 on the sample plan: capacity shows as coverage in Navigate and on the map, and the
 * territory manager keeps the Balance view's band for the plan, audited.
 */
async function coverageAndKeptBalancing(t) {
  const { wb } = t;
  await wb.openView("Navigate");
  await wb.pane
    .getByRole("treeitem")
    .filter({ hasText: /Cov [\d.,]+ %/ })
    .first()
    .waitFor();
  await t.screenshot("navigate-coverage");

  await wb.openView("Map");
  const colourBy = wb.pane.getByRole("combobox", { name: "Colour by" });
  await colourBy.selectOption({ label: "Coverage (targets against capacity)" });
  const map = wb.pane.getByRole("group", { name: "Map of countries by coverage (targets against capacity)" });
  await map
    .getByRole("button", { name: /: targets [\d.,]+ % (above|below) capacity, / })
    .first()
    .waitFor();
  await map.scrollIntoViewIfNeeded();
  await t.screenshot("map-coverage");

  await wb.openView("Balance");
  await wb.pane.getByLabel("Accounts table").waitFor();
  const lastAudit = await lastFilledRow(wb, AUDIT, AUDIT_FIELD, 100);
  await wb.pane.getByLabel("Band around the average (%)").fill("8");
  await wb.pane.getByRole("button", { name: "Keep these settings for the plan" }).click();
  await wb.pane.getByText(/^Kept for the plan/).waitFor();
  await wb.expectCells(AUDIT, { [`D${lastAudit + 1}`]: "setting accountsTable" });
  const kept = await lastFilledRow(wb, AUDIT, AUDIT_FIELD, lastAudit + 1);
  await wb.expectCells(AUDIT, { [`D${kept}`]: "setting balanceBand", [`F${kept}`]: "0.08" });
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
  {
    name: "leadership allocates Europe's gap by bottom-up, comes within tolerance and inserts the dashboard",
    run: leadershipAllocatesTheGap,
  },
  {
    name: "the manager splits a workbook for one owner, collects it back edited, and applies what is allowed",
    run: managerSplitsAndCollects,
  },
  {
    name: "a target typed into GU Targets shows in Reconcile without a reload",
    run: targetTypedInSheetReachesReconcile,
  },
  { name: "a rep types the suggested top-down and the gap closes", run: repTypesTheGuidance },
  { name: "the UK's manager submits the UK and Europe's VP approves it", run: regionGoesUpTheChain },
  {
    name: "leadership adds last year's values and a growth guardrail; a rep spreads an annual number and stays within it",
    run: repStaysWithinTheGuardrail,
  },
  {
    name: "leadership adds units beside revenue; a rep plans both, is refused above the growth bound, fixes it; approval, reconcile per measure, split and collect",
    run: twoMeasuresThroughTheLoop,
  },
  {
    name: "on the sample plan, Balance moves accounts between territories and the map shows the balance",
    run: territoriesAreBalanced,
  },
  {
    name: "on the sample plan, coverage shows in Navigate and on the map, and the balancing band is kept for the plan",
    run: coverageAndKeptBalancing,
  },
];
