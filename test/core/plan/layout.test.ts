import { DetailedCellError, HyperFormula } from "hyperformula";
import {
  AUDIT_HEADERS,
  PlanLayoutError,
  REPORT_FIRST_ROW,
  SHEETS,
  TABLES,
  buildPlanLayout,
  buildPlanLayoutInTasks,
  isFormula,
  nodeCellFor,
  nodeColumnOf,
  planFromGrids,
  planFromGridsInParts,
  readAuditGrid,
  readPlanGrids,
  sameStoredState,
  toCellInput,
  type LayoutCell,
  type PlanGrids,
  type PlanLayout,
  type PlanSetupInput,
  type TableGrid,
} from "../../../src/core/plan/layout";
import type { NodeEntry, PlanNode, PlanSettings } from "../../../src/core/plan/types";
import { registerBuFunctions } from "../../../src/hyperformula/buPlugin";
import { parseInput } from "../../../src/workbook/memory/MemoryWorkbook";

const SETTINGS: PlanSettings = {
  name: "FY27 revenue",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-01-31",
  allowNegative: false,
};

function node(id: string, parent: string, name = id, owner = "", attributes: Record<string, string> = {}): PlanNode {
  return { id, parent, name, owner, attributes };
}

// Territories listed before their region, as sheets often are: the layout writes tree order.
const NODES: PlanNode[] = [
  node("UK", "EMEA", "United Kingdom", "ann", { Channel: "Direct" }),
  node("CO", "", "Company", "ceo"),
  node("EMEA", "CO", "EMEA", "bob"),
  node("DE", "EMEA", "Germany", "dirk", { Channel: "Partner" }),
];

const SETUP: PlanSetupInput = { settings: SETTINGS, nodes: NODES };

/** Every cell of `sheet` the layout writes, as Excel then holds it: values, formulas as text. */
function sheetCells(layout: PlanLayout, sheet: string): unknown[][] {
  const rows: unknown[][] = [];
  for (const block of layout.blocks) {
    if (block.sheet !== sheet || block.cells === null) continue;
    block.cells.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const row = (rows[block.row + r] ??= []);
        const parsed = parseInput(toCellInput(cell), "General");
        row[block.col + c] = parsed === null ? "" : (parsed.formula ?? parsed.value);
      }),
    );
  }
  return rows.map((row) => Array.from(row, (cell) => cell ?? ""));
}

/** The tables as a workbook holds them after the layout was written. */
function gridsOf(layout: PlanLayout): PlanGrids {
  const grids: PlanGrids = {};
  for (const table of layout.tables) {
    const [headers, ...rows] = sheetCells(layout, table.sheet);
    grids[table.table] = { headers, rows };
  }
  return grids;
}

function grid(headers: unknown[], ...rows: unknown[][]): TableGrid {
  return { headers, rows };
}

function entry(id: string, values: (number | null)[], status: NodeEntry["status"] = "Draft", comment = ""): NodeEntry {
  return {
    id,
    values,
    status,
    comment,
    returnReason: "",
    updatedAt: "2027-01-05T09:00:00.000Z",
    updatedBy: "ann",
  };
}

describe("the plan's tables", () => {
  const layout = buildPlanLayout(SETUP, {});

  it("puts each table at A1 of its own sheet, sized to the plan", () => {
    expect(layout.tables.map(({ name, sheet, rowCount, colCount }) => [name, sheet, rowCount, colCount])).toEqual([
      ["GuSettings", "GU Settings", 12, 2],
      ["GuHierarchy", "GU Hierarchy", 5, 5],
      ["GuInputs", "GU Inputs", 5, 3],
      ["GuTargets", "GU Targets", 5, 3],
      ["GuStatus", "GU Status", 5, 6],
    ]);
  });

  it("keeps the settings as key/value rows, with a row per period", () => {
    expect(sheetCells(layout, SHEETS.settings)).toEqual([
      ["Key", "Value"],
      ["schemaVersion", 1],
      ["name", "FY27 revenue"],
      ["metric", "Revenue"],
      ["unit", "EUR"],
      ["decimals", 0],
      ["tolerance", 0.05],
      ["deadline", "2027-01-31"],
      ["allowNegative", false],
      ["overAssignment", 1],
      ["period", "Q1 2027"],
      ["period", "Q2 2027"],
    ]);
    const formats = layout.blocks.filter((block) => block.sheet === SHEETS.settings && block.cells === null);
    expect(formats.map(({ row, col, formats: f }) => [row, col, f])).toEqual([
      [5, 1, ["0"]],
      [6, 1, ["0.0%"]],
      [9, 1, ["0.0%"]],
    ]);
  });

  it("writes the hierarchy in tree order, siblings as set up, with the extra columns", () => {
    expect(sheetCells(layout, SHEETS.hierarchy)).toEqual([
      ["Id", "Parent", "Name", "Owner", "Channel"],
      ["CO", "", "Company", "ceo", ""],
      ["EMEA", "CO", "EMEA", "bob", ""],
      ["UK", "EMEA", "United Kingdom", "ann", "Direct"],
      ["DE", "EMEA", "Germany", "dirk", "Partner"],
    ]);
    expect(layout.rowIds).toEqual(["CO", "EMEA", "UK", "DE"]);
  });

  it("writes the per-node tables row-aligned with the hierarchy, values formatted with the plan's decimals", () => {
    expect(sheetCells(layout, SHEETS.inputs)).toEqual([
      ["Id", "Q1 2027", "Q2 2027"],
      ["CO", "", ""],
      ["EMEA", "", ""],
      ["UK", "", ""],
      ["DE", "", ""],
    ]);
    expect(sheetCells(layout, SHEETS.status)[3]).toEqual(["UK", "Not started", "", "", "", ""]);
    const body = layout.blocks.find((block) => block.sheet === SHEETS.targets && block.row === 1);
    expect(body?.formats).toEqual(["General", "#,##0", "#,##0"]);
    const twoDecimals = buildPlanLayout({ ...SETUP, settings: { ...SETTINGS, decimals: 2 } }, {});
    expect(twoDecimals.blocks.find((block) => block.sheet === SHEETS.inputs && block.row === 1)?.formats).toEqual([
      "General",
      "#,##0.00",
      "#,##0.00",
    ]);
  });
});

describe("the report sheet", () => {
  const layout = buildPlanLayout(SETUP, {});
  const report = sheetCells(layout, SHEETS.report);

  it("has a title with a warning cell, the periods over their columns and a header row", () => {
    expect(report[0][0]).toBe("FY27 revenue");
    const check = String(report[0][2]);
    expect(check).toMatch(/^=IF\(AND\(COUNTA\('GU Hierarchy'!\$A:\$A\)=5,/);
    expect(check).toContain("COUNTA('GU Inputs'!$A:$A)=COUNTA('GU Inputs'!$A$1:$A$5)");
    expect(check).toContain(`SUMPRODUCT(--(LEN('GU Status'!$A$2:$A$5&"")<>LEN(TRIM('GU Status'!$A$2:$A$5&""))))=0`);
    expect(report[1].slice(0, 13)).toEqual([
      "Revenue (EUR)",
      "",
      "",
      "",
      "",
      "Q1 2027",
      "",
      "",
      "",
      "Q2 2027",
      "",
      "",
      "",
    ]);
    expect(report[2]).toEqual([
      "Id",
      "Name",
      "Owner",
      "Status",
      "Level",
      "Bottom-up",
      "Top-down",
      "Variance",
      "Variance %",
      "Bottom-up",
      "Top-down",
      "Variance",
      "Variance %",
      "Parent",
      "Hierarchy row",
      "Inputs row",
      "Targets row",
      "Status row",
    ]);
  });

  it("lists the nodes with BU.TREE and finds each one's row in every table by id, not by position", () => {
    const hierarchyIds = `'GU Hierarchy'!$A$2:$A$5&""`;
    expect(report[REPORT_FIRST_ROW][0]).toBe(`=BU.TREE(${hierarchyIds},'GU Hierarchy'!$B$2:$B$5&"")`);
    const rows = (table: string): string =>
      `=IF($A$4:$A$7="","",IFNA(MATCH($A$4:$A$7,'${table}'!$A$2:$A$5,0),MATCH(IFERROR(--$A$4:$A$7,$A$4:$A$7),'${table}'!$A$2:$A$5,0)))`;
    expect(report[REPORT_FIRST_ROW].slice(13)).toEqual([
      `=IF(ISNUMBER($O$4:$O$7),INDEX('GU Hierarchy'!$B$2:$B$5&"",$O$4:$O$7),"")`,
      rows("GU Hierarchy"),
      rows("GU Inputs"),
      rows("GU Targets"),
      rows("GU Status"),
    ]);
    expect(report[REPORT_FIRST_ROW].slice(1, 3)).toEqual([
      `=IF(ISNUMBER($O$4:$O$7),IFERROR(REPT("   ",$E$4:$E$7-1),"")&INDEX('GU Hierarchy'!$C$2:$C$5&"",$O$4:$O$7),"")`,
      `=IF(ISNUMBER($O$4:$O$7),INDEX('GU Hierarchy'!$D$2:$D$5&"",$O$4:$O$7),"")`,
    ]);
  });

  it("computes level and every period's measures with one spilled BU formula per column, ids and parents as text", () => {
    const ids = `$A$4:$A$7&""`;
    const parents = `$N$4:$N$7&""`;
    const inputs = (col: string): string =>
      `IF(ISNUMBER($P$4:$P$7),INDEX(IF(ISBLANK('GU Inputs'!$${col}$2:$${col}$5),"",'GU Inputs'!$${col}$2:$${col}$5),$P$4:$P$7),"")`;
    const targets = (col: string): string =>
      `IF(ISNUMBER($Q$4:$Q$7),INDEX(IF(ISBLANK('GU Targets'!$${col}$2:$${col}$5),"",'GU Targets'!$${col}$2:$${col}$5),$Q$4:$Q$7),"")`;
    // The over-assignment setting as "" when blank, so Excel on the desktop cannot pass it as 0.
    const overAssignment = `IF(ISBLANK('GU Settings'!$B$10),"",'GU Settings'!$B$10)`;
    expect(report[REPORT_FIRST_ROW].slice(4, 13)).toEqual([
      `=BU.LEVEL(${ids},${parents})`,
      `=BU.ROLLUP(${ids},${parents},${inputs("B")})`,
      `=BU.CASCADE(${ids},${parents},${targets("B")},IF(BU.ROLLUP(${ids},${parents},${inputs("B")},,"count")=0,"",$F$4:$F$7),'GU Settings'!$B$6,TRUE(),${overAssignment})`,
      "=BU.VARIANCE($F$4:$F$7,$G$4:$G$7)",
      `=IF(IF(ISNUMBER($G$4:$G$7),$G$4:$G$7=0,FALSE()),"—",BU.VARIANCE($F$4:$F$7,$G$4:$G$7,"pct"))`,
      `=BU.ROLLUP(${ids},${parents},${inputs("C")})`,
      `=BU.CASCADE(${ids},${parents},${targets("C")},IF(BU.ROLLUP(${ids},${parents},${inputs("C")},,"count")=0,"",$J$4:$J$7),'GU Settings'!$B$6,TRUE(),${overAssignment})`,
      "=BU.VARIANCE($J$4:$J$7,$K$4:$K$7)",
      `=IF(IF(ISNUMBER($K$4:$K$7),$K$4:$K$7=0,FALSE()),"—",BU.VARIANCE($J$4:$J$7,$K$4:$K$7,"pct"))`,
    ]);
    // Below the first node's row nothing is written, so every column can spill.
    expect(report[REPORT_FIRST_ROW + 1]).toBeUndefined();
    const spill = layout.blocks[layout.blocks.length - 1];
    expect(spill.row).toBe(REPORT_FIRST_ROW);
    expect(spill.cells?.[0].every((cell) => isFormula(cell))).toBe(true);
  });

  it("formats the measures and flags variance % outside the tolerance held in the settings, as the pane does", () => {
    const formats = layout.blocks.filter((block) => block.sheet === SHEETS.report && block.cells === null);
    expect(formats[1]).toMatchObject({
      row: 3,
      col: 4,
      rowCount: 4,
      formats: [
        "0",
        "#,##0",
        "#,##0",
        "#,##0",
        "0.0%",
        "#,##0",
        "#,##0",
        "#,##0",
        "0.0%",
        "General",
        "0",
        "0",
        "0",
        "0",
      ],
    });
    const rule = (bu: string, td: string, pct: string): string =>
      `=IF(ISNUMBER(${td}),IF(${td}=0,IF(ISNUMBER(${bu}),${bu}<>0,FALSE()),` +
      `IF(ISNUMBER(${pct}),ABS(${pct})>'GU Settings'!$B$7+0.000000001,FALSE())),FALSE())`;
    expect(layout.rules).toEqual([
      {
        range: { sheet: SHEETS.report, row: 3, col: 8, rowCount: 4, colCount: 1 },
        formula: rule("F4", "G4", "I4"),
        tolerance: 0.05,
        fill: "#FFC7CE",
        fontColor: "#9C0006",
      },
      {
        range: { sheet: SHEETS.report, row: 3, col: 12, rowCount: 4, colCount: 1 },
        formula: rule("J4", "K4", "M4"),
        tolerance: 0.05,
        fill: "#FFC7CE",
        fontColor: "#9C0006",
      },
    ]);
  });

  describe("evaluated by a formula engine", () => {
    let hf: HyperFormula;
    let evaluatedRules: PlanLayout["rules"];

    beforeAll(() => {
      registerBuFunctions();
      const existing: PlanGrids = {
        inputs: grid(["Id", "Q1 2027", "Q2 2027"], ["UK", 120, 130], ["DE", 80, 95]),
        targets: grid(["Id", "Q1 2027", "Q2 2027"], ["CO", 210, null]),
        status: grid(
          ["Id", "Status", "Comment", "Return reason", "Updated at", "Updated by"],
          ["UK", "Submitted", "=ok", "", "", ""],
        ),
      };
      const evaluated = buildPlanLayout(
        { ...SETUP, nodes: [...NODES, node("=x", "CO", "+1 name", "@owner")] },
        existing,
      );
      evaluatedRules = evaluated.rules;
      const sheets: Record<string, (string | number | boolean | null)[][]> = {};
      for (const block of evaluated.blocks) {
        if (block.cells === null) continue;
        const rows = (sheets[block.sheet] ??= []);
        block.cells.forEach((cells, r) =>
          cells.forEach((cell: LayoutCell, c) => {
            const row = (rows[block.row + r] ??= []);
            const input = toCellInput(cell);
            row[block.col + c] = input === "" ? null : input;
          }),
        );
      }
      for (const rows of Object.values(sheets)) {
        for (let r = 0; r < rows.length; r++) rows[r] = Array.from(rows[r] ?? [], (cell) => cell ?? null);
      }
      // Dynamic arrays, as in Excel 365 and the workbench: the report's lookups spill.
      hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic: true });
    });

    afterAll(() => hf.destroy());

    const read = (address: string): unknown[][] => {
      const range = hf.simpleCellRangeFromString(address, hf.getSheetId(SHEETS.report) as number);
      if (range === undefined) throw new Error(address);
      return hf
        .getRangeValues(range)
        .map((row) => row.map((cell) => (cell instanceof DetailedCellError ? cell.value : cell)));
    };

    it("shows each node indented by level with owner and status, in tree order", () => {
      expect(read("A4:E8")).toEqual([
        ["CO", "Company", "ceo", "Not started", 1],
        ["EMEA", "   EMEA", "bob", "Not started", 2],
        ["UK", "      United Kingdom", "ann", "Submitted", 3],
        ["DE", "      Germany", "dirk", "Not started", 3],
        ["=x", "   +1 name", "@owner", "Not started", 2],
      ]);
    });

    it("rolls up bottom-up, cascades top-down on bottom-up weights, and shows the variances", () => {
      const rounded = read("F4:I8").map((row) =>
        row.map((cell) => (typeof cell === "number" ? Number(cell.toFixed(6)) : cell)),
      );
      // "=x" has nothing saved: it weighs as much as its saved sibling EMEA (an even share), as the
      // pane's guidance; below EMEA the split follows UK's and DE's bottom-up.
      expect(rounded).toEqual([
        [200, 210, -10, -0.047619],
        [200, 105, 95, 0.904762],
        [120, 63, 57, 0.904762],
        [80, 42, 38, 0.904762],
        [0, 105, -105, -1],
      ]);
      // No top-down target for Q2 anywhere: the cascade is blank there.
      expect(read("J4:K5")).toEqual([
        [225, ""],
        [225, ""],
      ]);
    });

    it("flags variance % beyond the tolerance in the settings table, and follows an edit there", () => {
      const report = hf.getSheetId(SHEETS.report) as number;
      const flags = (): unknown[] =>
        [0, 1, 2, 3, 4].map((r) =>
          hf.calculateFormula(
            // The rule's formula is relative to I4; here it is placed on each row in turn.
            evaluatedRules[0].formula.replace(/I4/g, `'GU Report'!I${4 + r}`),
            report,
          ),
        );
      expect(flags()).toEqual([false, true, true, true, true]);
      hf.setCellContents({ sheet: hf.getSheetId(SHEETS.settings) as number, row: 6, col: 1 }, [[0.04]]);
      expect(flags()).toEqual([true, true, true, true, true]);
    });
  });
});

describe("reading the tables back", () => {
  it("reads in parts, a task between the hierarchy, each value table and the rest, the plan it reads at once", async () => {
    const existing: PlanGrids = {
      inputs: grid(["Id", "Q1 2027", "Q2 2027"], ["UK", 120, null]),
      targets: grid(["Id", "Q1 2027", "Q2 2027"], ["CO", 500, 520]),
    };
    const grids = gridsOf(buildPlanLayout(SETUP, existing));
    let tasks = 0;
    const counting = setInterval(() => tasks++, 0);
    const plan = await planFromGridsInParts(grids);
    clearInterval(counting);
    expect(tasks).toBeGreaterThanOrEqual(3);
    expect(plan).toEqual(planFromGrids(grids));
    expect(plan.entries.get("UK")?.values).toEqual([120, null]);
  });

  it("refuses in parts what it refuses at once, with the same problems", async () => {
    const grids = gridsOf(buildPlanLayout(SETUP, {}));
    const broken: PlanGrids = {
      ...grids,
      status: { headers: grids.status?.headers ?? [], rows: [["UK", "Finished", "", "", "", ""]] },
    };
    const read = readPlanGrids(broken);
    expect(read.ok).toBe(false);
    const refused = planFromGridsInParts(broken);
    await expect(refused).rejects.toBeInstanceOf(PlanLayoutError);
    await expect(refused).rejects.toMatchObject({ problems: read.ok ? [] : read.problems });
  });

  it("gives the plan that was set up, nodes in tree order, every node with an entry and targets", () => {
    const existing: PlanGrids = {
      inputs: grid(["Id", "Q1 2027", "Q2 2027"], ["UK", 120, null]),
      targets: grid(["Id", "Q1 2027", "Q2 2027"], ["CO", 500, 520]),
      status: grid(
        ["Id", "Status", "Comment", "Return reason", "Updated at", "Updated by"],
        ["uk", "Draft", "first cut", "", "2027-01-05T09:00:00.000Z", "ann"],
      ),
    };
    const read = readPlanGrids(gridsOf(buildPlanLayout(SETUP, existing)));
    if (!read.ok) throw new PlanLayoutError(read.problems);
    const { plan } = read;
    expect(plan.settings).toEqual(SETTINGS);
    expect(plan.nodes.map((n) => n.id)).toEqual(["CO", "EMEA", "UK", "DE"]);
    expect(plan.nodes[2]).toEqual(NODES[0]);
    expect(plan.nodes[0].attributes).toEqual({ Channel: "" });
    expect(plan.entries.get("UK")).toEqual({ ...entry("UK", [120, null], "Draft", "first cut") });
    expect(plan.entries.get("DE")).toEqual({
      id: "DE",
      values: [null, null],
      status: "Not started",
      comment: "",
      returnReason: "",
      updatedAt: "",
      updatedBy: "",
    });
    expect(plan.topDown.get("CO")).toEqual([500, 520]);
    expect(plan.topDown.get("UK")).toEqual([null, null]);
  });

  it.each([
    ["a name", "name"],
    ["a comment", "comment"],
    ["an owner", "owner"],
  ])("keeps %s that looks like a formula, a number or a flag as text", (_, field) => {
    for (const text of [
      "=1+1",
      '=HYPERLINK("x")',
      "+44 20 7946 0000",
      "-5 off",
      "@team",
      "'quoted",
      "007",
      "TRUE",
      "12%",
      "plain",
    ]) {
      const nodes = NODES.map((n) => (n.id === "UK" && field !== "comment" ? { ...n, [field]: text } : n));
      const existing: PlanGrids =
        field === "comment"
          ? {
              status: grid(
                ["Id", "Status", "Comment", "Return reason", "Updated at", "Updated by"],
                ["UK", "Draft", text, "", "", ""],
              ),
            }
          : {};
      const layout = buildPlanLayout({ settings: SETTINGS, nodes }, existing);
      const read = readPlanGrids(gridsOf(layout));
      if (!read.ok) throw new PlanLayoutError(read.problems);
      const uk =
        field === "comment"
          ? read.plan.entries.get("UK")?.comment
          : read.plan.nodes.find((n) => n.id === "UK")?.[field as "name" | "owner"];
      expect(uk).toBe(text);
    }
  });

  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-x", "'-x"],
    ["@x", "'@x"],
    ["'x", "''x"],
    ["Revenue", "Revenue"],
  ])("writes the text %j as the cell input %j", (text, input) => {
    expect(toCellInput(text)).toBe(input);
  });

  it("reads the audit log oldest first, skipping the blank row a new table starts with", () => {
    const audit = readAuditGrid(
      grid(
        [...AUDIT_HEADERS],
        ["", "", "", "", "", "", ""],
        ["2027-01-05T09:00:00.000Z", "ann", "UK", "Q1 2027", "", 120, "=note"],
      ),
    );
    expect(audit).toEqual([
      {
        time: "2027-01-05T09:00:00.000Z",
        user: "ann",
        node: "UK",
        field: "Q1 2027",
        oldValue: "",
        newValue: "120",
        note: "=note",
      },
    ]);
  });

  const valid = (): PlanGrids => gridsOf(buildPlanLayout(SETUP, {}));
  const edit = (table: keyof PlanGrids, change: (g: TableGrid) => TableGrid): PlanGrids => {
    const grids = valid();
    return { ...grids, [table]: change(grids[table] as TableGrid) };
  };
  const setRow = (g: TableGrid, row: number, col: number, value: unknown): TableGrid => ({
    headers: g.headers,
    rows: g.rows.map((cells, r) => (r === row ? cells.map((cell, c) => (c === col ? value : cell)) : cells)),
  });

  it.each<[string, PlanGrids, { sheet: string; row: number | null; message: string }[]]>([
    [
      "a missing table",
      (() => {
        const grids = valid();
        delete grids.inputs;
        return grids;
      })(),
      [
        {
          sheet: "GU Inputs",
          row: null,
          message: `The plan's table GuInputs (sheet "GU Inputs") is missing; set the plan up again to recreate it`,
        },
      ],
    ],
    [
      "a missing period column",
      edit("targets", (g) => ({ headers: ["Id", "Q1 2027", "Q3 2027"], rows: g.rows })),
      [
        {
          sheet: "GU Targets",
          row: 1,
          message: `Table GuTargets (sheet "GU Targets") has no column "Q2 2027"`,
        },
      ],
    ],
    [
      "a status that is not one",
      edit("status", (g) => setRow(g, 2, 1, "Done")),
      [
        {
          sheet: "GU Status",
          row: 4,
          message: `Sheet "GU Status" row 4: "Done" is not a status; use Not started, Draft, Submitted, Approved, Returned`,
        },
      ],
    ],
    [
      "an id on two rows of the inputs",
      edit("inputs", (g) => setRow(g, 3, 0, "uk")),
      [
        {
          sheet: "GU Inputs",
          row: 4,
          message: `Sheet "GU Inputs": id "UK" has more than one row (rows 4 and 5)`,
        },
      ],
    ],
    [
      "ids on more than one row, in the order they first appear",
      edit("inputs", (g) => setRow(setRow(g, 2, 0, "emea"), 3, 0, "co")),
      [
        {
          sheet: "GU Inputs",
          row: 2,
          message: `Sheet "GU Inputs": id "CO" has more than one row (rows 2 and 5)`,
        },
        {
          sheet: "GU Inputs",
          row: 3,
          message: `Sheet "GU Inputs": id "EMEA" has more than one row (rows 3 and 4)`,
        },
      ],
    ],
    [
      "a cycle in the hierarchy, named by sheet row",
      edit("hierarchy", (g) => setRow(g, 0, 1, "UK")),
      [
        {
          sheet: "GU Hierarchy",
          row: 2,
          message: `Sheet "GU Hierarchy": Cycle: CO > UK > EMEA > CO (rows 2, 3 and 4)`,
        },
      ],
    ],
    [
      "decimals that are not a whole number",
      edit("settings", (g) => setRow(g, 4, 1, 1.5)),
      [
        {
          sheet: "GU Settings",
          row: 6,
          message: `Sheet "GU Settings" row 6: decimals must be a whole number from 0 to 10 (it is "1.5")`,
        },
      ],
    ],
    [
      "a plan from a newer add-in",
      edit("settings", (g) => setRow(g, 0, 1, 3)),
      [
        {
          sheet: "GU Settings",
          row: 2,
          message: "This plan was saved by a newer version of Groundup (layout 3); update the add-in to open it",
        },
      ],
    ],
    [
      "no periods",
      edit("settings", (g) => ({
        headers: g.headers,
        rows: g.rows.filter((row) => row[0] !== "period"),
      })),
      [{ sheet: "GU Settings", row: null, message: `Sheet "GU Settings" has no "period" row` }],
    ],
  ])("reports %s with its sheet and row", (_, grids, problems) => {
    expect(readPlanGrids(grids)).toEqual({ ok: false, problems });
  });

  it("keeps the roles as ';'-separated rows before the periods, read back as lists; none: no rows, as before", () => {
    const roles = { ...SETTINGS, topDownEditors: ["Vera", "cfo@contoso.com"], approvers: ["=Smith, Ann"] };
    const layout = buildPlanLayout({ ...SETUP, settings: roles }, {});
    const cells = sheetCells(layout, SHEETS.settings);
    expect(cells.slice(10, 12)).toEqual([
      ["topDownEditors", "Vera; cfo@contoso.com"],
      ["approvers", "=Smith, Ann"],
    ]);
    const read = readPlanGrids(gridsOf(layout));
    expect(read.ok && read.plan.settings).toEqual(roles);
    expect(sheetCells(buildPlanLayout(SETUP, {}), SHEETS.settings).map((row) => row[0])).not.toContain("approvers");
  });

  it("reads role rows typed by hand, one name a line or with blanks between separators", () => {
    const grids = edit("settings", (g) => ({
      ...g,
      rows: [...g.rows, ["Approvers", " Bob ;; ann@contoso.com\nVera; "], ["topDownEditors", "  "]],
    }));
    const read = readPlanGrids(grids);
    expect(read.ok && read.plan.settings.approvers).toEqual(["Bob", "ann@contoso.com", "Vera"]);
    expect(read.ok && "topDownEditors" in read.plan.settings).toBe(false);
  });

  it("writes over-assignment as a percentage row (100 % by default) and reads 110 % back as 1.1", () => {
    const layout = buildPlanLayout({ ...SETUP, settings: { ...SETTINGS, overAssignment: 1.1 } }, {});
    expect(sheetCells(layout, SHEETS.settings)[9]).toEqual(["overAssignment", 1.1]);
    const read = readPlanGrids(gridsOf(layout));
    expect(read.ok && read.plan.settings.overAssignment).toBe(1.1);
  });

  it.each([
    [
      "without the row (a plan from before the setting)",
      (g: TableGrid) => ({ ...g, rows: g.rows.filter((row) => row[0] !== "overAssignment") }),
    ],
    ["with the row blank", (g: TableGrid) => setRow(g, 8, 1, "")],
    ["at 100 %", (g: TableGrid) => setRow(g, 8, 1, 1)],
  ])("reads a plan %s as no over-assignment, the settings as before", (_, change) => {
    const read = readPlanGrids(edit("settings", change));
    expect(read.ok && read.plan.settings).toEqual(SETTINGS);
  });

  it.each([
    [110, `"110"`],
    [0.9, `"0.9"`],
    [3.5, `"3.5"`],
    ["lots", `"lots"`],
  ])("refuses an over-assignment of %j, naming the row and what to enter", (value, shown) => {
    expect(readPlanGrids(edit("settings", (g) => setRow(g, 8, 1, value)))).toEqual({
      ok: false,
      problems: [
        {
          sheet: "GU Settings",
          row: 10,
          message: `Sheet "GU Settings" row 10: overAssignment must be a percentage from 100 % to 300 %, like 110 % (it is ${shown})`,
        },
      ],
    });
  });

  it("reads a deadline typed as a date and an allowNegative typed as text", () => {
    const grids = edit("settings", (g) => setRow(setRow(g, 6, 1, 46418), 7, 1, "yes"));
    const read = readPlanGrids(grids);
    expect(read.ok && read.plan.settings.deadline).toBe("2027-01-31");
    expect(read.ok && read.plan.settings.allowNegative).toBe(true);
  });
});

describe("laying a plan out in tasks", () => {
  it("gives the layout laid out at once, with the page's timers run between its stages", async () => {
    const nodes = [node("CO", ""), ...Array.from({ length: 200 }, (_, i) => node(`N${i}`, "CO"))];
    const setup: PlanSetupInput = { settings: SETTINGS, nodes };
    let timersRun = 0;
    const ticking = setInterval(() => timersRun++, 0);
    try {
      expect(await buildPlanLayoutInTasks(setup, {})).toEqual(buildPlanLayout(setup, {}));
    } finally {
      clearInterval(ticking);
    }
    expect(timersRun).toBeGreaterThan(2);
  });

  it("refuses a plan it can't lay out as laying out at once does", async () => {
    const setup: PlanSetupInput = { settings: SETTINGS, nodes: [node("A", "B"), node("B", "A")] };
    await expect(buildPlanLayoutInTasks(setup, {})).rejects.toThrow(PlanLayoutError);
  });
});

describe("setting up again over an existing plan", () => {
  const statusHeaders = ["Id", "Status", "Comment", "Return reason", "Updated at", "Updated by"];
  const existing: PlanGrids = {
    inputs: grid(["Id", "Q1 2027", "Q2 2027"], ["CO", null, null], ["UK", 120, 130], ["DE", 80, 95]),
    targets: grid(["Id", "Q1 2027", "Q2 2027"], ["UK", 100, null]),
    status: grid(
      statusHeaders,
      ["CO", "Not started", "", "", "", ""],
      ["UK", "Submitted", "=see notes", "", "2027-01-05T09:00:00.000Z", "ann"],
      ["DE", "Not started", "", "", "", ""],
    ),
  };

  const read = (layout: PlanLayout) => {
    const result = readPlanGrids(gridsOf(layout));
    if (!result.ok) throw new PlanLayoutError(result.problems);
    return result.plan;
  };

  it("keeps a node's inputs, target, status and comment when it moves", () => {
    const moved = [...NODES.map((n) => (n.id === "UK" ? { ...n, parent: "AMER" } : n)), node("AMER", "CO")];
    const layout = buildPlanLayout({ settings: SETTINGS, nodes: moved }, existing);
    expect(layout.rowIds).toEqual(["CO", "EMEA", "DE", "AMER", "UK"]);
    const plan = read(layout);
    expect(plan.entries.get("UK")).toMatchObject({
      values: [120, 130],
      status: "Submitted",
      comment: "=see notes",
    });
    expect(plan.topDown.get("UK")).toEqual([100, null]);
    expect(plan.entries.get("AMER")).toMatchObject({ values: [null, null], status: "Not started" });
  });

  it("keeps the rows of a node that left the hierarchy below the others, and gives them back when it returns", () => {
    const without = buildPlanLayout({ settings: SETTINGS, nodes: NODES.filter((n) => n.id !== "UK") }, existing);
    expect(without.rowIds).toEqual(["CO", "EMEA", "DE", "UK"]);
    const grids = gridsOf(without);
    expect(grids.inputs?.rows[3]).toEqual(["UK", 120, 130]);
    expect(grids.status?.rows[3]).toEqual(["UK", "Submitted", "=see notes", "", "2027-01-05T09:00:00.000Z", "ann"]);
    expect(grids.hierarchy?.rows).toHaveLength(3);
    expect(read(without).entries.has("UK")).toBe(false);

    const back = buildPlanLayout(SETUP, grids);
    expect(back.rowIds).toEqual(["CO", "EMEA", "UK", "DE"]);
    expect(read(back).entries.get("UK")).toMatchObject({ values: [120, 130], status: "Submitted" });
  });

  it("drops rows of departed nodes that hold nothing", () => {
    const layout = buildPlanLayout(
      { settings: SETTINGS, nodes: NODES.filter((n) => n.id !== "DE" && n.id !== "UK") },
      {
        ...existing,
        inputs: grid(["Id", "Q1 2027", "Q2 2027"], ["DE", null, null]),
      },
    );
    expect(layout.rowIds).toEqual(["CO", "EMEA", "UK"]);
  });

  it("keeps the column of a period that left the plan while it holds values", () => {
    const layout = buildPlanLayout({ ...SETUP, settings: { ...SETTINGS, periods: ["Q2 2027", "Q3 2027"] } }, existing);
    const grids = gridsOf(layout);
    expect(grids.inputs?.headers).toEqual(["Id", "Q2 2027", "Q3 2027", "Q1 2027"]);
    expect(grids.inputs?.rows[2]).toEqual(["UK", 130, "", 120]);
    expect(grids.targets?.headers).toEqual(["Id", "Q2 2027", "Q3 2027", "Q1 2027"]);
    expect(read(layout).entries.get("UK")?.values).toEqual([130, null]);
  });

  it("refuses an existing table it could not carry over safely", () => {
    const broken = { ...existing, inputs: grid(["Code", "Q1 2027"], ["UK", 1]) };
    expect(() => buildPlanLayout(SETUP, broken)).toThrow(`Table GuInputs (sheet "GU Inputs") has no column "Id"`);
  });
});

describe("a setup the layout refuses", () => {
  it.each<[string, PlanSetupInput, string]>([
    ["no nodes", { settings: SETTINGS, nodes: [] }, "A plan needs at least one node"],
    ["no periods", { settings: { ...SETTINGS, periods: [] }, nodes: NODES }, "A plan needs at least one period"],
    [
      "a period twice",
      { settings: { ...SETTINGS, periods: ["Q1", "q1 "] }, nodes: NODES },
      `Period "q1 " appears twice; give each period its own label`,
    ],
    [
      "a period called Id",
      { settings: { ...SETTINGS, periods: ["id"] }, nodes: NODES },
      `A period can't be called "id"; that column holds the node's id`,
    ],
    [
      "an extra column named like a plan column",
      { settings: SETTINGS, nodes: [node("A", "", "A", "", { owner: "x" })] },
      `Column "owner" has the name of a column the plan keeps itself; rename it`,
    ],
    [
      "too many decimals",
      { settings: { ...SETTINGS, decimals: 11 }, nodes: NODES },
      "Decimals must be a whole number from 0 to 10",
    ],
    [
      "a duplicate id",
      { settings: SETTINGS, nodes: [node("A", ""), node("a", "")] },
      `Duplicate id "A" (rows 1 and 2)`,
    ],
  ])("with %s", (_, setup, message) => {
    expect(() => buildPlanLayout(setup, {})).toThrow(message);
  });
});

describe("the stored state a save checks", () => {
  const read = entry("UK", [120, null], "Draft");
  it.each<[string, NodeEntry | null, NodeEntry | null, boolean]>([
    ["unchanged", read, { ...read }, true],
    ["a co-author's comment typed in since", read, { ...read, comment: "edited comment only" }, false],
    ["a return reason typed in since", read, { ...read, returnReason: "Too high" }, false],
    ["written by someone else at the same time", read, { ...read, updatedBy: "Bea" }, false],
    ["a value changed", read, { ...read, values: [121, null] }, false],
    ["the status changed", read, { ...read, status: "Submitted" }, false],
    ["written again since", read, { ...read, updatedAt: "2027-01-06T09:00:00.000Z" }, false],
    ["no row read, still pristine", null, entry("UK", [null, null], "Not started"), false],
    ["no row read, still no row", null, null, true],
    [
      "no row read, untouched row",
      null,
      { ...entry("UK", [null, null], "Not started"), updatedAt: "", updatedBy: "" },
      true,
    ],
  ])("%s", (_, expected, current, same) => {
    expect(sameStoredState(expected, current, 2)).toBe(same);
  });
});

describe("which node a selected row is", () => {
  it.each<[string, number, ReturnType<typeof nodeCellFor>]>([
    [SHEETS.hierarchy, 3, { sheet: SHEETS.hierarchy, row: 3, col: 0 }],
    ["gu inputs", 1, { sheet: SHEETS.inputs, row: 1, col: 0 }],
    [SHEETS.status, 0, null],
    [SHEETS.report, 5, { sheet: SHEETS.hierarchy, row: 3, col: 0 }],
    [SHEETS.report, 2, null],
    [SHEETS.audit, 4, { sheet: SHEETS.audit, row: 4, col: 2 }],
    [SHEETS.settings, 4, null],
    ["Sheet1", 4, null],
  ])("%s row %i", (sheet, row, cell) => {
    expect(nodeCellFor(sheet, row)).toEqual(cell);
  });

  it("reads the report's own id column where formulas are computed", () => {
    expect(nodeColumnOf(SHEETS.report)).toEqual({ col: 0, firstRow: REPORT_FIRST_ROW });
    expect(nodeColumnOf(SHEETS.targets)).toEqual({ col: 0, firstRow: 1 });
    expect(nodeColumnOf("Sheet1")).toBeNull();
  });

  it("names the plan's tables, the optional capacity, reference and profiles tables last", () => {
    expect(Object.values(TABLES)).toEqual([
      "GuSettings",
      "GuHierarchy",
      "GuInputs",
      "GuTargets",
      "GuStatus",
      "GuAudit",
      "GuCapacity",
      "GuReference",
      "GuProfiles",
    ]);
  });
});
