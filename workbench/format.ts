/**
 * How the grid shows a cell: its value in its number format, as Excel (en-US) would. Covers the
 * formats the plan uses ("General", "0", "#,##0", "#,##0.00", "0.0%", "@") and others built the same
 * way (digits after the point, thousands separator, percent).
 */
import type { CellValue } from "../src/workbook/memory/MemoryWorkbook";

export type Alignment = "start" | "end" | "center";

export interface CellDisplay {
  readonly text: string;
  readonly align: Alignment;
}

const GENERAL_DIGITS = 10;
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, grouping: boolean): Intl.NumberFormat {
  const key = `${decimals}:${grouping}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: grouping,
    });
    formatters.set(key, format);
  }
  return format;
}

/** A number in a format such as "#,##0.00" or "0.0%". */
export function formatNumberAs(value: number, numberFormat: string): string {
  const format = numberFormat.trim();
  if (format === "" || format.toLowerCase() === "general" || format === "@") {
    // General shows up to ten significant digits, without trailing zeros.
    return String(Number(value.toPrecision(GENERAL_DIGITS)));
  }
  const section = format.split(";")[0];
  const percent = section.includes("%");
  const decimals = /\.(0+)/.exec(section)?.[1].length ?? 0;
  const text = formatter(decimals, section.includes(",")).format(percent ? value * 100 : value);
  // Rounded to nothing, a negative number would show as "-0".
  const shown = /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  return percent ? `${shown}%` : shown;
}

/** The cell's text and alignment: numbers right, text left, booleans and errors centred. */
export function displayCell(value: CellValue | null, numberFormat: string, isError: boolean): CellDisplay {
  if (value === null) return { text: "", align: "start" };
  if (isError) return { text: String(value), align: "center" };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", align: "center" };
  if (typeof value === "number") return { text: formatNumberAs(value, numberFormat), align: "end" };
  return { text: value, align: "start" };
}
