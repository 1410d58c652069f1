import {
  buildNodes,
  detectHierarchy,
  type ColumnMapping,
  type SourceOptions,
  type SourceRows,
} from "../../../src/core/plan/setupSource";
import type { PlanNode } from "../../../src/core/plan/types";

/** [id, parent, name, owner] for compact expectations. */
function brief(nodes: readonly PlanNode[]): string[][] {
  return nodes.map((n) => [n.id, n.parent, n.name, n.owner]);
}

/** [row, sourceIndex, message] of each problem. */
function problems(rows: SourceRows, options?: SourceOptions): [number, number, string][] {
  return detectHierarchy(rows, options).problems.map((p) => [p.row, p.sourceIndex, p.message]);
}

describe("detectHierarchy: parent-child columns", () => {
  it("reads them by their headers, with owner and the other columns as attributes", () => {
    const detection = detectHierarchy([
      ["Code", "Name", "Parent code", "Owner", "Region", ""],
      ["W", "World", "", "ceo@x.com", "", ""],
      ["E", "EMEA", "W", "Mo", "EMEA", ""],
      [" uk ", "United Kingdom", "e", "Ana", "EMEA", ""],
    ]);
    expect(detection.format).toBe("parentChild");
    expect(detection.mapping).toEqual({
      format: "parentChild",
      hasHeader: true,
      id: 0,
      parent: 2,
      level: null,
      name: 1,
      owner: 3,
      attributes: [{ column: 4, header: "Region" }],
    });
    expect(detection.headers).toEqual(["Code", "Name", "Parent code", "Owner", "Region", "Column 6"]);
    expect(brief(detection.nodes)).toEqual([
      ["W", "", "World", "ceo@x.com"],
      ["E", "W", "EMEA", "Mo"],
      ["uk", "e", "United Kingdom", "Ana"],
    ]);
    expect(detection.nodes[2].attributes).toEqual({ Region: "EMEA" });
    expect(detection.problems).toEqual([]);
    expect(detection.sourceProblem).toBeNull();
  });

  it.each<[string, string]>([
    ["Id", "Reports to"],
    ["Key", "Manager"],
    ["Node ID", "Parent"],
    ["employee_id", "Parent ID"],
  ])("knows the headers %s / %s", (idHeader, parentHeader) => {
    const detection = detectHierarchy([
      [parentHeader, idHeader],
      ["", "A"],
      ["A", "B"],
    ]);
    expect(detection.mapping).toMatchObject({ format: "parentChild", id: 1, parent: 0 });
    expect(brief(detection.nodes)).toEqual([
      ["A", "", "A", ""],
      ["B", "A", "B", ""],
    ]);
  });

  it("infers them without headers: a column whose values are all ids of another, with a root", () => {
    const detection = detectHierarchy([
      [100, "", "World", "EMEA"],
      [110, 100, "Europe", "EMEA"],
      [111, 110, "France", "EMEA"],
      [112, "110", "Spain", "EMEA"],
    ]);
    expect(detection.mapping).toEqual({
      format: "parentChild",
      hasHeader: false,
      id: 0,
      parent: 1,
      level: null,
      name: 2,
      owner: null,
      attributes: [{ column: 3, header: "Column 4" }],
    });
    expect(brief(detection.nodes)).toEqual([
      ["100", "", "World", ""],
      ["110", "100", "Europe", ""],
      ["111", "110", "France", ""],
      ["112", "110", "Spain", ""],
    ]);
  });

  it("infers an owner column of email addresses", () => {
    const detection = detectHierarchy([
      ["A", "", "ana@x.com"],
      ["B", "A", "ben@x.com"],
      ["C", "A", "ben@x.com"],
    ]);
    expect(detection.mapping).toMatchObject({ id: 0, parent: 1, owner: 2, name: null });
    expect(detection.nodes[1].owner).toBe("ben@x.com");
  });

  it("lists every broken rule with its row, the header being row 1", () => {
    const rows = [
      ["Id", "Parent", "Name"],
      ["W", "", "World"],
      ["E", "W", "EMEA"],
      ["", "", ""],
      ["UK", "E", "UK"],
      ["FR", "X", "France"],
      ["e", "W", "Europe again"],
      ["", "E", "No id"],
      ["P", "Q", "P"],
      ["Q", "P", "Q"],
    ];
    expect(problems(rows)).toEqual([
      [3, 2, 'Duplicate id "E" (rows 3 and 7)'],
      [6, 5, 'Parent "X" of "FR" (row 6) is not in ids'],
      [8, 7, "Row 8 has no id"],
      [9, 8, "Cycle: P > Q > P (rows 9 and 10)"],
    ]);
    expect(detectHierarchy(rows).problems[0].rows).toEqual([3, 7]);
  });
});

describe("detectHierarchy: outline levels", () => {
  it("reads a Level column, with ids from names", () => {
    const detection = detectHierarchy([
      ["Level", "Name", "Owner"],
      [1, "World", "ceo"],
      [2, "EMEA", "mo"],
      ["3", "UK", "ana"],
      [2, "APAC", "kei"],
    ]);
    expect(detection.mapping).toMatchObject({
      format: "levels",
      hasHeader: true,
      level: 0,
      name: 1,
      owner: 2,
      id: null,
    });
    expect(brief(detection.nodes)).toEqual([
      ["World", "", "World", "ceo"],
      ["EMEA", "World", "EMEA", "mo"],
      ["UK", "EMEA", "UK", "ana"],
      ["APAC", "World", "APAC", "kei"],
    ]);
  });

  it("uses an id column next to the levels when there is one", () => {
    const detection = detectHierarchy([
      ["Depth", "Code", "Description"],
      [1, "W", "World"],
      [2, "E", "EMEA"],
    ]);
    expect(detection.mapping).toMatchObject({ format: "levels", level: 0, id: 1, name: 2 });
    expect(brief(detection.nodes)).toEqual([
      ["W", "", "World", ""],
      ["E", "W", "EMEA", ""],
    ]);
  });

  it("infers a level column without headers: small whole numbers from 1 that repeat", () => {
    const detection = detectHierarchy([
      [1, "World"],
      [2, "EMEA"],
      [3, "UK"],
      [2, "APAC"],
    ]);
    expect(detection.mapping).toMatchObject({
      format: "levels",
      hasHeader: false,
      level: 0,
      name: 1,
    });
    expect(detection.nodes.map((n) => n.parent)).toEqual(["", "World", "EMEA", "World"]);
  });

  it("tells repeated names apart by the shortest path of names above them", () => {
    const detection = detectHierarchy([
      ["Level", "Name"],
      [1, "World"],
      [2, "EMEA"],
      [3, "North"],
      [4, "Key accounts"],
      [2, "APAC"],
      [3, "North"],
      [4, "Key accounts"],
    ]);
    expect(detection.nodes.map((n) => [n.id, n.parent])).toEqual([
      ["World", ""],
      ["EMEA", "World"],
      ["EMEA > North", "EMEA"],
      ["EMEA > North > Key accounts", "EMEA > North"],
      ["APAC", "World"],
      ["APAC > North", "APAC"],
      ["APAC > North > Key accounts", "APAC > North"],
    ]);
    expect(detection.problems).toEqual([]);
  });

  it("reports a level jump, a missing level, a bad level and a name twice under one parent", () => {
    expect(
      problems([
        ["Level", "Name"],
        [1, "World"],
        [3, "UK"],
        [2, "EMEA"],
        ["", "APAC"],
        ["x", "LATAM"],
        [3, "North"],
        [3, "North"],
        [2, "", "note"],
      ]),
    ).toEqual([
      [3, 2, 'Level 3 of "UK" (row 3) has no level 2 above it (the id above is at level 1)'],
      [5, 4, 'Level of "APAC" (row 5) is blank'],
      [6, 5, 'Level "x" of "LATAM" (row 6) is not a whole number from 1 up'],
      [7, 6, 'Duplicate id "World > EMEA > North" (rows 7 and 8)'],
      [9, 8, "Row 9 has no name"],
    ]);
  });

  it("reports an outline that starts below level 1", () => {
    expect(
      problems([
        ["Level", "Name"],
        [2, "EMEA"],
        [3, "UK"],
      ]),
    ).toEqual([[2, 1, '"EMEA" (row 2) is the first id, so its level must be 1, not 2']]);
  });
});

describe("detectHierarchy: indented names", () => {
  it.each<[string, string]>([
    ["two spaces", "  "],
    ["four spaces", "    "],
    ["a tab", "\t"],
    ["no-break spaces", "\u00a0\u00a0\u00a0"],
  ])("infers the step from %s", (_, step) => {
    const detection = detectHierarchy([
      ["Territory", "Owner"],
      ["World", "ceo"],
      [`${step}EMEA`, "mo"],
      [`${step}${step}UK`, "ana"],
      [`${step}${step}DE`, "ben"],
      [`${step}APAC`, "kei"],
    ]);
    expect(detection.mapping).toMatchObject({
      format: "indented",
      hasHeader: true,
      name: 0,
      owner: 1,
      id: null,
    });
    expect(brief(detection.nodes)).toEqual([
      ["World", "", "World", "ceo"],
      ["EMEA", "World", "EMEA", "mo"],
      ["UK", "EMEA", "UK", "ana"],
      ["DE", "EMEA", "DE", "ben"],
      ["APAC", "World", "APAC", "kei"],
    ]);
    expect(detection.problems).toEqual([]);
  });

  it("reads a list shifted right as a whole, and tabs mixed with spaces as the space step", () => {
    const detection = detectHierarchy([["   World"], ["     EMEA"], ["     \tUK"], ["   APAC"]]);
    expect(detection.mapping).toMatchObject({ format: "indented", hasHeader: false, name: 0 });
    expect(detection.nodes.map((n) => [n.id, n.parent])).toEqual([
      ["World", ""],
      ["EMEA", "World"],
      ["UK", "EMEA"],
      ["APAC", ""],
    ]);
  });

  it("finds the indented column among others", () => {
    const detection = detectHierarchy([
      ["Sales", "World", 100],
      ["Sales", "  EMEA", 60],
      ["Sales", "  APAC", 40],
    ]);
    expect(detection.mapping).toMatchObject({ format: "indented", name: 1 });
    expect(detection.mapping.attributes).toEqual([
      { column: 0, header: "Column 1" },
      { column: 2, header: "Column 3" },
    ]);
    expect(detection.nodes[1].attributes).toEqual({ "Column 1": "Sales", "Column 3": "60" });
  });

  it("reports uneven indentation and jumps", () => {
    expect(problems([["Name"], ["World"], ["  EMEA"], ["     UK"], ["   DE"], ["  APAC"], ["      Tokyo"]])).toEqual([
      [4, 3, '"UK" (row 4) is indented by 5 spaces, not a multiple of 2'],
      [4, 3, '"UK" (row 4) is indented more than one step below the row above it'],
      [5, 4, '"DE" (row 5) is indented by 3 spaces, not a multiple of 2'],
      [7, 6, '"Tokyo" (row 7) is indented more than one step below the row above it'],
    ]);
  });

  it("reports an indented first row", () => {
    expect(problems([["Name"], ["  EMEA"], ["World"]])).toEqual([
      [2, 1, '"EMEA" (row 2) is indented but has no row above it to belong to'],
    ]);
  });

  it("reads a plain list as roots", () => {
    const detection = detectHierarchy([["North"], ["South"]]);
    expect(detection.format).toBe("indented");
    expect(detection.nodes.map((n) => [n.id, n.parent])).toEqual([
      ["North", ""],
      ["South", ""],
    ]);
  });
});

describe("problems in a source further down the sheet", () => {
  it.each<[string, SourceRows, [number, number, string][]]>([
    [
      "parent-child columns",
      [
        ["Id", "Parent"],
        ["W", ""],
        ["DE", "EMAE"],
        ["W", ""],
      ],
      [
        [7, 1, 'Duplicate id "W" (rows 7 and 9)'],
        [8, 2, 'Parent "EMAE" of "DE" (row 8) is not in ids'],
      ],
    ],
    [
      "outline levels",
      [
        ["Level", "Name"],
        [1, "World"],
        [3, "UK"],
        [2, ""],
      ],
      [
        [8, 2, 'Level 3 of "UK" (row 8) has no level 2 above it (the id above is at level 1)'],
        [9, 3, "Row 9 has no name"],
      ],
    ],
    [
      "indented names",
      [["Name"], ["  EMEA"], ["World"], ["     UK"]],
      [
        [7, 1, '"EMEA" (row 7) is indented but has no row above it to belong to'],
        [9, 3, '"UK" (row 9) is indented by 5 spaces, not a multiple of 2'],
        [9, 3, '"UK" (row 9) is indented more than one step below the row above it'],
      ],
    ],
  ])("name the sheet rows, counted from the header's row, in %s", (_, rows, expected) => {
    expect(problems(rows, { firstRow: 6 })).toEqual(expected);
  });
});

describe("buildNodes with the user's mapping", () => {
  const rows: SourceRows = [
    ["Id", "Parent", "Label", "Who"],
    ["W", "", "World", "ceo"],
    ["E", "W", "EMEA", "mo"],
  ];
  const mapping: ColumnMapping = {
    format: "parentChild",
    hasHeader: true,
    id: 0,
    parent: 1,
    level: null,
    name: 2,
    owner: 3,
    attributes: [],
  };

  it("lists error cells and over-long text as problems of their rows, never as names or owners", () => {
    const result = buildNodes(
      [...rows, ["N", "E", "North", "#ERROR!"], ["S", "E", "#N/A", "ann"], ["X", "E", "x".repeat(32768), "bo"]],
      mapping,
      { firstRow: 1 },
    );
    expect(result.problems.map((problem) => [problem.row, problem.message])).toEqual([
      [4, expect.stringMatching(/^Row 4: the owner cell holds the error #ERROR!/)],
      [5, expect.stringMatching(/^Row 5: the name cell holds the error #N\/A/)],
      [6, expect.stringMatching(/^Row 6: the name is longer than 32,767 characters/)],
    ]);
  });

  it("reads the columns the user chose", () => {
    expect(brief(buildNodes(rows, mapping).nodes)).toEqual([
      ["W", "", "World", "ceo"],
      ["E", "W", "EMEA", "mo"],
    ]);
  });

  it.each<[SourceOptions, number]>([
    [{}, 1],
    [{ firstRow: 5 }, 5],
  ])("reads the first row as a node when there is no header (%j: row %i)", (options, row) => {
    const result = buildNodes(rows, { ...mapping, hasHeader: false }, options);
    expect(result.problems.map((p) => [p.row, p.sourceIndex, p.message])).toEqual([
      [row, 0, `Parent "Parent" of "Id" (row ${row}) is not in ids`],
    ]);
  });

  it.each<[Partial<ColumnMapping>, string]>([
    [{ parent: null }, "Choose the parent column"],
    [{ format: "levels", level: null }, "Choose the level column"],
    [{ format: "indented", name: null }, "Choose the name column"],
    [{ owner: 2 }, 'Column "Column 3" is used for two things; choose different columns'],
    [{ owner: 9 }, "Choose the every column"],
  ])("says what is missing in %j", (change, message) => {
    expect(buildNodes(rows, { ...mapping, ...change })).toEqual({
      nodes: [],
      problems: [],
      sourceProblem: message,
    });
  });

  it("says when there is nothing to set up from", () => {
    expect(detectHierarchy([]).sourceProblem).toBe(
      "There are no rows to set up from; select the hierarchy with its headers",
    );
    expect(detectHierarchy([["Id", "Parent"]]).sourceProblem).toBe(
      "There are no rows to set up from; select the hierarchy with its headers",
    );
  });
});
