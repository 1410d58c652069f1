import { guessMapping } from "../../../src/taskpane/views/balance/accountsTable";
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
