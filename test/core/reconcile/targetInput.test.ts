import { parseClipboardRows } from "../../../src/core/clipboard";
import { parsePastedTargets, topDownInput } from "../../../src/core/reconcile/targetInput";
import { topDownWrite } from "../../../src/core/reconcile/targets";
import { COMPANY, planAndView, type PlanSpec } from "./fixture";

const { plan, view } = planAndView(COMPANY);

function paste(text: string, locale = "en-US", spec: PlanSpec = COMPANY): ReturnType<typeof parsePastedTargets> {
  const { plan: p, view: v } = planAndView(spec);
  return parsePastedTargets(p, v, text, locale);
}

describe("parseClipboardRows", () => {
  test.each<[string, string, string[][]]>([
    [
      "tabs and CRLF, final line break",
      "A\t1\t2\r\nB\t3\t4\r\n",
      [
        ["A", "1", "2"],
        ["B", "3", "4"],
      ],
    ],
    [
      "LF and blank cells",
      "A\t\t2\nB\t3\t",
      [
        ["A", "", "2"],
        ["B", "3", ""],
      ],
    ],
    ["a quoted cell with a tab, a line break and quotes", 'A\t"x\ty\n""z"""\t1\n', [["A", 'x\ty\n"z"', "1"]]],
    ["a quote inside a cell is plain text", 'A\t5" wide\n', [["A", '5" wide']]],
    ["one cell", "A", [["A"]]],
    ["nothing", "", []],
  ])("%s", (_, text, rows) => {
    expect(parseClipboardRows(text)).toEqual(rows);
  });
});

describe("parsePastedTargets", () => {
  test("rows of id and values for each period, in order", () => {
    const preview = paste("EMEA\t310\t400\r\nuk\t150\t\r\n");
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((row) => [row.id, row.cells])).toEqual([
      [
        "EMEA",
        [
          { before: 300, after: 310, change: 10 },
          { before: 394, after: 400, change: 6 },
        ],
      ],
      // A blank cell clears the period's own target: UK then has none of its own there.
      [
        "UK",
        [
          { before: 144, after: 150, change: 6 },
          { before: 180, after: null, change: null },
        ],
      ],
    ]);
    expect(preview.changes).toEqual([
      { id: "EMEA", values: [310, 400], expected: [300, null] },
      { id: "UK", values: [150, null], expected: [null, null] },
    ]);
    expect(preview.note).toBe("top-down targets pasted");
    expect(preview.canApply).toBe(true);
  });

  test("with a header row, columns are matched to periods by label and other columns ignored", () => {
    const preview = paste("Id\tName\tq2 2027\tTotal\nEMEA\tEurope\t1,200\t9999\n");
    expect(preview.problems).toEqual([]);
    // Q1 is not in the block: left as stored.
    expect(preview.changes).toEqual([{ id: "EMEA", values: [300, 1200], expected: [300, null] }]);
  });

  test("numbers as the user's locale writes them", () => {
    const preview = paste("EMEA\t1.234\t2.000\n", "de-DE");
    expect(preview.changes).toEqual([{ id: "EMEA", values: [1234, 2000], expected: [300, null] }]);
  });

  test("a row with a problem is left out whole and named by row, id and period; the rest can be applied", () => {
    const text = [
      "EMEA\t310\t400",
      "Atlantis\t1\t2",
      "UK\tabc\t5",
      "DE\t-5\t5",
      "FR\t1.5\t2",
      "emea\t1\t1",
      "CA\t1\t2\t3",
      "",
      "\t7\t8",
      "US\t10\t20",
    ].join("\n");
    const preview = paste(text);
    expect(
      preview.problems.map((problem) => [
        problem.kind,
        problem.severity,
        problem.row,
        problem.id,
        problem.period,
        problem.message,
      ]),
    ).toEqual([
      [
        "unknownNode",
        "skipped",
        2,
        "Atlantis",
        undefined,
        'Row 2 (Atlantis): there is no node "Atlantis"; the row is left out',
      ],
      ["badValue", "skipped", 3, "UK", 0, "Row 3 (UK), Q1 2027: Enter a number like 12,500.5; the row is left out"],
      [
        "badValue",
        "skipped",
        4,
        "DE",
        0,
        "Row 4 (DE), Q1 2027: Negative targets are not allowed in this plan; the row is left out",
      ],
      [
        "badValue",
        "skipped",
        5,
        "FR",
        0,
        "Row 5 (FR), Q1 2027: Enter a whole number, like 12,500; the row is left out",
      ],
      ["duplicateRow", "skipped", 6, "EMEA", undefined, "Row 6: EMEA is already on row 1; the row is left out"],
      [
        "tooManyValues",
        "skipped",
        7,
        "CA",
        undefined,
        "Row 7 (CA) has 3 values but the plan has 2 periods; the row is left out",
      ],
      ["unknownNode", "skipped", 9, undefined, undefined, "Row 9 has no id; the row is left out"],
    ]);
    expect(preview.changes).toEqual([
      { id: "EMEA", values: [310, 400], expected: [300, null] },
      { id: "US", values: [10, 20], expected: [null, null] },
    ]);
    expect(preview.canApply).toBe(true);
  });

  test("negative targets where the plan allows them", () => {
    const preview = paste("DE\t-5\t5\n", "en-US", {
      ...COMPANY,
      settings: { allowNegative: true },
    });
    expect(preview.changes).toEqual([{ id: "DE", values: [-5, 5], expected: [null, null] }]);
  });

  test("blank columns after the last value are not values", () => {
    expect(paste("EMEA\t1\t2\t\t\n").changes).toEqual([{ id: "EMEA", values: [1, 2], expected: [300, null] }]);
  });

  test("an empty paste has nothing to apply", () => {
    const preview = paste("\n\n");
    expect(preview.problems.map((problem) => [problem.kind, problem.severity])).toEqual([["noValues", "error"]]);
    expect(preview.canApply).toBe(false);
  });

  test("applying writes the rows and an audit entry per changed target", () => {
    const preview = paste("EMEA\t310\t\nAMER\t400\t\n");
    // AMER has no own target: 400 in Q1 is new, Q2 blank stays blank, so nothing is logged for it.
    const write = topDownWrite(plan, preview, { user: "Lea", time: "2027-01-02T09:00:00Z" });
    expect(write.audit.map((entry) => [entry.node, entry.field, entry.oldValue, entry.newValue, entry.note])).toEqual([
      ["EMEA", "top-down Q1 2027", "300", "310", "top-down targets pasted"],
      ["AMER", "top-down Q1 2027", "", "400", "top-down targets pasted"],
    ]);
  });
});

describe("topDownInput (typing targets in a form)", () => {
  test("undefined leaves a period as it is; text is validated", () => {
    const preview = topDownInput(plan, view, [{ id: "AMER", cells: [undefined, "420"] }], "en-US");
    expect(preview.changes).toEqual([{ id: "AMER", values: [null, 420], expected: [null, null] }]);
    expect(preview.note).toBe("top-down target entered");

    const bad = topDownInput(plan, view, [{ id: "AMER", cells: ["4x"] }], "en-US");
    expect(bad.problems.map((problem) => problem.message)).toEqual([
      "AMER, Q1 2027: Enter a number like 12,500.5; the row is left out",
    ]);
    expect(bad.canApply).toBe(false);
  });

  test("the same values as stored change nothing", () => {
    const preview = topDownInput(plan, view, [{ id: "EMEA", cells: ["300", ""] }], "en-US");
    expect(preview.changes).toEqual([]);
    expect(preview.canApply).toBe(false);
  });
});
