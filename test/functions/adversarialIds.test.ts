/**
 * Ids are written by whoever wrote the sheet, so they may be chosen to hurt (issue 10, defect 11:
 * 100,000 ids crafted to collide in the id hash made ROLLUP take 22 s instead of 155 ms). Each test
 * plays an adversary who knows the code and counts the work done (probes into the id table), never
 * the time: the work must stay linear in the number of ids.
 */
import * as functions from "../../src/functions/functions";
import { keyIndexStats } from "../../src/core/hierarchy/hierarchy";
import { TestCustomFunctionsError } from "../support/customFunctionsGlobal";

type ExcelCall = (...args: unknown[]) => unknown[][];
const { LEVEL, ROLLUP } = functions as unknown as Record<keyof typeof functions, ExcelCall>;

/** Probes per id allowed: one add and one parent lookup per row, each a few probes on average. */
const PROBES_PER_ID = 12;

/** The probes one call makes. */
function probesOf(run: () => unknown): number {
  const before = keyIndexStats.probes;
  run();
  return keyIndexStats.probes - before;
}

/** A star: every id's parent is the first; values 1 each. */
function star(ids: unknown[]): { ids: unknown[][]; parents: unknown[][]; values: unknown[][] } {
  return {
    ids: ids.map((id) => [id]),
    parents: ids.map((_, row) => [row === 0 ? null : ids[0]]),
    values: ids.map(() => [1]),
  };
}

/** The slot of the id table the previous, unseeded FNV-1a hash put a key in. */
function oldSlot(key: string, mask: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & mask;
}

/**
 * Strings over two characters that differ only above bit `bits` ("0" and U+2030 for 13 bits, neither
 * changed by trimming or case folding): the low bits of any FNV-1a hash of them are alike.
 */
function lowBitTwins(count: number, bits: number): string[] {
  const a = 0x30;
  const b = 0x30 + (1 << bits);
  const length = Math.ceil(Math.log2(count)) + 1;
  return Array.from({ length: count }, (_, n) =>
    Array.from({ length }, (_unused, i) => String.fromCharCode((n >> i) & 1 ? b : a)).join(""),
  );
}

describe("ids crafted to collide", () => {
  it("strings that all shared one slot of the old table stay linear", () => {
    const count = 4000;
    // The old table had 2^13 slots for 4000 ids: these all hashed to one slot there.
    const ids = lowBitTwins(count, 13);
    expect(new Set(ids.map((id) => oldSlot(id, (1 << 13) - 1))).size).toBe(1);
    const sheet = star(ids);
    let result: unknown[][] = [];
    const probes = probesOf(() => (result = ROLLUP(sheet.ids, sheet.parents, sheet.values, null, null)));
    expect(result[0]).toEqual([count]);
    expect(probes).toBeLessThan(PROBES_PER_ID * count);
  });

  it.each<[string, (n: number) => unknown]>([
    // V8 hashes array-index strings by their numeric value: multiples of a power of two collide in a Map.
    ["array-index strings that are multiples of 2^16", (n) => String(n * 65536)],
    ["the same as numbers", (n) => n * 65536],
    ["numbers that differ past 15 digits and so are one id", (n) => (n === 0 ? "root" : 1e16 + n * 1e3)],
  ])("%s stay linear", (_case, make) => {
    const count = 4000;
    const sheet = star(Array.from({ length: count }, (_, n) => make(n)));
    const probes = probesOf(() => {
      try {
        LEVEL(sheet.ids, sheet.parents, null);
      } catch (error) {
        // Ids equal once rounded to Excel's 15 digits are duplicates: refused, but in linear work.
        if (!(error instanceof TestCustomFunctionsError)) throw error;
      }
    });
    expect(probes).toBeLessThan(PROBES_PER_ID * count);
  });

  describe("by an adversary who also knows the random seed", () => {
    afterEach(() => jest.restoreAllMocks());

    it("stays linear: the table gives up on its hash and hands over to a Map", () => {
      // Every reseed draws the same seed, so rebuilding cannot help.
      jest.spyOn(Math, "random").mockReturnValue(0.5);
      const seed = (0.5 * 0x100000000) | 0;
      const count = 600;
      const bits = 11; // the table for 600 ids: 2048 slots
      const imul = Math.imul;
      const slot = (key: string): number => {
        let h = seed;
        for (let i = 0; i < key.length; i++) h = imul(h ^ key.charCodeAt(i), 0x01000193);
        h ^= h >>> 16;
        h = imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = imul(h, 0xc2b2ae35);
        return ((h ^ (h >>> 16)) >>> 0) >>> (32 - bits);
      };
      const ids = ["root"];
      for (let n = 0; ids.length < count; n++) {
        const key = `x${n.toString(36)}`;
        if (slot(key) === slot("root")) ids.push(key);
      }
      const sheet = star(ids);
      const fallbacks = keyIndexStats.fallbacks;
      let result: unknown[][] = [];
      const probes = probesOf(() => (result = LEVEL(sheet.ids, sheet.parents, null)));
      expect(result[count - 1]).toEqual([2]);
      expect(keyIndexStats.fallbacks).toBe(fallbacks + 1);
      expect(probes).toBeLessThan(PROBES_PER_ID * count);
    });
  });
});

describe("error messages stay short whatever the input", () => {
  function failure(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      if (error instanceof TestCustomFunctionsError) return error.message;
      throw error;
    }
    throw new Error("expected the call to fail");
  }

  it("a duplicate id over 200,000 rows", () => {
    const count = 200_000;
    const ids = Array.from({ length: count }, () => ["same"]);
    const parents = Array.from({ length: count }, () => [null]);
    const message = failure(() => LEVEL(ids, parents, null));
    expect(message).toMatch(/^Duplicate id "same" \(rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … \(200000 rows\)\)$/);
  });

  it("ids of a whole cell's length", () => {
    const long = "x".repeat(32_767);
    const message = failure(() => LEVEL([[long], [`${long}y`], [long]], [[null], [`${long}z`], [null]], null));
    expect(message.length).toBeLessThan(600);
    expect(message).toContain(`Duplicate id "${"x".repeat(100)}…" (rows 1 and 3)`);
  });

  it("an unknown node of a whole cell's length", () => {
    const long = "q".repeat(32_767);
    const result = LEVEL([["A"]], [[null]], [[long]]) as unknown as TestCustomFunctionsError[][];
    expect(result[0][0].message).toBe(`No node "${"q".repeat(100)}…"`);
  });

  it("a method of a whole cell's length", () => {
    const message = failure(() => ROLLUP([["A"]], [[null]], [[1]], null, "m".repeat(32_767)));
    expect(message.length).toBeLessThan(300);
  });
});
