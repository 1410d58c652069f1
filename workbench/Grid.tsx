import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { MAX_ROWS, cellAddress, columnLetters, type CellRange } from "../src/core/a1";
import type { MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import type { FormulaEngine } from "./engine";
import { displayCell } from "./format";
import { contains, type CellPosition } from "./selection";

/** What a pointer is on: a cell, a row header or a column header. */
export type PointerTarget =
  | { readonly kind: "cell"; readonly row: number; readonly col: number }
  | { readonly kind: "row"; readonly row: number }
  | { readonly kind: "column"; readonly col: number };

export interface GridProps {
  workbook: MemoryWorkbook;
  engine: FormulaEngine;
  sheet: string;
  /** Changes whenever the workbook or its computed values do. */
  version: number;
  /** Changes when cells or computed values do, not with the selection alone. */
  contentVersion: number;
  /** The selection, when it is on this sheet. */
  selection: CellRange | null;
  active: CellPosition;
  /** Brought into view each time a new range is passed. */
  reveal: CellRange | null;
  /** The in-cell editor, drawn over the active cell while editing there. */
  editor: React.ReactNode;
  onPointerDown(target: PointerTarget, extend: boolean): void;
  /** The pointer moved onto `target` with the button held down. */
  onPointerDrag(target: PointerTarget): void;
  onDoubleClick(): void;
  onKeyDown: React.KeyboardEventHandler<HTMLDivElement>;
  onPaste: React.ClipboardEventHandler<HTMLDivElement>;
  onCopy: React.ClipboardEventHandler<HTMLDivElement>;
}

/** Fixed, so a row's position is its index times this and only the rows on screen are drawn. */
export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 56;
const MIN_WIDTH = 64;
const MAX_WIDTH = 320;
const CHAR_WIDTH = 7.5;
/** Rows looked at to size the columns: enough to see the widest names of a report's first screens. */
const SIZING_ROWS = 400;
const OVERSCAN = 10;
const SPARE_ROWS = 50;
const SPARE_COLUMNS = 4;
const MIN_ROWS = 100;
const MIN_COLUMNS = 12;

const useStyles = makeStyles({
  viewport: {
    position: "relative",
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    // The active cell's border shows where the keyboard is; a ring round the whole grid adds nothing.
    outlineStyle: "none",
    cursor: "cell",
    userSelect: "none",
  },
  canvas: { position: "relative" },
  row: { display: "flex", height: `${ROW_HEIGHT}px` },
  header: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    display: "flex",
    height: `${HEADER_HEIGHT}px`,
  },
  corner: {
    position: "sticky",
    left: 0,
    zIndex: 3,
  },
  headerCell: {
    boxSizing: "border-box",
    flexShrink: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    cursor: "default",
  },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    width: `${ROW_HEADER_WIDTH}px`,
  },
  headerSelected: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  cell: {
    boxSizing: "border-box",
    flexShrink: 0,
    paddingInline: "4px",
    lineHeight: `${ROW_HEIGHT - 1}px`,
    whiteSpace: "pre",
    overflow: "hidden",
    textOverflow: "ellipsis",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground1,
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  active: {
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
  },
  error: { color: tokens.colorPaletteRedForeground1, cursor: "help" },
  editor: {
    position: "absolute",
    zIndex: 4,
    boxSizing: "border-box",
    height: `${ROW_HEIGHT}px`,
  },
});

function usedExtent(workbook: MemoryWorkbook, sheet: string): { rows: number; cols: number } {
  const used = workbook.usedRange(sheet);
  return used === null ? { rows: 0, cols: 0 } : { rows: used.row + used.rowCount, cols: used.col + used.colCount };
}

/** Column widths from the text of the first rows, so names and numbers fit without ellipses. */
function columnWidths(
  workbook: MemoryWorkbook,
  engine: FormulaEngine,
  sheet: string,
  cols: number,
  rows: number,
): number[] {
  const widths: number[] = [];
  for (let col = 0; col < cols; col++) {
    let chars = 0;
    for (let row = 0; row < Math.min(rows, SIZING_ROWS); row++) {
      const value = workbook.value(sheet, row, col);
      if (value === null) continue;
      const error = engine.errorMessage(sheet, row, col) !== undefined;
      chars = Math.max(chars, displayCell(value, workbook.numberFormat(sheet, row, col), error).text.length);
    }
    widths.push(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(chars * CHAR_WIDTH) + 12)));
  }
  return widths;
}

function targetOf(element: EventTarget | null): PointerTarget | null {
  const at = element instanceof Element ? element.closest<HTMLElement>("[data-row], [data-col]") : null;
  if (at === null) return null;
  const row = at.dataset.row === undefined ? null : Number(at.dataset.row);
  const col = at.dataset.col === undefined ? null : Number(at.dataset.col);
  if (row !== null && col !== null) return { kind: "cell", row, col };
  if (row !== null) return { kind: "row", row };
  return col === null ? null : { kind: "column", col };
}

/**
 * The cells of one sheet. Only the rows in view (and a few beyond) are in the DOM; every column of
 * the used range is, since sheets here are narrow. Each cell carries its address (`data-address`)
 * and, for an error, the error's message as its tooltip.
 */
export const Grid = React.forwardRef<HTMLDivElement, GridProps>(function Grid(props, ref) {
  const { workbook, engine, sheet, version, contentVersion, selection, active, reveal, editor } = props;
  const styles = useStyles();
  const viewport = React.useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = React.useState(0);
  const [height, setHeight] = React.useState(600);
  const dragging = React.useRef(false);

  // Finding the used range walks every cell of the sheet: done when cells change, not on every move.
  const extent = React.useMemo(
    () => usedExtent(workbook, sheet),
    // contentVersion stands for the cells, which React can't see change.
    [workbook, sheet, contentVersion],
  );
  // Room below a selection made by "go to"; whole columns don't count, or the sheet would never end.
  const selectionEnd = selection === null || selection.rowCount === MAX_ROWS ? 0 : selection.row + selection.rowCount;
  const rowCount = Math.max(MIN_ROWS, extent.rows + SPARE_ROWS, Math.max(active.row, selectionEnd) + SPARE_ROWS);
  const colCount = Math.max(MIN_COLUMNS, extent.cols + SPARE_COLUMNS, active.col + SPARE_COLUMNS);
  const engineKind = engine.state.kind;
  const widths = React.useMemo(
    () => columnWidths(workbook, engine, sheet, colCount, extent.rows),
    // Sized when the sheet, its extent or the engine's state changes; not while typing.
    [workbook, engine, sheet, colCount, extent.rows, engineKind],
  );
  const lefts = React.useMemo(() => {
    const positions = [ROW_HEADER_WIDTH];
    for (const width of widths) positions.push(positions[positions.length - 1] + width);
    return positions;
  }, [widths]);
  const totalWidth = lefts[lefts.length - 1];

  const setViewport = React.useCallback(
    (element: HTMLDivElement | null) => {
      viewport.current = element;
      if (typeof ref === "function") ref(element);
      else if (ref !== null) ref.current = element;
    },
    [ref],
  );

  React.useEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  React.useEffect(() => {
    const stop = (): void => {
      dragging.current = false;
    };
    window.addEventListener("mouseup", stop);
    return () => window.removeEventListener("mouseup", stop);
  }, []);

  // Brings the revealed range's top-left cell into view, as Excel does after a "go to".
  React.useLayoutEffect(() => {
    const element = viewport.current;
    if (element === null || reveal === null) return;
    const top = HEADER_HEIGHT + reveal.row * ROW_HEIGHT;
    const bodyHeight = element.clientHeight - HEADER_HEIGHT;
    if (reveal.row * ROW_HEIGHT < element.scrollTop) element.scrollTop = reveal.row * ROW_HEIGHT;
    else if (top + ROW_HEIGHT > element.scrollTop + HEADER_HEIGHT + bodyHeight)
      element.scrollTop = top + ROW_HEIGHT - HEADER_HEIGHT - bodyHeight;
    const col = Math.min(reveal.col, widths.length - 1);
    const left = lefts[col] - ROW_HEADER_WIDTH;
    const right = lefts[col + 1];
    if (left < element.scrollLeft) element.scrollLeft = left;
    else if (right > element.scrollLeft + element.clientWidth) element.scrollLeft = right - element.clientWidth;
    setScrollTop(element.scrollTop);
    // Only a new range to reveal scrolls; the layout it depends on is current when it arrives.
  }, [reveal]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rules = workbook.conditionalFormats(sheet).filter((rule) => rule.tolerance !== undefined);

  const rowSelected = (row: number): boolean =>
    selection !== null && row >= selection.row && row < selection.row + selection.rowCount;
  const colSelected = (col: number): boolean =>
    selection !== null && col >= selection.col && col < selection.col + selection.colCount;

  function renderCell(row: number, col: number): React.JSX.Element {
    const value = workbook.value(sheet, row, col);
    const message = value === null ? undefined : engine.errorMessage(sheet, row, col);
    const shown = displayCell(value, workbook.numberFormat(sheet, row, col), message !== undefined);
    const isSelected = selection !== null && contains(selection, { row, col });
    const isActive = active.row === row && active.col === col && selection !== null;
    let flagged: React.CSSProperties | undefined;
    if (typeof value === "number") {
      const rule = rules.find(
        (candidate) => contains(candidate.range, { row, col }) && Math.abs(value) > (candidate.tolerance ?? Infinity),
      );
      if (rule !== undefined) flagged = { backgroundColor: rule.fill, color: rule.fontColor };
    }
    return (
      <div
        key={col}
        role="gridcell"
        aria-colindex={col + 2}
        aria-selected={isSelected}
        data-row={row}
        data-col={col}
        data-address={cellAddress(row, col)}
        title={message}
        className={mergeClasses(
          styles.cell,
          isSelected && styles.selected,
          isActive && styles.active,
          message !== undefined && styles.error,
        )}
        style={{ width: widths[col], textAlign: shown.align, ...flagged }}
      >
        {shown.text}
      </div>
    );
  }

  const rows: React.JSX.Element[] = [];
  for (let row = first; row < last; row++) {
    rows.push(
      <div key={row} role="row" aria-rowindex={row + 2} className={styles.row} style={{ width: totalWidth }}>
        <div
          role="rowheader"
          data-row={row}
          className={mergeClasses(styles.headerCell, styles.rowHeader, rowSelected(row) && styles.headerSelected)}
        >
          {row + 1}
        </div>
        {widths.map((_, col) => renderCell(row, col))}
      </div>,
    );
  }

  const editorBox: React.CSSProperties = {
    top: HEADER_HEIGHT + active.row * ROW_HEIGHT,
    left: lefts[Math.min(active.col, widths.length - 1)],
    minWidth: widths[Math.min(active.col, widths.length - 1)],
  };

  return (
    <div
      ref={setViewport}
      role="grid"
      aria-label={`Sheet ${sheet}`}
      aria-rowcount={rowCount + 1}
      aria-colcount={colCount + 1}
      aria-multiselectable
      data-version={version}
      tabIndex={0}
      className={styles.viewport}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onMouseDown={(event) => {
        const target = targetOf(event.target);
        if (target === null || event.button !== 0) return;
        dragging.current = true;
        props.onPointerDown(target, event.shiftKey);
      }}
      onMouseOver={(event) => {
        if (!dragging.current) return;
        const target = targetOf(event.target);
        if (target !== null) props.onPointerDrag(target);
      }}
      onDoubleClick={(event) => {
        if (targetOf(event.target)?.kind === "cell") props.onDoubleClick();
      }}
      onKeyDown={props.onKeyDown}
      onPaste={props.onPaste}
      onCopy={props.onCopy}
    >
      <div className={styles.canvas} style={{ width: totalWidth, height: HEADER_HEIGHT + rowCount * ROW_HEIGHT }}>
        <div role="row" aria-rowindex={1} className={styles.header} style={{ width: totalWidth }}>
          <div className={mergeClasses(styles.headerCell, styles.rowHeader, styles.corner)} />
          {widths.map((width, col) => (
            <div
              key={col}
              role="columnheader"
              data-col={col}
              className={mergeClasses(styles.headerCell, colSelected(col) && styles.headerSelected)}
              style={{ width }}
            >
              {columnLetters(col)}
            </div>
          ))}
        </div>
        <div style={{ height: first * ROW_HEIGHT }} />
        {rows}
        {editor !== null ? (
          <div className={styles.editor} style={editorBox}>
            {editor}
          </div>
        ) : null}
      </div>
    </div>
  );
});
