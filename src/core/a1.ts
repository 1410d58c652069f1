/**
 * A1 addresses, shared by the plan layout (formulas), the in-memory workbook and the Excel adapter.
 * Rows and columns are 0-based here; the text forms are Excel's 1-based "A1" notation.
 */

/** A rectangle of cells on one sheet. */
export interface CellRange {
  readonly sheet: string;
  /** 0-based */
  readonly row: number;
  /** 0-based */
  readonly col: number;
  readonly rowCount: number;
  readonly colCount: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** 0 -> "A", 25 -> "Z", 26 -> "AA" */
export function columnLetters(col: number): string {
  let letters = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** "A" -> 0, "AA" -> 26; -1 if not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A sheet name as it must appear in a formula. Always quoted: valid in Excel and HyperFormula for
 * every name, and it spares deciding which names ("A1", "2027", "My sheet") would need it.
 */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** "B3", or "$B$3" when absolute. */
export function cellAddress(row: number, col: number, absolute = false): string {
  const dollar = absolute ? "$" : "";
  return `${dollar}${columnLetters(col)}${dollar}${row + 1}`;
}

/** "B3:D9" (a single cell is just "B3"), without the sheet. */
export function localAddress(range: Omit<CellRange, "sheet">, absolute = false): string {
  const first = cellAddress(range.row, range.col, absolute);
  if (range.rowCount === 1 && range.colCount === 1) return first;
  return `${first}:${cellAddress(range.row + range.rowCount - 1, range.col + range.colCount - 1, absolute)}`;
}

/** "'GU Hierarchy'!$A$2:$A$101": absolute, with the sheet, for formulas on other sheets. */
export function sheetAddress(range: CellRange, absolute = true): string {
  return `${quoteSheet(range.sheet)}!${localAddress(range, absolute)}`;
}

/**
 * Parses "Sheet1!A1:C5", "'My sheet'!$B$2", "A1" (with `defaultSheet`), whole columns "A:C" and
 * whole rows "2:5", as Excel reports addresses. Returns null for anything else.
 */
export function parseAddress(address: string, defaultSheet = ""): CellRange | null {
  let sheet = defaultSheet;
  let local = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    const rawSheet = address.slice(0, bang);
    sheet = rawSheet.startsWith("'") && rawSheet.endsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
    local = address.slice(bang + 1);
  }
  const parts = local.replace(/\$/g, "").split(":");
  if (parts.length > 2) return null;
  const ends = parts.map(parseEnd);
  if (ends.some((end) => end === null)) return null;
  const [first, last] = [ends[0] as End, (ends[1] ?? ends[0]) as End];
  const row = first.row ?? 0;
  const col = first.col ?? 0;
  const lastRow = last.row ?? MAX_ROWS - 1;
  const lastCol = last.col ?? MAX_COLUMNS - 1;
  if (lastRow < row || lastCol < col) return null;
  return { sheet, row, col, rowCount: lastRow - row + 1, colCount: lastCol - col + 1 };
}

interface End {
  readonly row: number | null;
  readonly col: number | null;
}

function parseEnd(text: string): End | null {
  const match = /^([A-Za-z]{0,3})(\d{0,7})$/.exec(text);
  if (match === null || (match[1] === "" && match[2] === "")) return null;
  const col = match[1] === "" ? null : columnIndex(match[1]);
  const row = match[2] === "" ? null : Number(match[2]) - 1;
  if (row !== null && (row < 0 || row >= MAX_ROWS)) return null;
  if (col !== null && col >= MAX_COLUMNS) return null;
  return { row, col };
}

/** The cells two ranges on the same sheet share, or null. */
export function intersect(a: CellRange, b: CellRange): CellRange | null {
  if (a.sheet.toLowerCase() !== b.sheet.toLowerCase()) return null;
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const lastRow = Math.min(a.row + a.rowCount, b.row + b.rowCount) - 1;
  const lastCol = Math.min(a.col + a.colCount, b.col + b.colCount) - 1;
  if (lastRow < row || lastCol < col) return null;
  return { sheet: a.sheet, row, col, rowCount: lastRow - row + 1, colCount: lastCol - col + 1 };
}
