import fc from "fast-check";
import {
  decimalPlaces,
  formatNumber,
  formatUnrounded,
  numberExample,
  parseNumber,
} from "../../../src/core/plan/numbers";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("parseNumber accepts numbers as the locale writes them", () => {
  it.each<[string, string, number | null]>([
    ["en-US", "1,234.5", 1234.5],
    ["en-US", "1234.5", 1234.5],
    ["en-US", "12,345,678", 12345678],
    ["en-US", "  42  ", 42],
    ["en-US", "-1,234.5", -1234.5],
    ["en-US", "\u22121,234.5", -1234.5],
    ["en-US", "+7", 7],
    ["en-US", ".5", 0.5],
    ["en-US", "5.", 5],
    ["en-US", "-0", 0],
    ["en-US", "", null],
    ["en-US", "   ", null],
    ["de-DE", "1.234,5", 1234.5],
    ["de-DE", "1234,5", 1234.5],
    ["de-DE", "12.345.678", 12345678],
    ["de-DE", "-0,25", -0.25],
    ["fr-FR", "1 234,5", 1234.5],
    ["fr-FR", `1${NBSP}234,5`, 1234.5],
    ["fr-FR", `1${NNBSP}234${NNBSP}567,5`, 1234567.5],
    ["fr-FR", `${NBSP}-1 234,5${NNBSP}`, -1234.5],
    ["en-IN", "12,34,567.5", 1234567.5],
    ["en-IN", "1,00,000", 100000],
    ["en-IN", "12,345", 12345],
    ["en-IN", "1,234,567", 1234567],
    ["de-CH", "1'234.5", 1234.5],
    ["de-CH", "1\u2019234.5", 1234.5],
    ["ar-EG", "\u0661\u0662\u066c\u0663\u0664\u0665\u066b\u0665", 12345.5],
    ["not a locale", "1,234.5", 1234.5],
  ])("%s %j -> %p", (locale, text, expected) => {
    expect(parseNumber(text, locale)).toEqual({ ok: true, value: expected });
  });
});

describe("parseNumber refuses anything else with an example in the user's locale", () => {
  const example: Record<string, string> = {
    "en-US": "Enter a number like 12,500.5",
    "de-DE": "Enter a number like 12.500,5",
    "fr-FR": `Enter a number like 12${NNBSP}500,5`,
    "en-IN": "Enter a number like 12,500.5",
  };
  it.each<[string, string]>([
    ["en-US", "1,2,3"],
    ["en-US", "1,5"],
    ["en-US", "1,234,56"],
    ["en-US", "1234,567"],
    ["en-US", "1.234,5"],
    ["en-US", "1.2.3"],
    ["en-US", "abc"],
    ["en-US", "12k"],
    ["en-US", "$100"],
    ["en-US", "100 EUR"],
    ["en-US", "1e6"],
    ["en-US", "5%"],
    ["en-US", "."],
    ["en-US", "-"],
    ["en-US", "--5"],
    ["en-US", "- 5"],
    ["en-US", "1 234.5"],
    ["en-US", ",5"],
    ["de-DE", "1,234.5"],
    ["de-DE", "1.5"],
    ["fr-FR", "1.234,5"],
    ["fr-FR", "1 23,5"],
    ["en-IN", "1,2345"],
    ["en-IN", "12,34,5678"],
  ])("%s %j", (locale, text) => {
    expect(parseNumber(text, locale)).toEqual({ ok: false, message: example[locale] });
  });

  it("refuses a number too large for a cell", () => {
    expect(parseNumber("9".repeat(400), "en-US")).toEqual({
      ok: false,
      message: "This number is too large",
    });
  });
});

describe("formatNumber", () => {
  it.each<[number | null, string, number, string]>([
    [1234.5, "en-US", 2, "1,234.50"],
    [1234.5, "de-DE", 1, "1.234,5"],
    [1234.5, "fr-FR", 0, `1${NNBSP}235`],
    [1234567, "en-IN", 0, "12,34,567"],
    [-0.001, "en-US", 2, "0.00"],
    [-2.5, "en-US", 1, "-2.5"],
    [null, "en-US", 2, ""],
    [Number.NaN, "en-US", 2, ""],
    [3, "en-US", -1, "3"],
  ])("%p in %s with %d decimals -> %j", (value, locale, decimals, expected) => {
    expect(formatNumber(value, locale, decimals)).toBe(expected);
  });

  it("gives the hint's example in each locale", () => {
    expect(numberExample("de-DE")).toBe("12.500,5");
  });

  it.each(["en-US", "de-DE", "fr-FR", "en-IN", "de-CH", "sv-SE", "ar-EG"])(
    "is read back by parseNumber in %s",
    (locale) => {
      fc.assert(
        fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 }), (units, decimals) => {
          const value = units / 10 ** decimals;
          const parsed = parseNumber(formatNumber(value, locale, decimals), locale);
          expect(parsed).toEqual({ ok: true, value: value === 0 ? 0 : value });
        }),
      );
    },
  );
});

describe("decimalPlaces", () => {
  it.each<[number, number]>([
    [12, 0],
    [12.5, 1],
    [12.25, 2],
    [0.1 + 0.2, 17],
    [1e-7, 7],
    [1.5e-7, 8],
    [1e21, 0],
    [-3.125, 3],
  ])("%p -> %d", (value, expected) => {
    expect(decimalPlaces(value)).toBe(expected);
  });
});

describe("formatUnrounded", () => {
  it.each<[number | null, number, string]>([
    [12500, 0, "12,500"],
    [12500.25, 0, "12,500.25"],
    [12500.5, 2, "12,500.50"],
    [null, 2, ""],
  ])("shows %p with at least %p decimals as %p", (value, decimals, shown) => {
    expect(formatUnrounded(value, "en-US", decimals)).toBe(shown);
  });
});
