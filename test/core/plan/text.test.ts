import {
  MAX_CELL_TEXT,
  asTextCell,
  isFormulaLike,
  needsTextProtection,
  textAsRead,
  textTooLong,
} from "../../../src/core/plan/text";

describe("isFormulaLike", () => {
  it.each<[string, boolean]>([
    ["=SUM(A1:A9)", true],
    ["+44 20 7946 0000", true],
    ["-5% vs last year", true],
    ["@mention", true],
    ["  =1+1", true],
    ["\t=1", true],
    ["Hello = world", false],
    ["Q1 up 5%", false],
    ["", false],
    ["   ", false],
  ])("%j -> %s", (text, expected) => {
    expect(isFormulaLike(text)).toBe(expected);
  });
});

describe("needsTextProtection and asTextCell", () => {
  it.each<[string, boolean, string]>([
    ['=HYPERLINK("x")', true, '\'=HYPERLINK("x")'],
    ["-3", true, "'-3"],
    ["'quoted", true, "''quoted"],
    ["00123", true, "'00123"],
    ["1/2", true, "'1/2"],
    ["5%", true, "'5%"],
    [".5", true, "'.5"],
    ["TRUE", true, "'TRUE"],
    ["false", true, "'false"],
    ["#N/A", true, "'#N/A"],
    ["$100", true, "'$100"],
    // Date-like text that starts with a letter: Excel reads "May 2025" or "Jan-25" as a date.
    ["May 2025", true, "'May 2025"],
    ["Jan-25", true, "'Jan-25"],
    ["march 1", true, "'march 1"],
    ["1e5", true, "'1e5"],
    ["00123", true, "'00123"],
    ["Mayfield", false, "Mayfield"],
    ["Marketing", false, "Marketing"],
    ["EMEA", false, "EMEA"],
    ["Region 1", false, "Region 1"],
    ["", false, ""],
  ])("%j", (text, protect, cell) => {
    expect(needsTextProtection(text)).toBe(protect);
    expect(asTextCell(text)).toBe(cell);
    expect(textAsRead(asTextCell(text))).toBe(text);
  });
});

describe("the length of a cell", () => {
  // Excel specifications and limits: a cell holds at most 32,767 characters.
  test("32,767 characters fit, one more does not", () => {
    expect(MAX_CELL_TEXT).toBe(32767);
    expect(textTooLong("x".repeat(32767))).toBe(false);
    expect(textTooLong("x".repeat(32768))).toBe(true);
  });
});
