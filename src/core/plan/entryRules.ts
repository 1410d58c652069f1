import { planMessages } from "../messages";
import { decimalPlaces, formatNumber, parseNumber, type ParsedNumber } from "./numbers";
import type { PlanSettings } from "./types";
import { columnSettings, valueColumnInfo } from "./measures";

/** Example values that show a whole number, one decimal, two decimals. */
const EXAMPLES = [12500, 12500.5, 12500.25];

type EntrySettings = Pick<PlanSettings, "allowNegative" | "decimals">;

export interface EntryValidation {
  /** Per field: the parsed value, or null where blank or refused. */
  readonly values: (number | null)[];
  /** Per field: the message to show beside it, or null. */
  readonly errors: (string | null)[];
  readonly ok: boolean;
}

/**
 * One period's value as typed, against the plan's rules. Too many decimals is refused, not
 * rounded: the contributor sees and confirms exactly the number that is saved and audited.
 */
export function validateValue(text: string, settings: EntrySettings, locale: string): ParsedNumber {
  const parsed = parseNumber(text, locale);
  if (!parsed.ok || parsed.value === null) return parsed;
  if (parsed.value < 0 && !settings.allowNegative) return { ok: false, message: planMessages.negativeNotAllowed };
  const decimals = Math.max(0, Math.trunc(settings.decimals) || 0);
  if (decimalPlaces(parsed.value) > decimals) {
    return {
      ok: false,
      message: planMessages.tooManyDecimals(decimals, formatNumber(EXAMPLES[Math.min(decimals, 2)], locale, decimals)),
    };
  }
  return parsed;
}

/**
 * Every value field of one node at once, index-aligned with `texts` (and with `valueColumns`): each
 * in its measure's decimals.
 */
export function validateEntryValues(
  texts: readonly string[],
  settings: EntrySettings | PlanSettings,
  locale: string,
): EntryValidation {
  const values: (number | null)[] = [];
  const errors: (string | null)[] = [];
  const columns = "periods" in settings ? valueColumnInfo(settings) : null;
  for (const [c, text] of texts.entries()) {
    const decimals = columns?.[c]?.decimals ?? settings.decimals;
    const result = validateValue(text, columnSettings(settings, decimals), locale);
    values.push(result.ok ? result.value : null);
    errors.push(result.ok ? null : result.message);
  }
  return { values, errors, ok: errors.every((e) => e === null) };
}
