import { validateEntryValues, validateValue } from "../../../src/core/plan/entryRules";

const plan = (decimals: number, allowNegative: boolean): { decimals: number; allowNegative: boolean } => ({
  decimals,
  allowNegative,
});

describe("validateValue", () => {
  it.each<[string, string, number, boolean, number | null]>([
    ["en-US", "12,500.5", 1, false, 12500.5],
    ["en-US", "12,500.50", 1, false, 12500.5],
    ["en-US", "12500", 0, false, 12500],
    ["en-US", "0", 0, false, 0],
    ["en-US", "-0", 0, false, 0],
    ["en-US", "", 2, false, null],
    ["en-US", "-250.25", 2, true, -250.25],
    ["de-DE", "1.234,56", 2, false, 1234.56],
    ["fr-FR", "−1 000", 0, true, -1000],
  ])("%s %j (decimals %d, negatives %s) -> %p", (locale, text, decimals, allowNegative, value) => {
    expect(validateValue(text, plan(decimals, allowNegative), locale)).toEqual({ ok: true, value });
  });

  it.each<[string, string, number, boolean, string]>([
    ["en-US", "-5", 0, false, "Negative targets are not allowed in this plan"],
    ["de-DE", "\u22125", 2, false, "Negative targets are not allowed in this plan"],
    ["en-US", "12.5", 0, false, "Enter a whole number, like 12,500"],
    ["en-US", "12.25", 1, false, "Use at most 1 decimal, like 12,500.5"],
    ["de-DE", "12,125", 2, true, "Use at most 2 decimals, like 12.500,25"],
    ["en-US", "-12.25", 1, false, "Negative targets are not allowed in this plan"],
    ["en-US", "twelve", 2, false, "Enter a number like 12,500.5"],
    ["de-DE", "12.5", 2, false, "Enter a number like 12.500,5"],
  ])("%s %j (decimals %d, negatives %s) -> %j", (locale, text, decimals, allowNegative, message) => {
    expect(validateValue(text, plan(decimals, allowNegative), locale)).toEqual({
      ok: false,
      message,
    });
  });
});

describe("validateEntryValues", () => {
  it("validates every period field, with the message beside the one that is wrong", () => {
    expect(validateEntryValues(["100", "", "-3", "1.5", "abc"], plan(0, false), "en-US")).toEqual({
      values: [100, null, null, null, null],
      errors: [
        null,
        null,
        "Negative targets are not allowed in this plan",
        "Enter a whole number, like 12,500",
        "Enter a number like 12,500.5",
      ],
      ok: false,
    });
  });

  it("is ok when every field is a valid number or blank", () => {
    expect(validateEntryValues(["1.000", "", "2.500,5"], plan(1, false), "de-DE")).toEqual({
      values: [1000, null, 2500.5],
      errors: [null, null, null],
      ok: true,
    });
  });
});
