import { Hierarchy } from "../../../src/core/hierarchy/hierarchy";
import {
  balanceByNode,
  readAccounts,
  siblingBalance,
  workloadByNode,
  type AccountRow,
} from "../../../src/core/territory/workload";

/** Company > (North > (T1, T2, T3), South). */
function sample(): Hierarchy {
  const built = Hierarchy.build(
    ["Company", "North", "T1", "T2", "T3", "South"],
    ["", "Company", "North", "North", "North", "Company"],
  );
  if (!built.ok) throw new Error("bad fixture");
  return built.hierarchy;
}

const SETTINGS = { drivers: ["Visits", "Hours"], weights: [2, 0.5] };

function account(
  id: unknown,
  territory: unknown,
  visits: unknown,
  hours: unknown,
  extra: Partial<AccountRow> = {},
): AccountRow {
  return { id, territory, potential: 1000, drivers: [visits, hours], ...extra };
}

describe("workload", () => {
  it("weighs each account's drivers and sums them per territory, rolled up the hierarchy", () => {
    const hierarchy = sample();
    const read = readAccounts(
      hierarchy,
      [
        account("A1", "T1", 10, 20),
        account("A2", "t1", 5, null),
        account("A3", "T2", 0, 40),
        account("A4", "South", 1, 2),
      ],
      SETTINGS,
    );
    expect(read.problems).toEqual([]);
    expect(read.accounts.map((a) => a.workload)).toEqual([30, 10, 20, 3]);
    const load = workloadByNode(hierarchy, read.accounts);
    const of = (id: string): number => load[hierarchy.find(id) as number];
    expect([of("T1"), of("T2"), of("T3"), of("North"), of("South"), of("Company")]).toEqual([40, 20, 0, 60, 3, 63]);
  });

  it("counts a blank weight as 1", () => {
    const read = readAccounts(sample(), [account("A1", "T1", 3, 4)], {
      drivers: ["Visits", "Hours"],
      weights: ["", 1],
    });
    expect(read.accounts[0].workload).toBe(7);
  });

  it("shows balance as the share of the siblings' average, flagged outside the band", () => {
    const hierarchy = sample();
    const read = readAccounts(
      hierarchy,
      [
        account("A1", "T1", 0, 206),
        account("A2", "T2", 0, 200),
        account("A3", "T3", 0, 194),
        account("A4", "South", 0, 10),
      ],
      SETTINGS,
    );
    const load = workloadByNode(hierarchy, read.accounts);
    const balances = balanceByNode(hierarchy, load, 0.02);
    const byId = new Map(balances.map((b) => [b.id, b]));
    // T1..T3 carry 103, 100 and 97 against their average of 100.
    expect(byId.get("T1")).toMatchObject({ workload: 103, average: 100, outOfBand: true });
    expect(byId.get("T1")?.balance).toBeCloseTo(1.03, 12);
    expect(byId.get("T2")).toMatchObject({ balance: 1, outOfBand: false });
    expect(byId.get("T3")?.outOfBand).toBe(true);
    // North (300) and South (5) are siblings under Company; the root is alone.
    expect(byId.get("North")?.average).toBe(152.5);
    expect(byId.get("Company")).toMatchObject({ balance: 1, outOfBand: false });
    expect(balances.map((b) => b.id)).toEqual(["Company", "North", "T1", "T2", "T3", "South"]);
  });

  it("counts territories that all carry nothing as balanced", () => {
    const hierarchy = sample();
    const load = workloadByNode(hierarchy, []);
    const north = hierarchy.find("North") as number;
    const balances = siblingBalance(hierarchy, hierarchy.children(north), load, 0.05);
    expect(balances.map((b) => [b.balance, b.outOfBand])).toEqual([
      [1, false],
      [1, false],
      [1, false],
    ]);
  });
});

describe("bad account rows", () => {
  it.each([
    [
      account("A9", "Nowhere", 1, 1),
      'Territory "Nowhere" of account "A9" (row 12) is not a node of the hierarchy; enter the id of a node',
    ],
    [account("A9", "", 1, 1), 'Account "A9" (row 12) has no territory'],
    [account("", "T1", 1, 1), "Row 12 has no account id"],
    [account("A9", "T1", -3, 1), 'Visits of account "A9" (row 12) is -3; it can\'t be negative'],
    [account("A9", "T1", 1, "two"), 'Hours of account "A9" (row 12) must be a number, not "two"'],
    [account("A9", "T1", 1, 1, { potential: -5 }), 'Potential of account "A9" (row 12) is -5'],
    [account("A9", "T1", 1, 1, { latitude: 51.5 }), 'Account "A9" (row 12) has only one of latitude and longitude'],
    [
      account("A9", "T1", 1, 1, { latitude: 95, longitude: 0 }),
      'Latitude of account "A9" (row 12) must be a number from -90 to 90',
    ],
  ])("names the row and how to fix it: %#", (bad, message) => {
    const read = readAccounts(sample(), [account("A1", "T1", 1, 1), bad], SETTINGS, { firstRow: 11 });
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0].row).toBe(12);
    expect(read.problems[0].message).toContain(message);
    expect(read.accounts.map((a) => a.id)).toEqual(["A1"]);
  });

  it("names every row of a duplicated account id and keeps only the first", () => {
    const read = readAccounts(
      sample(),
      [account("A1", "T1", 1, 1), account("B", "T2", 1, 1), account(" a1 ", "T3", 1, 1), account("A1", "T2", 1, 1)],
      SETTINGS,
      { firstRow: 2 },
    );
    expect(read.problems).toEqual([
      {
        row: 2,
        rows: [2, 4, 5],
        message: 'Account "A1" is listed more than once (rows 2, 4 and 5); keep one row per account',
      },
    ]);
    expect(read.accounts.map((a) => [a.id, a.row])).toEqual([
      ["A1", 2],
      ["B", 3],
    ]);
  });

  it("reads geography as written", () => {
    const read = readAccounts(
      sample(),
      [account("A1", "T1", 1, 1, { country: "US", region: "CA", postcode: 94105, latitude: 37.79, longitude: -122.4 })],
      SETTINGS,
    );
    expect(read.accounts[0]).toMatchObject({
      country: "US",
      region: "CA",
      postcode: "94105",
      latitude: 37.79,
      longitude: -122.4,
    });
  });

  it.each([
    [
      { drivers: ["Visits", "Hours"], weights: [1] },
      "There are 2 workload drivers but 1 weight; give one weight per driver",
    ],
    [{ drivers: ["Visits"], weights: [-1] }, 'The weight of "Visits" must be a number of 0 or more (it is -1)'],
  ])("rejects weights that do not fit the drivers: %#", (settings, message) => {
    const read = readAccounts(sample(), [account("A1", "T1", 1, 1)], settings);
    expect(read.settingsProblem).toBe(message);
    expect(read.accounts).toEqual([]);
  });
});
