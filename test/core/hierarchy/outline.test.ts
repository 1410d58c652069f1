import { parentsFromLevels, type OutlineLevel, type OutlineProblem } from "../../../src/core/hierarchy/outline";

describe("parentsFromLevels", () => {
  it.each<[string, OutlineLevel[], number[]]>([
    ["a tree", [1, 2, 3, 3, 2, 1, 2], [-1, 0, 1, 1, 0, -1, 5]],
    ["skipped rows", [1, null, 2, null, 2], [-1, -1, 0, -1, 0]],
    ["a flat list", [1, 1, 1], [-1, -1, -1]],
    ["going back up several levels", [1, 2, 3, 4, 2], [-1, 0, 1, 2, 0]],
    ["nothing", [], []],
  ])("%s", (_, levels, parents) => {
    const outline = parentsFromLevels(levels);
    expect([...outline.parents]).toEqual(parents);
    expect(outline.problems).toEqual([]);
  });

  it.each<[string, OutlineLevel[], OutlineProblem[]]>([
    ["a jump", [1, 2, 4, 5], [{ kind: "jump", row: 3, level: 4, above: 2 }]],
    ["a first row below level 1", [null, 2, 3], [{ kind: "firstLevel", row: 2, level: 2 }]],
    [
      "levels that are not whole numbers from 1",
      [1, 1.5, 0, 2],
      [
        { kind: "notWhole", row: 2, level: 1.5 },
        { kind: "notWhole", row: 3, level: 0 },
      ],
    ],
    [
      "two separate jumps",
      [1, 3, 1, 3],
      [
        { kind: "jump", row: 2, level: 3, above: 1 },
        { kind: "jump", row: 4, level: 3, above: 1 },
      ],
    ],
  ])("reports %s once, with its 1-based row", (_, levels, problems) => {
    expect(parentsFromLevels(levels).problems).toEqual(problems);
  });

  it("still places rows below a jump under it", () => {
    expect([...parentsFromLevels([1, 3, 4]).parents]).toEqual([-1, 0, 1]);
  });

  it("is linear and iterative for a 200,000-level chain", () => {
    const levels = Array.from({ length: 200_000 }, (_, i) => i + 1);
    const outline = parentsFromLevels(levels);
    expect(outline.parents[199_999]).toBe(199_998);
    expect(outline.problems).toEqual([]);
  });
});
