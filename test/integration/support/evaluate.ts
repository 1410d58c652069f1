/**
 * Evaluates a `MemoryWorkbook` in HyperFormula with the BU plugin, as Excel 365 would compute it:
 * every sheet, dynamic arrays (array arithmetic on, as in the workbench's engine), and the host
 * mode of the workbook deciding how empty cells reach the BU functions. The results are stored back
 * into the workbook (`setComputed`), where readers of values find them, as the workbench does.
 */
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import { MAX_COLUMNS, MAX_ROWS, type CellRange } from "../../../src/core/a1";
import { EXCEL_NAMES, buConfig, registerBuFunctions } from "../../../src/hyperformula/buPlugin";
import type { Cell, CellValue, MemoryWorkbook } from "../../../src/workbook/memory/MemoryWorkbook";

function content(cell: Cell | undefined): RawCellContent {
  if (cell === undefined) return null;
  if (cell.formula !== undefined) return cell.formula;
  return typeof cell.value === "string" ? `'${cell.value}` : cell.value;
}

/** A computed cell as a reader sees it: errors as their code ("#N/A"), blanks as null. */
export type Shown = CellValue | null;

export interface Evaluated {
  readonly hf: HyperFormula;
  /** Values of a range as computed, errors as their code. */
  read(range: CellRange): Shown[][];
  /** The message of an error cell (what Excel shows on hover), or undefined. */
  message(sheet: string, row: number, col: number): string | undefined;
}

export function evaluateWorkbook(workbook: MemoryWorkbook): Evaluated {
  registerBuFunctions();
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const name of workbook.sheetNames()) {
    const used = workbook.usedRange(name);
    const rows: RawCellContent[][] = [];
    if (used !== null) {
      for (let row = 0; row < used.row + used.rowCount; row++) {
        const cells: RawCellContent[] = [];
        for (let col = 0; col < used.col + used.colCount; col++) cells.push(content(workbook.cell(name, row, col)));
        rows.push(cells);
      }
    }
    sheets[name] = rows;
  }
  const hf = HyperFormula.buildFromSheets(
    sheets,
    {
      licenseKey: "gpl-v3",
      maxRows: MAX_ROWS,
      maxColumns: MAX_COLUMNS,
      useArrayArithmetic: true,
      // As the workbench: MATCH over ranges by index, not row by row.
      useColumnIndex: true,
      ...buConfig(workbook.hostMode),
    },
    [...EXCEL_NAMES],
  );
  const shown = (value: unknown): Shown =>
    value instanceof DetailedCellError ? value.value : value === "" || value === undefined ? null : (value as Shown);
  for (const name of workbook.sheetNames()) {
    const id = hf.getSheetId(name) as number;
    const { width, height } = hf.getSheetDimensions(id);
    if (width === 0 || height === 0) continue;
    const values = hf.getRangeValues({
      start: { sheet: id, row: 0, col: 0 },
      end: { sheet: id, row: height - 1, col: width - 1 },
    });
    workbook.setComputed(
      name,
      0,
      0,
      values.map((row) => row.map((value) => shown(value))),
    );
  }
  return {
    hf,
    read(range) {
      const id = hf.getSheetId(range.sheet);
      if (id === undefined) throw new Error(`no sheet ${range.sheet}`);
      return hf
        .getRangeValues({
          start: { sheet: id, row: range.row, col: range.col },
          end: { sheet: id, row: range.row + range.rowCount - 1, col: range.col + range.colCount - 1 },
        })
        .map((row) => row.map(shown));
    },
    message(sheet, row, col) {
      const value = hf.getCellValue({ sheet: hf.getSheetId(sheet) as number, row, col });
      return value instanceof DetailedCellError ? value.message : undefined;
    },
  };
}
