import { formatNumber } from "../../../core/plan/numbers";

/** How the reconcile and progress views write numbers: in the user's locale, "—" where there is none. */
export interface NumberFormat {
  readonly locale: string;
  readonly decimals: number;
  /** Decimals per value column (each its measure's, measures.ts); absent: `decimals` for all. */
  readonly columns?: readonly number[];
}

/** The format of value column `c`: its measure's decimals. */
export function inColumn(format: NumberFormat, c: number): NumberFormat {
  const decimals = format.columns?.[c] ?? format.decimals;
  return decimals === format.decimals ? format : { ...format, decimals };
}

export function amount(value: number | null, format: NumberFormat): string {
  return value === null ? "—" : formatNumber(value, format.locale, format.decimals) || "—";
}

/** A difference, with its sign: "+50", "-30", "0". */
export function signed(value: number | null, format: NumberFormat): string {
  const text = amount(value, format);
  return value !== null && value > 0 && text !== formatNumber(0, format.locale, format.decimals) ? `+${text}` : text;
}

/** A fraction as a percentage with one decimal: 0.123 -> "12.3 %"; `withSign` adds "+" above zero. */
export function percent(fraction: number | null, locale: string, withSign = false): string {
  if (fraction === null) return "—";
  const text = `${formatNumber(fraction * 100, locale, 1)} %`;
  return withSign && fraction > 0 ? `+${text}` : text;
}
