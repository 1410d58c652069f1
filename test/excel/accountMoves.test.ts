/** Balancing moves in Excel (issue 13): what the adapter costs in syncs, and what each sync carries. */
import { SHEETS } from "../../src/core/plan/layout";
import type { AuditEntry, PlanNode } from "../../src/core/plan/types";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { AccountMove } from "../../src/workbook/PlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { SETTINGS } from "../support/plan";
import { RecordingExcel } from "./support/RecordingExcel";

function node(id: string, parent: string): PlanNode {
  return { id, parent, name: id, owner: "", attributes: {} };
}

const NODES = [node("CO", ""), node("North", "CO"), node("South", "CO")];
const REF = { table: "Accounts", idColumn: "Account", territoryColumn: "Territory" };

function moved(move: AccountMove): AuditEntry {
  return {
    time: "2027-01-05T09:00:00.000Z",
    user: "ann",
    node: move.to,
    field: `account ${move.account}`,
    oldValue: move.from,
    newValue: move.to,
    note: "Balanced",
  };
}

/** `count` accounts, all in North, on a sheet of their own. */
function accounts(cells: MemoryWorkbook, count: number): void {
  cells.addSheet("Clients");
  const range = { sheet: "Clients", row: 0, col: 0, rowCount: count + 1, colCount: 3 };
  cells.write(range, [
    ["Account", "Territory", "Visits"],
    ...Array.from({ length: count }, (_, i) => [`A${i + 1}`, "North", 1 + (i % 7)]),
  ]);
  cells.addTable("Accounts", range);
}

describe("ExcelPlanWorkbook.moveAccounts", () => {
  it.each([
    { accounts: 4, moves: 1 },
    { accounts: 2000, moves: 300 },
  ])(
    "takes 4 syncs for $moves of $accounts accounts: names, place, cells, then every write in one",
    async ({ accounts: count, moves: moveCount }) => {
      const cells = new MemoryWorkbook();
      const excel = new RecordingExcel(cells);
      const workbook = new ExcelPlanWorkbook(excel.run);
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
      accounts(cells, count);
      excel.reset();
      const moves = Array.from({ length: moveCount }, (_, i) => ({
        account: `A${2 * i + 1}`,
        from: "North",
        to: "South",
      }));
      const result = await workbook.moveAccounts(REF, moves, moves.map(moved));
      expect(result.moved).toHaveLength(moveCount);
      expect(excel.syncs).toBe(4);
      const syncs = new Set(excel.writes.map((write) => write.sync));
      expect(syncs).toEqual(new Set([4]));
      expect(excel.writes.some((write) => write.sheet === SHEETS.audit)).toBe(true);
      expect(excel.writes.filter((write) => write.sheet === "Clients")).toHaveLength(moveCount);
      expect(cells.value("Clients", 1, 1)).toBe("South");
      expect(cells.value("Clients", 2, 1)).toBe("North");
    },
  );

  it("a second call, once the audit table is known, reads its tail in the first sync and still takes 4", async () => {
    const cells = new MemoryWorkbook();
    const excel = new RecordingExcel(cells);
    const workbook = new ExcelPlanWorkbook(excel.run);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    accounts(cells, 3);
    const first = [{ account: "A1", from: "North", to: "South" }];
    await workbook.moveAccounts(REF, first, first.map(moved));
    excel.reset();
    const second = [{ account: "A2", from: "North", to: "South" }];
    await workbook.moveAccounts(REF, second, second.map(moved));
    expect(excel.syncs).toBe(4);
    expect((await workbook.readAudit()).map((entry) => entry.field)).toEqual(["account A1", "account A2"]);
  });
});
