import { COUNTRIES } from "../../../src/core/map/countries";
import { country, countryOfShape, fitColumn, usState } from "../../../src/core/map/regions";
import { US_STATES } from "../../../src/core/map/usStates";

describe("country", () => {
  test.each([
    ["France", "FRA"],
    ["FR", "FRA"],
    ["fra", "FRA"],
    ["250", "FRA"],
    ["  france ", "FRA"],
    ["Côte d'Ivoire", "CIV"],
    ["cote divoire", "CIV"],
    ["Ivory Coast", "CIV"],
    ["UK", "GBR"],
    ["GB", "GBR"],
    ["United States of America", "USA"],
    ["The Netherlands", "NLD"],
    ["Bosnia & Herzegovina", "BIH"],
    ["Dem. Rep. Congo", "COD"],
    ["4", "AFG"],
    ["004", "AFG"],
    ["IN", "IND"],
    ["Kosovo", "XKX"],
  ])("%s is %s", (text, key) => {
    expect(country(text)?.key).toBe(key);
  });

  test.each(["Atlantis", "", "XX", "999", "Texas", "EMEA"])("%s is no country", (text) => {
    expect(country(text)).toBeUndefined();
  });

  test("every country's codes and names find it again", () => {
    for (const entry of COUNTRIES) {
      for (const text of [entry.alpha2, entry.alpha3, ...entry.names, entry.numeric].filter((t) => t !== ""))
        expect([text, country(text)?.key]).toEqual([text, entry.alpha3]);
    }
  });

  test("a world-atlas shape is found by its numeric id, or by name when it has none", () => {
    expect(countryOfShape("840", "United States of America")?.key).toBe("USA");
    expect(countryOfShape(undefined, "Kosovo")?.key).toBe("XKX");
    expect(countryOfShape(undefined, "Somaliland")).toBeUndefined();
  });
});

describe("usState", () => {
  test.each([
    ["California", "CA"],
    ["ca", "CA"],
    ["New York", "NY"],
    ["Washington, D.C.", "DC"],
    ["IN", "IN"],
  ])("%s is %s", (text, key) => {
    expect(usState(text)?.key).toBe(key);
  });

  test.each(["Bavaria", "France", "ZZ", "06"])("%s is no state", (text) => {
    expect(usState(text)).toBeUndefined();
  });

  test("every state's code and names find it again", () => {
    for (const state of US_STATES)
      for (const text of [state.postal, ...state.names])
        expect([text, usState(text)?.key]).toEqual([text, state.postal]);
  });
});

describe("fitColumn", () => {
  test.each<[string, string[], "world" | "us", number]>([
    ["Country", ["US", "CA", "MX", "GB"], "world", 4],
    ["Country", ["DE", "FR", "IT", ""], "world", 3],
    ["Territory", ["CA", "TX", "NY", "GA"], "us", 4],
    ["State", ["Georgia"], "us", 1],
    ["Where", ["Georgia"], "world", 1],
    ["Country", ["Atlantis", "France"], "world", 1],
  ])("%s %j goes on the %s map (%d matched)", (header, cells, kind, matched) => {
    expect(fitColumn(header, cells)).toMatchObject({ kind, matched });
  });
});
