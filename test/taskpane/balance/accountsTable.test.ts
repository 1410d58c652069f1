import {
  accountsTableName,
  balancingOf,
  guessMapping,
  mappingFor,
} from "../../../src/taskpane/views/balance/accountsTable";
import type { SourceTable } from "../../../src/workbook/PlanWorkbook";

function table(rows: unknown[][]): SourceTable {
  return { ref: { kind: "table", name: "T" }, rows, firstRow: 1 };
}

describe("guessMapping", () => {
  it.each([
    {
      case: "the headers the README names",
      rows: [
        ["Account", "Name", "Territory", "Potential", "Visits", "Hours", "Country", "State"],
        ["A1", "Acme", "N", 100, 3, 10, "US", "NY"],
      ],
      expected: { id: 0, territory: 2, potential: 3, country: 6, region: 7, drivers: [4, 5] },
    },
    {
      case: "other spellings, a mistyped driver kept as a driver, a text column left out",
      rows: [
        ["Segment", "Customer ID", "Node", "Calls", "Region"],
        ["Big", "C1", "N", 5, "Bavaria"],
        ["Small", "C2", "N", "five", "Bavaria"],
        ["Big", "C3", "S", 2, "Hesse"],
      ],
      expected: { id: 1, territory: 2, potential: -1, country: -1, region: 4, drivers: [3] },
    },
    {
      case: "no header it knows: ids first, territories next, no drivers",
      rows: [
        ["Who", "Where"],
        ["A1", "N"],
      ],
      expected: { id: 0, territory: 1, potential: -1, country: -1, region: -1, drivers: [] },
    },
  ])("$case", ({ rows, expected }) => {
    const mapping = guessMapping(table(rows));
    expect({
      id: mapping.id,
      territory: mapping.territory,
      potential: mapping.potential,
      country: mapping.country,
      region: mapping.region,
      drivers: mapping.drivers.map((driver) => driver.column),
    }).toEqual(expected);
  });
});

describe("the balancing a plan keeps (GU Settings), as Balance and the map both read it", () => {
  const accounts = table([
    ["Account", "Territory", "Visits", "Hours", "Calls"],
    ["A1", "N", 3, 10, 1],
  ]);
  const kept = {
    accountsTable: "Clients",
    weights: [
      { driver: "hours", weight: 0.5 },
      { driver: "Visits", weight: 1 },
      { driver: "Gone", weight: 3 },
    ],
    band: 0.1,
  };

  it("starts with the kept table when the workbook has it, else the one named like accounts", () => {
    expect(accountsTableName(["Accounts", "Clients"], "clients")).toBe("Clients");
    expect(accountsTableName(["Accounts", "Prices"], "Clients")).toBe("Accounts");
  });

  it("counts the kept drivers with their weights, in the table's order, and no other column", () => {
    expect(mappingFor(accounts, kept).drivers).toEqual([
      { column: 2, weight: "" },
      { column: 3, weight: "0.5" },
    ]);
    expect(mappingFor(accounts, undefined).drivers.map((driver) => driver.column)).toEqual([2, 3, 4]);
  });

  it("keeps what the fields say, and nothing while a weight is not a number of 0 or more", () => {
    const mapping = mappingFor(accounts, kept);
    expect(balancingOf("Clients", accounts, mapping, 0.1)).toEqual({
      accountsTable: "Clients",
      weights: [
        { driver: "Visits", weight: 1 },
        { driver: "Hours", weight: 0.5 },
      ],
      band: 0.1,
    });
    const typo = { ...mapping, drivers: [{ column: 2, weight: "two" }] };
    expect(balancingOf("Clients", accounts, typo, 0.1)).toBeNull();
  });
});
