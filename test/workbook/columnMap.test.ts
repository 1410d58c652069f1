import { MAX_COLUMNS, MAX_ROWS } from "../../src/core/a1";
import { ColumnMap } from "../../src/workbook/memory/columnMap";

const at = (row: number, col: number): number => row * MAX_COLUMNS + col;

describe("ColumnMap", () => {
  it("reads, overwrites and removes as a Map of cell keys does", () => {
    const map = new ColumnMap<string>();
    const reference = new Map<number, string>();
    const steps: [string, number, string?][] = [
      ["set", at(0, 0), "a"],
      ["set", at(5, 0), "b"],
      ["set", at(5, 3), "c"],
      ["set", at(MAX_ROWS - 1, MAX_COLUMNS - 1), "d"],
      ["set", at(5, 0), "e"],
      ["delete", at(0, 0)],
      ["delete", at(7, 7)],
      ["delete", at(5, 3)],
      ["set", at(2, 3), "f"],
    ];
    for (const [step, key, value] of steps) {
      if (step === "set") {
        map.set(key, value as string);
        reference.set(key, value as string);
      } else expect(map.delete(key)).toBe(reference.delete(key));
    }
    for (const key of [at(0, 0), at(5, 0), at(5, 3), at(2, 3), at(MAX_ROWS - 1, MAX_COLUMNS - 1), at(9, 9)])
      expect(map.get(key)).toBe(reference.get(key));
    const byKey = (a: [number, string], b: [number, string]): number => a[0] - b[0];
    expect([...map.entries()].sort(byKey)).toEqual([...reference.entries()].sort(byKey));
    expect([...map.keys()].sort((a, b) => a - b)).toEqual([...reference.keys()].sort((a, b) => a - b));
  });
});
