/**
 * The settings table: Key | Value rows (schemaVersion, name, metric, unit, decimals, tolerance,
 * deadline, allowNegative, overAssignment, topDownEditors, approvers, then one "period" row per
 * period, in order), written and read back. The role rows hold names or e-mail addresses separated by ";" (a name may
 * hold a comma: "Smith, Ann"); they are written only when a role names someone, so a plan without
 * roles keeps the table older add-ins wrote, and a missing or blank row means anyone. The
 * overAssignment row is always written, above the optional rows, because the report's CASCADE reads
 * it by address; a plan from before it (no row, or a blank one) reads as 100 %, no over-assignment.
 */
import { asNumber, isBlank } from "../../cell";
import { MAX_DECIMALS } from "../../allocation";
import { NO_OVER_ASSIGNMENT, readOverAssignment } from "../../territory/capacity";
import { layoutMessages } from "../../messages";
import type { PlanSettings } from "../types";
import { cellText, type LayoutCell } from "./cells";
import { headerKey, requireColumns, sheetRowOf, type TableGrid } from "./grids";
import { SETTINGS_HEADERS, SHEETS } from "./names";
import type { LayoutProblem } from "./problems";

/** Bumped when the layout changes in a way older add-ins would misread. */
const LAYOUT_VERSION = 1;

const SETTING_KEYS = [
  "schemaVersion",
  "name",
  "metric",
  "unit",
  "decimals",
  "tolerance",
  "deadline",
  "allowNegative",
  "overAssignment",
  "topDownEditors",
  "approvers",
] as const;
type SettingKey = (typeof SETTING_KEYS)[number];
const ROLE_KEYS: readonly SettingKey[] = ["topDownEditors", "approvers"];
const PERIOD_KEY = "period";

/** The settings table's body. */
export function settingsRows(settings: PlanSettings): LayoutCell[][] {
  const values: Record<SettingKey, LayoutCell> = {
    schemaVersion: LAYOUT_VERSION,
    name: settings.name,
    metric: settings.metric,
    unit: settings.unit,
    decimals: settings.decimals,
    tolerance: settings.tolerance,
    deadline: settings.deadline,
    allowNegative: settings.allowNegative,
    overAssignment: settings.overAssignment ?? NO_OVER_ASSIGNMENT,
    topDownEditors: (settings.topDownEditors ?? []).join("; "),
    approvers: (settings.approvers ?? []).join("; "),
  };
  const optional = (key: SettingKey): boolean => ROLE_KEYS.includes(key) && values[key] === "";
  return [
    ...SETTING_KEYS.filter((key) => !optional(key)).map((key): LayoutCell[] => [key, values[key]]),
    ...settings.periods.map((label): LayoutCell[] => [PERIOD_KEY, label]),
  ];
}

/** 1-based sheet row of a setting: the report's formulas point at decimals, tolerance and overAssignment. */
export function settingsRow(key: SettingKey): number {
  return sheetRowOf(SETTING_KEYS.indexOf(key));
}

/** The settings the settings table holds; null (with problems) if they can't be read. */
export function readSettingsGrid(grid: TableGrid, problems: LayoutProblem[]): PlanSettings | null {
  const sheet = SHEETS.settings;
  const columns = requireColumns("settings", grid.headers, SETTINGS_HEADERS, problems);
  if (columns === null) return null;
  const [keyColumn, valueColumn] = columns;

  const found = new Map<string, { value: unknown; row: number }>();
  const periods: string[] = [];
  grid.rows.forEach((cells, index) => {
    const key = headerKey(cells[keyColumn]);
    const value = cells[valueColumn];
    if (key === PERIOD_KEY) {
      if (!isBlank(value)) periods.push(cellText(value).trim());
    } else if (key !== "" && !found.has(key)) {
      found.set(key, { value, row: sheetRowOf(index) });
    }
  });
  const count = problems.length;
  const get = (key: SettingKey): { value: unknown; row: number } | undefined => found.get(key.toLowerCase());
  const require = (key: SettingKey): { value: unknown; row: number } | undefined => {
    const setting = get(key);
    if (setting === undefined) problems.push({ sheet, row: null, message: layoutMessages.missingSetting(sheet, key) });
    return setting;
  };
  const bad = (key: SettingKey, setting: { value: unknown; row: number }, expected: string): void => {
    problems.push({
      sheet,
      row: setting.row,
      message: layoutMessages.badSetting(sheet, setting.row, key, expected, describe(setting.value)),
    });
  };

  const version = require("schemaVersion");
  if (version !== undefined) {
    const number = asNumber(version.value);
    if (number === undefined) bad("schemaVersion", version, "a number");
    else if (number > LAYOUT_VERSION)
      problems.push({ sheet, row: version.row, message: layoutMessages.newerLayout(number) });
  }
  const decimalsSetting = require("decimals");
  let decimals = 0;
  if (decimalsSetting !== undefined) {
    const number = asNumber(decimalsSetting.value);
    if (number === undefined || !Number.isInteger(number) || number < 0 || number > MAX_DECIMALS) {
      bad("decimals", decimalsSetting, `a whole number from 0 to ${MAX_DECIMALS}`);
    } else decimals = number;
  }
  const toleranceSetting = require("tolerance");
  let tolerance = 0;
  if (toleranceSetting !== undefined) {
    const number = asNumber(toleranceSetting.value);
    if (number === undefined || number < 0) bad("tolerance", toleranceSetting, "a number of 0 or more");
    else tolerance = number;
  }
  let deadline: string | null = null;
  const deadlineSetting = get("deadline");
  if (deadlineSetting !== undefined && !isBlank(deadlineSetting.value)) {
    deadline = readDate(deadlineSetting.value);
    if (deadline === null) bad("deadline", deadlineSetting, "a date like 2027-03-31");
  }
  let allowNegative = false;
  const negativeSetting = get("allowNegative");
  if (negativeSetting !== undefined && !isBlank(negativeSetting.value)) {
    const flag = readFlag(negativeSetting.value);
    if (flag === null) bad("allowNegative", negativeSetting, "TRUE or FALSE");
    else allowNegative = flag;
  }
  let overAssignment = NO_OVER_ASSIGNMENT;
  const overSetting = get("overAssignment");
  if (overSetting !== undefined) {
    const read = readOverAssignment(overSetting.value);
    if (!read.ok) bad("overAssignment", overSetting, "a percentage from 100 % to 300 %, like 110 %");
    else overAssignment = read.value;
  }
  if (periods.length === 0)
    problems.push({ sheet, row: null, message: layoutMessages.missingSetting(sheet, PERIOD_KEY) });
  if (problems.length > count) return null;
  const text = (key: SettingKey): string => cellText(get(key)?.value).trim();
  const topDownEditors = readPeople(text("topDownEditors"));
  const approvers = readPeople(text("approvers"));
  return {
    name: text("name"),
    metric: text("metric"),
    unit: text("unit"),
    periods,
    decimals,
    tolerance,
    deadline,
    allowNegative,
    ...(overAssignment === NO_OVER_ASSIGNMENT ? {} : { overAssignment }),
    ...(topDownEditors.length === 0 ? {} : { topDownEditors }),
    ...(approvers.length === 0 ? {} : { approvers }),
  };
}

/** A role row's names: separated by ";" or line breaks, each trimmed, blanks dropped. */
export function readPeople(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function describe(value: unknown): string {
  return isBlank(value) ? "blank" : `"${cellText(value)}"`;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** yyyy-mm-dd from ISO text or from an Excel date serial (someone typed a date into the cell). */
function readDate(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    return new Date(EXCEL_EPOCH + Math.floor(value) * DAY).toISOString().slice(0, 10);
  }
  const text = cellText(value).trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? text : null;
}

function readFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  const text = headerKey(value);
  if (text === "true" || text === "yes") return true;
  if (text === "false" || text === "no") return false;
  return null;
}
