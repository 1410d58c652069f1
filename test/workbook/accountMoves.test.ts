/**
 * Balancing moves written into the user's accounts table (issue 13), in both PlanWorkbook
 * implementations over the same cells: the in-memory one, and the Excel one through the recording
 * double of Office.js. A co-author is someone typing into the accounts table since it was read.
 */
import type { CellRange } from "../../src/core/a1";
import { verifyAuditChain } from "../../src/core/audit/chain";
import type { AuditEntry, PlanNode } from "../../src/core/plan/types";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { AccountMove, AccountsTableRef, PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS } from "../support/plan";

function node(id: string, parent: string): PlanNode {
  return { id, parent, name: id, owner: "", attributes: {} };
}

const NODES = [node("CO", ""), node("North", "CO"), node("South", "CO"), node("=West", "CO")];

const REF: AccountsTableRef = { table: "Accounts", idColumn: "Account", territoryColumn: "Territory" };

/** The accounts table on its own sheet, its header on sheet row 3 (so rows are not table rows). */
const TABLE: CellRange = { sheet: "Clients", row: 2, col: 1, rowCount: 5, colCount: 3 };

function addAccounts(cells: MemoryWorkbook): void {
  cells.addSheet("Clients");
  cells.write(TABLE, [
    ["Account", "Territory", "Visits"],
    ["A1", "North", 10],
    ["A2", "North", 20],
    ["007", "South", 5],
    ["A4", "South", 1],
  ]);
  cells.addTable("Accounts", TABLE);
}

function territories(cells: MemoryWorkbook): unknown[] {
  return cells
    .values({ ...TABLE, row: TABLE.row + 1, rowCount: TABLE.rowCount - 1, col: TABLE.col + 1, colCount: 1 })
    .map((row) => row[0]);
}

function moved(move: AccountMove): AuditEntry {
  return {
    time: "2027-01-05T09:00:00.000Z",
    user: "ann",
    node: move.to,
    field: `account ${move.account}`,
    oldValue: move.from,
    newValue: move.to,
    note: "Balanced",
    identity: "chosen",
  };
}

const KINDS: { name: string; open: (cells: MemoryWorkbook) => PlanWorkbook }[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  { name: "ExcelPlanWorkbook", open: (cells) => new ExcelPlanWorkbook(new RecordingExcel(cells).run) },
];

describe.each(KINDS)("$name moveAccounts", ({ open }) => {
  let cells: MemoryWorkbook;
  let ann: PlanWorkbook;

  beforeEach(async () => {
    cells = new MemoryWorkbook();
    ann = open(cells);
    await ann.writePlan({ settings: SETTINGS, nodes: NODES });
    addAccounts(cells);
  });

  it("writes each moved account's new territory (kept as text) and one audit row per account", async () => {
    const moves = [
      { account: "A2", from: "North", to: "=West" },
      { account: "7", from: "South", to: "North" },
    ];
    const result = await ann.moveAccounts(REF, moves, moves.map(moved));
    expect(result).toEqual({ moved: ["A2", "7"], refused: [] });
    expect(territories(cells)).toEqual(["North", "=West", "North", "South"]);
    const audit = await ann.readAudit();
    expect(
      audit.slice(-2).map((entry) => [entry.node, entry.field, entry.oldValue, entry.newValue, entry.note]),
    ).toEqual([
      ["=West", "account A2", "North", "=West", "Balanced"],
      ["North", "account 7", "South", "North", "Balanced"],
    ]);
    expect(verifyAuditChain(await ann.readAuditChain())).toMatchObject({ status: "intact", chained: 2 });
  });

  it("refuses a move whose account a co-author moved since the read, naming the account and row, and writes the rest", async () => {
    cells.enter("Clients", 4, 2, "South");
    const moves = [
      { account: "A2", from: "North", to: "South" },
      { account: "A4", from: "South", to: "North" },
      { account: "Gone", from: "South", to: "North" },
    ];
    const before = (await ann.readAudit()).length;
    const result = await ann.moveAccounts(REF, moves, moves.map(moved));
    expect(result.moved).toEqual(["A4"]);
    expect(result.refused).toEqual([
      {
        account: "A2",
        row: 5,
        message: expect.stringMatching(/^Account "A2" \(row 5\) is now in territory "South", not "North"/),
      },
      {
        account: "Gone",
        row: null,
        message: expect.stringContaining('Account "Gone" is no longer in table "Accounts"'),
      },
    ]);
    expect(territories(cells)).toEqual(["North", "South", "South", "North"]);
    const audit = await ann.readAudit();
    expect(audit.slice(before).map((entry) => entry.field)).toEqual(["account A4"]);
  });

  it("writes nothing and says which column is missing", async () => {
    const before = (await ann.readAudit()).length;
    await expect(
      ann.moveAccounts({ ...REF, territoryColumn: "Rep" }, [{ account: "A1", from: "North", to: "South" }], []),
    ).rejects.toThrow('Table "Accounts" has no column "Rep"');
    await expect(ann.moveAccounts({ ...REF, table: "Nope" }, [], [])).rejects.toThrow('There is no table "Nope"');
    expect(territories(cells)).toEqual(["North", "North", "South", "South"]);
    expect(await ann.readAudit()).toHaveLength(before);
  });
});
