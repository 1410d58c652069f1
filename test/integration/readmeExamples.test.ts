/**
 * The worked examples of README.md's "Function reference", evaluated in a real formula engine
 * (HyperFormula with the BU plugin) on the README's example sheet, so the documentation cannot drift
 * from what the functions return. Each case is the formula as the README writes it, the extra cells
 * the README describes for it, and the spill it states. The engine is configured as the workbench's:
 * dynamic arrays, TRUE and FALSE as Excel knows them, exact spill sizes (fitBuSpills), and empty
 * cells handed over both as Excel on the web does (null) and as Excel on Windows and Mac do (0):
 * the README's examples must hold on every host.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { EXCEL_NAMES, buConfig, fitBuSpills, registerBuFunctions } from "../../src/hyperformula/buPlugin";

type Cell = string | number | null;

/** The README's example sheet, A1:D8. */
const SHEET: Cell[][] = [
  ["Id", "Parent", "Q1", "Q2"],
  ["Company", null, null, null],
  ["EMEA", "Company", null, null],
  ["UK", "EMEA", 120, 130],
  ["DE", "EMEA", 200, 210],
  ["AMER", "Company", null, null],
  ["US", "AMER", 500, 520],
  ["CA", "AMER", 80, 90],
];

/** Where each formula is typed: right of everything the examples use (F2:G8). */
const FORMULA_CELL = "K2";

interface Example {
  readonly formula: string;
  /** The spill as the README states it, row by row (blank cells as null). */
  readonly spill: Cell[][];
  /** Cells the example adds to the sheet, by address. */
  readonly extra?: Readonly<Record<string, Cell>>;
  /** A sheet of its own instead of the example sheet. */
  readonly sheet?: Cell[][];
}

/** Top-down targets for BU.VARIANCE: Company 1,000 and EMEA 300 in F2:F3. */
const VARIANCE_TARGETS = { F2: 1000, F3: 300 };
/** Top-down targets for BU.CASCADE in F2:G8: Company 1,000 and 1,000, AMER 600 in Q1 only. */
const CASCADE_TARGETS = { F2: 1000, G2: 1000, F6: 600 };

const column = (...cells: Cell[]): Cell[][] => cells.map((cell) => [cell]);

const EXAMPLES: Record<string, Example> = {
  "BU.ROLLUP over the whole sheet": {
    formula: "=BU.ROLLUP(A2:A8, B2:B8, C2:D8)",
    spill: [
      [900, 950],
      [320, 340],
      [120, 130],
      [200, 210],
      [580, 610],
      [500, 520],
      [80, 90],
    ],
  },
  "BU.ROLLUP for one node, matched ignoring case": {
    formula: '=BU.ROLLUP(A2:A8, B2:B8, C2:D8, "emea")',
    spill: [[320, 340]],
  },
  'BU.ROLLUP for one node with "avg"': {
    formula: '=BU.ROLLUP(A2:A8, B2:B8, IF(ISBLANK(C2:D8),"",C2:D8), "emea", "avg")',
    spill: [[160, 170]],
  },
  // README "Territories": capacity in any sheet, from a reps table (node, capacity) in F2:G4.
  "BU.ROLLUP of each node's capacity summed from a reps table with SUMIFS": {
    formula: "=BU.ROLLUP(A2:A8, B2:B8, SUMIFS(G2:G4, F2:F4, A2:A8))",
    extra: { F2: "UK", G2: 270, F3: "UK", G3: 25, F4: "US", G4: 400 },
    spill: column(695, 295, 295, 0, 400, 400, 0),
  },
  "BU.ALLOCATE of 100 over three equal weights": {
    formula: "=BU.ALLOCATE(100, {1;1;1})",
    spill: column(34, 33, 33),
  },
  "BU.SPREAD of 1,000 evenly over 12 periods": {
    formula: "=BU.SPREAD(1000, 12)",
    spill: [[84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83]],
  },
  "BU.SPREAD by quarterly shares": {
    formula: "=BU.SPREAD(1000, {0.2,0.2,0.2,0.4})",
    spill: [[200, 200, 200, 400]],
  },
  "BU.SPREAD by the weeks of 4-4-5": {
    formula: '=BU.SPREAD(5200, "4-4-5")',
    spill: [[400, 400, 500, 400, 400, 500, 400, 400, 500, 400, 400, 500]],
  },
  "BU.CASCADE of the top-down targets": {
    formula: "=BU.CASCADE(A2:A8, B2:B8, F2:G8, BU.ROLLUP(A2:A8, B2:B8, C2:D8), 0)",
    extra: CASCADE_TARGETS,
    spill: [
      [1000, 1000],
      [400, 358],
      [150, 137],
      [250, 221],
      [600, 642],
      [517, 547],
      [83, 95],
    ],
  },
  "BU.CASCADE at 110 % over-assignment": {
    formula: "=BU.CASCADE(A2:A8, B2:B8, F2:G8, BU.ROLLUP(A2:A8, B2:B8, C2:D8), 0, , 110%)",
    extra: CASCADE_TARGETS,
    spill: [
      [1000, 1000],
      [309, 325],
      [105, 113],
      [176, 182],
      [600, 584],
      [470, 453],
      [75, 78],
    ],
  },
  "BU.LEVEL of every row": {
    formula: "=BU.LEVEL(A2:A8, B2:B8)",
    spill: column(1, 2, 3, 3, 2, 3, 3),
  },
  "BU.PATH of UK": {
    formula: '=BU.PATH(A2:A8, B2:B8, "UK")',
    spill: column("Company > EMEA > UK"),
  },
  "BU.CHILDREN of Company": {
    formula: '=BU.CHILDREN(A2:A8, B2:B8, "Company")',
    spill: column("EMEA", "AMER"),
  },
  "BU.DESCENDANTS of Company, leaves only": {
    formula: '=BU.DESCENDANTS(A2:A8, B2:B8, "Company", TRUE)',
    spill: column("UK", "DE", "US", "CA"),
  },
  "BU.TREE of the sheet": {
    formula: "=BU.TREE(A2:A8, B2:B8)",
    spill: column("Company", "EMEA", "UK", "DE", "AMER", "US", "CA"),
  },
  "BU.PARENTS from outline levels": {
    formula: "=BU.PARENTS(A2:A6, B2:B6)",
    sheet: [
      ["Id", "Level"],
      ["Company", 1],
      ["EMEA", 2],
      ["UK", 3],
      ["DE", 3],
      ["AMER", 2],
    ],
    spill: column(null, "Company", "EMEA", "EMEA", "Company"),
  },
};

/** A cell as the user sees it; an error with the message shown on hover. */
function shown(value: unknown): unknown {
  if (value instanceof DetailedCellError) return `${value.value} ${value.message}`;
  return value === "" ? null : value;
}

describe.each(["web", "desktop"] as const)(
  "README function reference examples, blank cells as Excel %s passes them",
  (mode) => {
    let hf: HyperFormula | undefined;

    beforeAll(() => registerBuFunctions());

    afterEach(() => {
      hf?.destroy();
      hf = undefined;
    });

    /** Builds the sheet with the example's extra cells and formula; returns the formula's area as shown. */
    function evaluate(example: Omit<Example, "spill">): unknown[][] {
      const rows: Cell[][] = (example.sheet ?? SHEET).map((row) => [...row]);
      const cells: Record<string, Cell> = { ...example.extra, [FORMULA_CELL]: example.formula };
      for (const [address, value] of Object.entries(cells)) {
        const col = address.charCodeAt(0) - "A".charCodeAt(0);
        const row = Number(address.slice(1)) - 1;
        while (rows.length <= row) rows.push([]);
        while (rows[row].length <= col) rows[row].push(null);
        rows[row][col] = value;
      }
      hf = HyperFormula.buildFromArray(rows, { licenseKey: "gpl-v3", useArrayArithmetic: true, ...buConfig(mode) }, [
        ...EXCEL_NAMES,
      ]);
      fitBuSpills(hf, true);
      const sheet = 0;
      const origin = hf.simpleCellAddressFromString(FORMULA_CELL, sheet);
      if (origin === undefined) throw new Error(`bad address ${FORMULA_CELL}`);
      const dimensions = hf.getSheetDimensions(sheet);
      const values = hf.getRangeValues({
        start: origin,
        end: {
          sheet,
          row: Math.max(dimensions.height - 1, origin.row),
          col: Math.max(dimensions.width - 1, origin.col),
        },
      });
      return values.map((row) => row.map(shown));
    }

    /** The area without trailing empty cells (the formula cell's area reaches the sheet's edge). */
    function trimmed(area: unknown[][]): unknown[][] {
      const rows = area.map((row) => [...row]);
      while (rows.length > 0 && rows[rows.length - 1].every((cell) => cell === null)) rows.pop();
      const width = rows.reduce((widest, row) => {
        let last = row.length;
        while (last > 0 && row[last - 1] === null) last--;
        return Math.max(widest, last);
      }, 0);
      return rows.map((row) => row.slice(0, width));
    }

    it.each(Object.entries(EXAMPLES))("%s", (_, example) => {
      expect(trimmed(evaluate(example))).toEqual(example.spill);
    });

    it('BU.VARIANCE "pct" of the rollup against top-down targets gives -10% and 6.7%', () => {
      const area = evaluate({
        formula: '=BU.VARIANCE(BU.ROLLUP(A2:A8, B2:B8, C2:C8, A2:A3), F2:F3, "pct")',
        extra: VARIANCE_TARGETS,
      });
      const spill = trimmed(area);
      expect(spill).toHaveLength(2);
      expect(spill.map((row) => row.length)).toEqual([1, 1]);
      expect(spill[0][0]).toBeCloseTo(-0.1, 4);
      expect(spill[1][0]).toBeCloseTo(0.0667, 4);
    });

    it('BU.CHILDREN of UK is #N/A "UK has no children"', () => {
      const area = evaluate({ formula: '=BU.CHILDREN(A2:A8, B2:B8, "UK")' });
      expect(area[0][0]).toBe("#N/A UK has no children");
      // Sized exactly: one cell, as Excel shows it, not an area the height of ids.
      expect(area[1][0]).toBeNull();
    });

    it("=IF(C4>100,TRUE,FALSE) gives TRUE for UK's 120, as in Excel (TRUE and FALSE are not #NAME?)", () => {
      expect(evaluate({ formula: "=IF(C4>100,TRUE,FALSE)" })[0][0]).toBe(true);
      expect(evaluate({ formula: "=IF(C8>100,TRUE,FALSE)" })[0][0]).toBe(false);
    });

    it("=BU.CHILDREN spills exactly its two children, so a value two rows below it does not block it", () => {
      const area = evaluate({ formula: '=BU.CHILDREN(A2:A8, B2:B8, "Company")', extra: { K4: "note" } });
      expect(area.slice(0, 3).map((row) => row[0])).toEqual(["EMEA", "AMER", "note"]);
    });
  },
);
