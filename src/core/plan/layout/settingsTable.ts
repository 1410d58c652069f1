/**
 * The settings table: Key | Value rows (schemaVersion, name, metric, unit, decimals, tolerance,
 * deadline, allowNegative, overAssignment, topDownEditors, approvers, accountsTable, workloadWeights,
 * balanceBand, minValue, maxValue, minGrowth, maxGrowth, guardrailAction, then one "measure" row per
 * measure after the first, one "ratio" row per ratio, then one "period" row per period, in order), written and read back. The role rows hold names or e-mail addresses separated
 * by ";" (a name may hold a comma: "Smith, Ann"); they are written only when a role names someone,
 * so a plan without roles keeps the table older add-ins wrote, and a missing or blank row means
 * anyone. The overAssignment row is always written, above the optional rows, because the report's
 * CASCADE reads it by address; a plan from before it (no row, or a blank one) reads as 100 %, no
 * over-assignment. The balancing rows are written once balancing is kept for the plan
 * (`BalancingSettings`), the guardrail rows once set (`Guardrails`); without them the Balance view
 * guesses as it always did and nothing bounds a submission. The fiscal calendar and annual entry
 * rows (./calendarSettings) are written only where the plan has them.
 */
import { asNumber, isBlank } from "../../cell";
import {
  GUARDRAIL_ACTIONS,
  formatLevels,
  parseLevels,
  type GuardrailRule,
  type Guardrails,
} from "../guardrailSettings";
import {
  DEFAULT_BALANCE_BAND,
  formatWeights,
  parseWeights,
  type BalancingSettings,
} from "../../territory/balancingSettings";
import { MAX_DECIMALS } from "../../allocation";
import { NO_OVER_ASSIGNMENT, readOverAssignment } from "../../territory/overAssignment";
import { layoutMessages } from "../../messages";
import type { PlanSettings } from "../types";
import { formatMeasure, formatRatio, parseMeasure, parseRatio, type Measure, type RatioMeasure } from "../measures";
import { CALENDAR_KEYS, ENTRY_KEYS, calendarCells, entryCells, readCalendar, readEntry } from "./calendarSettings";
import { cellText, type LayoutCell } from "./cells";
import { headerKey, requireColumns, sheetRowOf, type TableGrid } from "./grids";
import { SETTINGS_HEADERS, SHEETS } from "./names";
import type { LayoutProblem } from "./problems";

/** Bumped when the layout changes in a way older add-ins would misread. */
const LAYOUT_VERSION = 2;
/**
 * What a plan's schemaVersion row says: a plan with one measure is still written as layout 1, which
 * add-ins from before measures read correctly; one with more is 2, which they refuse to open
 * rather than read its units as revenue.
 */
function layoutVersion(settings: PlanSettings): number {
  return (settings.moreMeasures ?? []).length === 0 ? 1 : LAYOUT_VERSION;
}

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
  "accountsTable",
  "workloadWeights",
  "balanceBand",
  "minValue",
  "maxValue",
  "minGrowth",
  "maxGrowth",
  "guardrailAction",
  "guardrailLevels",
  "guardrailMeasure",
  ...CALENDAR_KEYS,
  ...ENTRY_KEYS,
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
const ROLE_KEYS: readonly SettingKey[] = ["topDownEditors", "approvers"];
export const BALANCING_KEYS = [
  "accountsTable",
  "workloadWeights",
  "balanceBand",
] as const satisfies readonly SettingKey[];
const GUARDRAIL_KEYS = [
  "minValue",
  "maxValue",
  "minGrowth",
  "maxGrowth",
  "guardrailAction",
  "guardrailLevels",
  "guardrailMeasure",
] as const satisfies readonly SettingKey[];
const PERIOD_KEY = "period";
/** One row per measure after the first, above the period rows: "Units | units | 0" (measures.ts). */
const MEASURE_KEY = "measure";
/** One row per ratio, after the measures: "Margin % | % | 1 | Margin / Revenue". */
const RATIO_KEY = "ratio";

/** The settings table's body. */
export function settingsRows(settings: PlanSettings): LayoutCell[][] {
  const values: Record<SettingKey, LayoutCell> = {
    schemaVersion: layoutVersion(settings),
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
    ...balancingCells(settings.balancing),
    minValue: settings.guardrails?.minValue ?? null,
    maxValue: settings.guardrails?.maxValue ?? null,
    minGrowth: settings.guardrails?.minGrowth ?? null,
    maxGrowth: settings.guardrails?.maxGrowth ?? null,
    guardrailAction: settings.guardrails?.whenBroken ?? null,
    guardrailLevels: settings.guardrails === undefined ? null : formatLevels(settings.guardrails.levels),
    guardrailMeasure: settings.guardrails?.measure ?? null,
    ...calendarCells(settings),
    ...entryCells(settings.entry),
  };
  const optional = (key: SettingKey): boolean =>
    (ROLE_KEYS.includes(key) && values[key] === "") ||
    (([...CALENDAR_KEYS, ...ENTRY_KEYS] as readonly SettingKey[]).includes(key) && values[key] === null) ||
    ((BALANCING_KEYS as readonly SettingKey[]).includes(key) && settings.balancing === undefined) ||
    ((GUARDRAIL_KEYS as readonly SettingKey[]).includes(key) && settings.guardrails === undefined) ||
    (key === "guardrailMeasure" && settings.guardrails?.measure === undefined);
  return [
    ...SETTING_KEYS.filter((key) => !optional(key)).map((key): LayoutCell[] => [key, values[key]]),
    ...(settings.moreMeasures ?? []).map((measure): LayoutCell[] => [MEASURE_KEY, formatMeasure(measure)]),
    ...(settings.ratios ?? []).map((ratio): LayoutCell[] => [RATIO_KEY, formatRatio(ratio)]),
    ...settings.periods.map((label): LayoutCell[] => [PERIOD_KEY, label]),
  ];
}

/** The balancing rows' values; blank while balancing is not kept. */
export function balancingCells(
  balancing: BalancingSettings | undefined,
): Record<(typeof BALANCING_KEYS)[number], LayoutCell> {
  return {
    accountsTable: balancing?.accountsTable ?? null,
    workloadWeights: balancing === undefined ? null : formatWeights(balancing.weights),
    balanceBand: balancing?.band ?? null,
  };
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
  const measureRows: Setting[] = [];
  const ratioRows: Setting[] = [];
  grid.rows.forEach((cells, index) => {
    const key = headerKey(cells[keyColumn]);
    const value = cells[valueColumn];
    if (key === PERIOD_KEY) {
      if (!isBlank(value)) periods.push(cellText(value).trim());
    } else if (key === MEASURE_KEY) {
      if (!isBlank(value)) measureRows.push({ value, row: sheetRowOf(index) });
    } else if (key === RATIO_KEY) {
      if (!isBlank(value)) ratioRows.push({ value, row: sheetRowOf(index) });
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
  const bad = (key: string, setting: Setting, expected: string): void => {
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
  const moreMeasures = measureRows.flatMap((setting): Measure[] => {
    const read = parseMeasure(cellText(setting.value), MAX_DECIMALS);
    if (!read.ok) bad(MEASURE_KEY, setting, read.expected);
    return read.ok ? [read.measure] : [];
  });
  const balancing = readBalancing(get, bad);
  const measureNames = [cellText(get("metric")?.value).trim(), ...moreMeasures.map((measure) => measure.name)];
  const ratios = ratioRows.flatMap((setting): RatioMeasure[] => {
    const read = parseRatio(cellText(setting.value), measureNames, MAX_DECIMALS);
    if (!read.ok) bad(RATIO_KEY, setting, read.expected);
    return read.ok ? [read.ratio] : [];
  });
  const guardrails = readGuardrails(get, bad, measureNames);
  const calendar = readCalendar(get, bad, (key) =>
    problems.push({ sheet, row: null, message: layoutMessages.missingSetting(sheet, key) }),
  );
  const entry = readEntry(get, bad);
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
    ...(moreMeasures.length === 0 ? {} : { moreMeasures }),
    ...(ratios.length === 0 ? {} : { ratios }),
    ...(overAssignment === NO_OVER_ASSIGNMENT ? {} : { overAssignment }),
    ...(topDownEditors.length === 0 ? {} : { topDownEditors }),
    ...(approvers.length === 0 ? {} : { approvers }),
    ...(balancing === undefined ? {} : { balancing }),
    ...(guardrails === undefined ? {} : { guardrails }),
    ...(calendar === undefined ? {} : { calendar }),
    ...(entry === undefined ? {} : { entry }),
  };
}

/** The guardrail rows, when any is there; a bad one is reported by `bad`. */
function readGuardrails(
  get: (key: SettingKey) => Setting | undefined,
  bad: (key: SettingKey, setting: Setting, expected: string) => void,
  measureNames: readonly string[],
): Guardrails | undefined {
  if (GUARDRAIL_KEYS.every((key) => get(key) === undefined)) return undefined;
  const bound = (key: GuardrailRule, expected: string): number | null => {
    const setting = get(key);
    if (setting === undefined || isBlank(setting.value)) return null;
    const number = asNumber(setting.value);
    if (number === undefined) bad(key, setting, expected);
    return number ?? null;
  };
  const minValue = bound("minValue", "a number, or blank for no minimum");
  const maxValue = bound("maxValue", "a number, or blank for no maximum");
  const minGrowth = bound("minGrowth", "a percentage like -10%, or blank for no minimum");
  const maxGrowth = bound("maxGrowth", "a percentage like 25%, or blank for no maximum");
  const actionSetting = get("guardrailAction");
  const action = actionSetting === undefined ? "" : headerKey(actionSetting.value);
  const whenBroken = GUARDRAIL_ACTIONS.find((known) => known === action) ?? "block";
  if (actionSetting !== undefined && action !== "" && action !== whenBroken)
    bad("guardrailAction", actionSetting, '"block" or "comment"');
  const ordered = (
    low: GuardrailRule,
    high: GuardrailRule,
    lowValue: number | null,
    highValue: number | null,
  ): void => {
    const setting = get(high);
    if (lowValue !== null && highValue !== null && lowValue > highValue && setting !== undefined)
      bad(high, setting, `at least ${low} (${lowValue})`);
  };
  ordered("minValue", "maxValue", minValue, maxValue);
  ordered("minGrowth", "maxGrowth", minGrowth, maxGrowth);
  const levelsSetting = get("guardrailLevels");
  const levels = levelsSetting === undefined ? null : parseLevels(cellText(levelsSetting.value));
  if (levelsSetting !== undefined && levels === undefined)
    bad("guardrailLevels", levelsSetting, 'levels like "4" or "3-4", or blank for every level');
  const measureSetting = get("guardrailMeasure");
  const measureText = measureSetting === undefined ? "" : cellText(measureSetting.value).trim();
  const measure = measureNames.find((name) => name.toLowerCase() === measureText.toLowerCase());
  if (measureSetting !== undefined && measureText !== "" && measure === undefined)
    bad(
      "guardrailMeasure",
      measureSetting,
      `one of the plan's measures (${measureNames.join(", ")}), or blank for the first`,
    );
  return {
    minValue,
    maxValue,
    minGrowth,
    maxGrowth,
    whenBroken,
    levels: levels ?? null,
    ...(measureText === "" || measure === undefined ? {} : { measure }),
  };
}

type Setting = { value: unknown; row: number };

/** The balancing rows, when any is there; a bad one is reported by `bad` and read as its default. */
function readBalancing(
  get: (key: SettingKey) => Setting | undefined,
  bad: (key: SettingKey, setting: Setting, expected: string) => void,
): BalancingSettings | undefined {
  const [table, weightsSetting, bandSetting] = BALANCING_KEYS.map(get);
  if (table === undefined && weightsSetting === undefined && bandSetting === undefined) return undefined;
  let weights: BalancingSettings["weights"] = [];
  if (weightsSetting !== undefined && !isBlank(weightsSetting.value)) {
    const parsed = parseWeights(cellText(weightsSetting.value));
    if (parsed === null) bad("workloadWeights", weightsSetting, "driver weights like Visits = 2; Hours = 0.5");
    else weights = parsed;
  }
  let band = DEFAULT_BALANCE_BAND;
  if (bandSetting !== undefined && !isBlank(bandSetting.value)) {
    const number = asNumber(bandSetting.value);
    if (number === undefined || number < 0) bad("balanceBand", bandSetting, "a number of 0 or more, like 5%");
    else band = number;
  }
  return { accountsTable: cellText(table?.value).trim(), weights, band };
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
