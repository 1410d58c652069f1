import { planMessages } from "../messages";

/** A number typed by a user: blank is `null` (not entered), not zero. */
export type ParsedNumber =
  { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

const FALLBACK_LOCALE = "en-US";
const MAX_DECIMALS = 20;
/** Characters users type for a space-like group separator, whichever one their locale formats with. */
const SPACES = [" ", "\u00a0", "\u202f"];
const APOSTROPHES = ["'", "\u2019"];
/** Directional marks some locales put around numbers (ar, fa, he); they carry no meaning here. */
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;
const MINUS_SIGNS = ["-", "\u2212"];

/** Separators to use instead of the ones the locale's data gives, e.g. Excel's own settings. */
export interface NumberSeparators {
  readonly decimal: string;
  readonly group: string;
}

/** BCP 47 private-use subtags ("-x-...") carrying NumberSeparators; Intl ignores them. */
const SEPARATORS_TAG = /-x-dec([0-9a-f]{2,4})-grp([0-9a-f]{0,4})$/i;

function separatorCode(separator: string): string | null {
  return separator.length <= 1 ? [...separator].map((c) => c.charCodeAt(0).toString(16)).join("") : null;
}

/**
 * `locale` with its separators replaced, as a locale string every function here accepts (a valid
 * BCP 47 tag: the separators ride in a private-use extension that Intl ignores), so the rest of the
 * pane keeps passing one string. Separators that can't be carried (longer than one character, or a
 * decimal equal to the group) leave the locale's own.
 */
export function localeWithSeparators(locale: string, separators: NumberSeparators): string {
  const base = locale.replace(SEPARATORS_TAG, "");
  const decimal = separatorCode(separators.decimal);
  const group = separatorCode(separators.group);
  if (decimal === null || decimal === "" || group === null || separators.decimal === separators.group) return base;
  return `${base}-x-dec${decimal}-grp${group}`;
}

function separatorsIn(locale: string): NumberSeparators | null {
  const match = SEPARATORS_TAG.exec(locale);
  if (match === null) return null;
  const char = (hex: string): string => (hex === "" ? "" : String.fromCharCode(parseInt(hex, 16)));
  return { decimal: char(match[1]), group: char(match[2]) };
}

interface NumberSymbols {
  readonly locale: string;
  /** Set where the locale string carries its own separators (localeWithSeparators). */
  readonly custom: NumberSeparators | null;
  readonly decimal: string;
  readonly groups: ReadonlySet<string>;
  /** Digits of the last group and of the groups before it: [3, 3] mostly, [3, 2] in en-IN. */
  readonly groupSizes: readonly (readonly [number, number])[];
  /** The locale's own digits (e.g. Arabic-Indic) mapped to 0-9; empty where they are 0-9. */
  readonly digits: ReadonlyMap<string, string>;
}

const symbolsCache = new Map<string, NumberSymbols>();
const formatCache = new Map<string, Intl.NumberFormat>();

function resolveLocale(locale: string): string {
  try {
    return new Intl.NumberFormat(locale.replace(SEPARATORS_TAG, "")).resolvedOptions().locale;
  } catch {
    // An unknown or malformed tag (e.g. from an old host) must not make every entry unusable.
    return FALLBACK_LOCALE;
  }
}

function symbolsFor(locale: string): NumberSymbols {
  const cached = symbolsCache.get(locale);
  if (cached !== undefined) return cached;
  const resolved = resolveLocale(locale);
  const format = new Intl.NumberFormat(resolved);
  const parts = format.formatToParts(1234567890.5);
  const custom = separatorsIn(locale);
  const group = custom?.group ?? parts.find((p) => p.type === "group")?.value ?? ",";
  const decimal = custom?.decimal ?? parts.find((p) => p.type === "decimal")?.value ?? ".";
  const integers = parts.filter((p) => p.type === "integer").map((p) => p.value.length);
  const primary = integers.length > 1 ? integers[integers.length - 1] : 3;
  const secondary = integers.length > 2 ? integers[integers.length - 2] : primary;
  const groupSizes: (readonly [number, number])[] = [[primary, secondary]];
  // Thousands grouping is understood everywhere, e.g. "1,234,567" from a user in en-IN.
  if (primary !== 3 || secondary !== 3) groupSizes.push([3, 3]);

  const digits = new Map<string, string>();
  const plain = new Intl.NumberFormat(resolved, { useGrouping: false });
  for (let d = 0; d <= 9; d++) {
    const native = plain.format(d).replace(BIDI_MARKS, "");
    if (native !== String(d)) digits.set(native, String(d));
  }

  const groups = SPACES.includes(group)
    ? SPACES
    : APOSTROPHES.includes(group)
      ? APOSTROPHES
      : group === ""
        ? []
        : [group];
  const symbols: NumberSymbols = {
    locale: resolved,
    custom,
    decimal,
    groups: new Set(groups),
    groupSizes,
    digits,
  };
  symbolsCache.set(locale, symbols);
  return symbols;
}

function formatter(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${decimals}`;
  let format = formatCache.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(symbolsFor(locale).locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatCache.set(key, format);
  }
  return format;
}

/** A number as the user's locale writes it, for the "Enter a number like ..." hints. */
export function numberExample(locale: string): string {
  return formatNumber(12500.5, locale, 1);
}

function invalid(locale: string): ParsedNumber {
  return { ok: false, message: planMessages.notANumber(numberExample(locale)) };
}

function isDigits(text: string): boolean {
  return /^[0-9]*$/.test(text);
}

function validGrouping(pieces: readonly string[], sizes: readonly (readonly [number, number])[]): boolean {
  if (!pieces.every((p) => p.length > 0 && isDigits(p))) return false;
  return sizes.some(([primary, secondary]) => {
    const last = pieces.length - 1;
    if (pieces[last].length !== primary) return false;
    for (let i = 1; i < last; i++) if (pieces[i].length !== secondary) return false;
    return pieces[0].length <= secondary;
  });
}

/**
 * Reads a number as a user types it in their locale: its decimal separator, its group separator
 * (any space-like character where the locale groups with spaces), a leading "-" or "−" or "+",
 * surrounding spaces. Blank is `null`. Anything else (wrong grouping such as "1,2,3", letters,
 * currency symbols, units, exponents) is refused with an example in the user's locale.
 */
export function parseNumber(text: string, locale: string): ParsedNumber {
  const symbols = symbolsFor(locale);
  let rest = text.replace(BIDI_MARKS, "").trim();
  if (rest === "") return { ok: true, value: null };
  if (symbols.digits.size > 0) rest = [...rest].map((c) => symbols.digits.get(c) ?? c).join("");

  let sign = 1;
  if (MINUS_SIGNS.includes(rest[0])) sign = -1;
  if (sign === -1 || rest[0] === "+") rest = rest.slice(1);

  const decimalAt = rest.indexOf(symbols.decimal);
  const integerText = decimalAt < 0 ? rest : rest.slice(0, decimalAt);
  const fraction = decimalAt < 0 ? "" : rest.slice(decimalAt + symbols.decimal.length);
  if (!isDigits(fraction)) return invalid(locale);
  if (integerText === "" && fraction === "") return invalid(locale);

  let integer = integerText;
  if (!isDigits(integerText)) {
    const pieces = [...integerText].reduce<string[]>(
      (acc, c) => {
        if (symbols.groups.has(c)) acc.push("");
        else acc[acc.length - 1] += c;
        return acc;
      },
      [""],
    );
    if (!validGrouping(pieces, symbols.groupSizes)) return invalid(locale);
    integer = pieces.join("");
  }

  const value = sign * Number(`${integer === "" ? "0" : integer}.${fraction === "" ? "0" : fraction}`);
  if (!Number.isFinite(value)) return { ok: false, message: planMessages.numberTooLarge };
  // -0 would show as "-0" and compare unequal in audit text.
  return { ok: true, value: value === 0 ? 0 : value };
}

/** The value with exactly `decimals` decimals (0-20), grouped as the locale does; null is "". */
export function formatNumber(value: number | null, locale: string, decimals: number): string {
  if (value === null || !Number.isFinite(value)) return "";
  const places = Math.min(MAX_DECIMALS, Math.max(0, Math.trunc(decimals) || 0));
  const format = formatter(locale, places);
  // Values that round to zero would otherwise print as "-0".
  const shown = Math.abs(value) < 0.5 * 10 ** -places ? 0 : value;
  const custom = symbolsFor(locale).custom;
  if (custom === null) return format.format(shown);
  return format
    .formatToParts(shown)
    .map((part) => (part.type === "decimal" ? custom.decimal : part.type === "group" ? custom.group : part.value))
    .join("");
}

/**
 * At least `decimals` places, more where the value has more: for showing values as someone typed them
 * (a returned file, a snapshot), so a change in a decimal the plan would round away stays visible.
 */
export function formatUnrounded(value: number | null, locale: string, decimals: number): string {
  return value === null ? "" : formatNumber(value, locale, Math.max(decimals, decimalPlaces(value)));
}

/** Decimals in the shortest form of the number, which is what the user typed: 12.50 -> 1. */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const [mantissa, exponent] = String(Math.abs(value)).split("e");
  const fractionDigits = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fractionDigits - Number(exponent ?? 0));
}
