/**
 * The plan's optional seasonality profiles: "GU Profiles" / GuProfiles, anchored at A1, one named
 * profile a row with its share of the year per period, which must total 100 % (checked):
 *
 *   Profile | <period 1> | <period 2> | ...
 *   Retail  | 20 %       | 20 %       | 20 % | 40 %
 *
 * A contributor spreads an annual number by one of them in My targets (annualEntry.ts). The pane
 * adds the table on request; a bad row never stops the plan being read: it is a problem the pane
 * lists with its row, and the profile is not offered.
 */
import { asNumber, isBlank } from "../../cell";
import { layoutMessages } from "../../messages";
import { percentText, profileProblem } from "../../spread";
import type { TerritoryProblem } from "../../territory/messages";
import type { NamedProfile, PlanSettings, SeasonalityProfiles } from "../types";
import { blankTableLayout, type BlankTableLayout } from "./blankTable";
import { GENERAL, PERCENT, cellText } from "./cells";
import { findColumn, sheetRowOf, type TableGrid } from "./grids";
import { SHEETS, TABLES } from "./names";

const NAME_HEADER = "Profile";

/** The new profiles table for the plan's periods: shares formatted as percentages, so 25 types 25 %. */
export function profilesTableLayout(settings: PlanSettings): BlankTableLayout {
  const formats = [GENERAL, ...settings.periods.map(() => PERCENT)];
  return blankTableLayout("profiles", [NAME_HEADER, ...settings.periods], formats);
}

/** The named profiles the table holds for the plan's periods, and its bad rows. */
export function readProfilesGrid(grid: TableGrid, periods: readonly string[]): SeasonalityProfiles {
  const nameColumn = findColumn(grid.headers, NAME_HEADER);
  if (nameColumn < 0) {
    const message = layoutMessages.optionalColumn(TABLES.profiles, SHEETS.profiles, NAME_HEADER);
    return { profiles: [], problems: [{ row: 1, rows: [1], message }] };
  }
  const columns = periods.map((period) => findColumn(grid.headers, period));
  const profiles: NamedProfile[] = [];
  const problems: TerritoryProblem[] = [];
  const seen = new Map<string, number>();
  grid.rows.forEach((cells, index) => {
    const row = sheetRowOf(index);
    const report = (message: string, rows: readonly number[] = [row]): void => {
      problems.push({ row, rows, message });
    };
    const name = cellText(cells[nameColumn]).trim();
    const typed = columns.map((c) => (c < 0 ? null : cells[c]));
    if (name === "") {
      if (typed.some((cell) => !isBlank(cell))) report(profileMessages.noName(row));
      return;
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      report(profileMessages.duplicate(name, first, row), [first, row]);
      return;
    }
    seen.set(name.toLowerCase(), row);
    const shares: number[] = [];
    for (let p = 0; p < periods.length; p++) {
      const share = isBlank(typed[p]) ? 0 : asNumber(typed[p]);
      if (share === undefined) {
        report(profileMessages.notANumber(name, periods[p], row));
        return;
      }
      shares.push(share);
    }
    const problem = profileProblem({ kind: "shares", shares });
    if (problem !== undefined) {
      const total = shares.reduce((sum, share) => sum + share, 0);
      report(profileMessages.badShares(name, row, percentText(total), problem));
      return;
    }
    profiles.push({ name, shares });
  });
  return { profiles, problems };
}

export const profileMessages = {
  noName: (row: number): string =>
    `Row ${row} of GU Profiles has shares but no name; enter the profile's name in column Profile`,
  duplicate: (name: string, first: number, row: number): string =>
    `Profile "${name}" is in GU Profiles twice (rows ${first} and ${row}); rename or delete row ${row}`,
  notANumber: (name: string, period: string, row: number): string =>
    `Profile "${name}" ${period} (row ${row} of GU Profiles) is not a number; enter a percentage like 25%`,
  badShares: (name: string, row: number, total: string, problem: string): string =>
    `Profile "${name}" (row ${row} of GU Profiles) can't be used: ${problem}. Its shares total ${total}; make them total 100%`,
} as const;
