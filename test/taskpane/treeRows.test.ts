import { buildPlanView } from "../../src/core/plan/planView";
import { ancestorIds, indexTree, openToLevel, visibleRows } from "../../src/taskpane/views/navigate/treeRows";
import type { NodeRow } from "./support/FakePlanWorkbook";
import { makePlan } from "./support/FakePlanWorkbook";

/** A > B > (C, D); A > E; F (a second root) */
const view = buildPlanView(
  makePlan({
    nodes: [
      ["A", "", "Alpha", ""],
      ["B", "A", "Beta", ""],
      ["C", "B", "Gamma", ""],
      ["D", "B", "Delta", ""],
      ["E", "A", "Epsilon", ""],
      ["F", "", "Phi", ""],
    ],
  }),
).nodes;
const index = indexTree(view);
const ids = (rows: number[]): string[] => rows.map((row) => view[row].id);

test("each node knows its parent and its place among its siblings", () => {
  expect(view.map((node) => node.id)).toEqual(["A", "B", "C", "D", "E", "F"]);
  expect([...index.parent]).toEqual([-1, 0, 1, 1, 0, -1]);
  expect([...index.posInSet]).toEqual([1, 1, 1, 2, 2, 2]);
  expect([...index.setSize]).toEqual([2, 2, 2, 2, 2, 2]);
  expect(ancestorIds(view, index, 3)).toEqual(["B", "A"]);
});

test.each<[string, ReadonlySet<string>, string, string[]]>([
  ["all closed", new Set(), "", ["A", "F"]],
  ["root open", new Set(["A"]), "", ["A", "B", "E", "F"]],
  ["inner open under a closed root stays hidden", new Set(["B"]), "", ["A", "F"]],
  ["all open", new Set(["A", "B"]), "", ["A", "B", "C", "D", "E", "F"]],
  ["search shows matches with their ancestors", new Set(["A", "B"]), "delta", ["A", "B", "D"]],
  ["search is case-insensitive and matches inside names", new Set(["A", "B"]), "PH", ["A", "F"]],
  ["a branch closed during search hides its matches", new Set(["A"]), "delta", ["A", "B"]],
  ["no match", new Set(["A", "B"]), "zeta", []],
])("%s", (_case, open, query, expected) => {
  expect(ids(visibleRows(view, index, (id) => open.has(id), query))).toEqual(expected);
});

test.each<[number, string[]]>([
  [1, []],
  [2, ["A"]],
  [3, ["A", "B"]],
  [Infinity, ["A", "B"]],
])("showing down to level %s opens %j", (level, expected) => {
  expect([...openToLevel(view, level)].sort()).toEqual(expected);
});

test("a 20,000-deep chain is indexed and searched without recursion", () => {
  const nodes: NodeRow[] = [["n0", "", "Node 0", ""]];
  for (let i = 1; i < 20_000; i++) nodes.push([`n${i}`, `n${i - 1}`, `Node ${i}`, ""]);
  const chain = buildPlanView(makePlan({ nodes })).nodes;
  const chainIndex = indexTree(chain);
  expect(chainIndex.parent[19_999]).toBe(19_998);
  expect(visibleRows(chain, chainIndex, () => true, "Node 19999")).toHaveLength(20_000);
  expect(visibleRows(chain, chainIndex, () => false, "")).toHaveLength(1);
});
