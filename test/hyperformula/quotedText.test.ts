import { HyperFormula } from "hyperformula";
import { parseQuotedTextDirectly } from "../../src/hyperformula/quotedText";

/** Quoted strings that would be something else without the apostrophe: HyperFormula's own parser keeps each as text. */
const QUOTED = ["'", "''", "'1/2", "'5%", "'$5", "'5$", "'1,5", "'2020-01-01", "'01/02/2020", "'true", "'#N/A"];
const MORE = ["'=1+1", "' 12 ", "'1e5", "'12:30", "'1/2/3", "'Jan 1", "'-5", "'+5", "' ", "'\t1", "'EMEA"];

describe("parseQuotedTextDirectly", () => {
  const values = (): unknown[] => {
    const hf = HyperFormula.buildFromArray(
      [
        [...QUOTED, ...MORE],
        ["1.5", "5%", "true", "'x", 3],
      ],
      { licenseKey: "gpl-v3" },
    );
    const out = hf.getSheetValues(0).flat();
    hf.destroy();
    return out;
  };

  it("gives the text after the apostrophe, as HyperFormula's own parser does, and leaves other content to it", () => {
    const before = values();
    parseQuotedTextDirectly();
    const after = values();
    expect(after).toEqual(before);
    expect(after.slice(0, QUOTED.length + MORE.length)).toEqual([...QUOTED, ...MORE].map((text) => text.slice(1)));
    expect(after.slice(QUOTED.length + MORE.length)).toEqual([1.5, 0.05, true, "x", 3]);
  });
});
