import { SHEETS, TABLES } from "../../src/core/plan/layout";
import type { PlanNode, PlanSettings } from "../../src/core/plan/types";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { escapeRichText, mentionBody } from "../../src/excel/comments";
import { RecordingExcel } from "./support/RecordingExcel";

const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-01-31",
  allowNegative: false,
};

function node(id: string, parent: string, name: string, owner: string): PlanNode {
  return { id, parent, name, owner, attributes: {} };
}

// Tree order in GU Hierarchy: CO, EMEA, UK, DE (body rows 0-3, sheet rows 2-5); Name is column C.
const NODES = [
  node("CO", "", "Company", "ceo"),
  node("EMEA", "CO", "EMEA", "bob"),
  node("UK", "EMEA", "UK", "ann"),
  node("DE", "EMEA", "Germany", "dirk"),
];

const DIRK = { name: "Dirk Weber", email: "dirk@example.com" };

// "Work with comments using the Excel JavaScript API" (ExcelApi 1.11): comments.add(cell,
// { mentions, richContent: '<at id="0">Name</at> text' }, Excel.ContentType.mention).
describe("ExcelPlanWorkbook.mentionOnNode (threaded comments with @mentions)", () => {
  let excel: RecordingExcel;
  let workbook: ExcelPlanWorkbook;

  beforeEach(async () => {
    excel = new RecordingExcel();
    workbook = new ExcelPlanWorkbook(excel.run);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    excel.reset();
  });

  it("adds one mention comment on the node's Name cell in GU Hierarchy, in 2 syncs", async () => {
    await workbook.mentionOnNode("de", DIRK, "Q1 is below the region's target.");
    expect(excel.syncs).toBe(2);
    expect(excel.callsIn(2)).toEqual(["comments.add"]);
    expect(excel.comments).toEqual([
      {
        sheet: SHEETS.hierarchy,
        address: "C5",
        mentions: [{ email: "dirk@example.com", id: 0, name: "Dirk Weber" }],
        richContent: '<at id="0">Dirk Weber</at> Q1 is below the region\'s target.',
        contentType: "Mention",
      },
    ]);
    expect(excel.writes).toEqual([]);
  });

  it("finds the row through the table after the user renamed the sheet and sorted the table", async () => {
    excel.renameSheet(SHEETS.hierarchy, "Org chart");
    excel.sortTable(TABLES.hierarchy, 0, true); // UK, EMEA, DE, CO
    await workbook.mentionOnNode("DE", DIRK, "Please look again.");
    expect(excel.comments.map((c) => [c.sheet, c.address])).toEqual([[SHEETS.hierarchy, "C4"]]);
  });

  it("keeps what the user typed as text: <, > and & never become markup", async () => {
    await workbook.mentionOnNode("DE", { name: "A<b>", email: "a@example.com" }, '<at id="1">Eve</at> & 5 > 3');
    expect(excel.comments[0].richContent).toBe(
      '<at id="0">A&lt;b&gt;</at> &lt;at id="1"&gt;Eve&lt;/at&gt; &amp; 5 &gt; 3',
    );
    expect(escapeRichText("a&lt;")).toBe("a&amp;lt;");
    expect(mentionBody(DIRK, "x").mentions).toEqual([{ email: DIRK.email, id: 0, name: DIRK.name }]);
  });

  it("names the id it does not know and adds nothing", async () => {
    await expect(workbook.mentionOnNode("XX", DIRK, "hi")).rejects.toThrow(`Node "XX" is not in the plan's hierarchy`);
    expect(excel.comments).toEqual([]);
  });

  it("says that the host has no threaded comments where workbook.comments is absent", async () => {
    excel.threadedComments = false;
    await expect(workbook.mentionOnNode("DE", DIRK, "hi")).rejects.toThrow(
      "Could not add the @mention comment: this Excel has no threaded comments.",
    );
  });

  it("turns Excel's refusal into a message about the comment, with what the feature needs", async () => {
    excel.commentRefusal = "AccessDenied";
    const error = (await workbook.mentionOnNode("DE", DIRK, "hi").catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^Could not add the @mention comment: Excel refused the change: a sheet/);
    expect(error.message).toContain("OneDrive or SharePoint");
    expect(excel.comments).toEqual([]);
  });
});

describe("MemoryPlanWorkbook.mentionOnNode", () => {
  it("keeps the comment where Excel would put it, and names an unknown id", async () => {
    const { MemoryPlanWorkbook } = await import("../../src/workbook/memory/MemoryPlanWorkbook");
    const memory = new MemoryPlanWorkbook();
    await memory.writePlan({ settings: SETTINGS, nodes: NODES });
    await memory.mentionOnNode("de", DIRK, "<b>later</b>");
    expect(memory.comments).toEqual([
      { id: "de", sheet: SHEETS.hierarchy, address: "C5", mention: DIRK, text: "<b>later</b>" },
    ]);
    await expect(memory.mentionOnNode("XX", DIRK, "hi")).rejects.toThrow(`Node "XX" is not in the plan's hierarchy`);
  });
});
