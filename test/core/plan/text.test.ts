import { asTextCell, isFormulaLike, needsTextProtection } from "../../../src/core/plan/text";

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
    ["EMEA", false, "EMEA"],
    ["Region 1", false, "Region 1"],
    ["", false, ""],
  ])("%j", (text, protect, cell) => {
    expect(needsTextProtection(text)).toBe(protect);
    expect(asTextCell(text)).toBe(cell);
  });
});
