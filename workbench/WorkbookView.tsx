import * as React from "react";
import { Input, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  cellAddress,
  intersect,
  localAddress,
  parseAddress,
  type CellRange,
} from "../src/core/a1";
import { cellInputText, type CellValue, type MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import { ChartStrip } from "./ChartStrip";
import type { FormulaEngine } from "./engine";
import { displayCell } from "./format";
import { Grid, type PointerTarget } from "./Grid";
import {
  contains,
  moved,
  parseClipboard,
  rangeBetween,
  toClipboard,
  wholeColumns,
  wholeRows,
  type CellPosition,
} from "./selection";

export interface WorkbookViewProps {
  workbook: MemoryWorkbook;
  engine: FormulaEngine;
  /** Changes whenever the workbook or its computed values do. */
  version: number;
  /** Changes when cells or computed values do, not with the selection alone. */
  contentVersion: number;
}

/** A cell being typed into, in the cell itself or in the formula bar. */
interface Editing {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly text: string;
  /** What the cell held when editing began: committing it unchanged writes nothing. */
  readonly original: string;
  readonly place: "cell" | "bar";
}

/** Where the selection started (anchor) and where it ends (active), for the selection they made. */
interface Cursor {
  readonly selection: CellRange;
  readonly anchor: CellPosition;
  readonly active: CellPosition;
}

const PAGE_ROWS = 20;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: 0, flexGrow: 1 },
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  nameBox: { width: "9rem", flexShrink: 0 },
  fx: { color: tokens.colorNeutralForeground3, fontStyle: "italic", fontFamily: "serif" },
  formula: { flexGrow: 1 },
  tabs: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowX: "auto",
    flexShrink: 0,
  },
  cellEditor: {
    width: "100%",
    height: "100%",
    boxSizing: "border-box",
    border: `2px solid ${tokens.colorBrandStroke1}`,
    paddingInline: "3px",
    font: "inherit",
    outlineStyle: "none",
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

const topLeft = (range: CellRange): CellPosition => ({ row: range.row, col: range.col });

/**
 * The live workbook: a name box and formula bar, the charts and grid of the active sheet, and sheet tabs.
 * The workbook's selection is the one selection: clicks and keys set it, and so does the task pane
 * (selecting a node selects its row), which the grid then scrolls to.
 */
export function WorkbookView({ workbook, engine, version, contentVersion }: WorkbookViewProps): React.JSX.Element {
  const styles = useStyles();
  const gridRef = React.useRef<HTMLDivElement | null>(null);
  const barRef = React.useRef<HTMLInputElement | null>(null);
  const [cursor, setCursor] = React.useState<Cursor | null>(null);
  const [editing, setEditing] = React.useState<Editing | null>(null);
  // Read by handlers that run before a re-render: committing moves focus, and the blur that follows
  // must see that editing already ended.
  const editingNow = React.useRef<Editing | null>(null);
  const edit = (next: Editing | null): void => {
    editingNow.current = next;
    setEditing(next);
  };
  const [nameText, setNameText] = React.useState<string | null>(null);
  const lastSelection = React.useRef(new Map<string, CellRange>());

  const selection = workbook.selection();
  const sheet = selection.sheet;
  // A selection made elsewhere (the task pane, a "go to") starts at its top-left cell.
  const mine = cursor !== null && cursor.selection === selection;
  const anchor = mine ? cursor.anchor : topLeft(selection);
  const active = mine ? cursor.active : topLeft(selection);
  lastSelection.current.set(sheet.toLowerCase(), selection);

  const select = React.useCallback(
    (range: CellRange, nextAnchor: CellPosition, nextActive: CellPosition): void => {
      workbook.select(range);
      setCursor({ selection: workbook.selection(), anchor: nextAnchor, active: nextActive });
    },
    [workbook],
  );
  const selectCell = (position: CellPosition, onSheet = sheet): void =>
    select({ sheet: onSheet, ...position, rowCount: 1, colCount: 1 }, position, position);

  const focusGrid = (): void => gridRef.current?.focus({ preventScroll: true });

  function inputText(row: number, col: number): string {
    return cellInputText(workbook.cell(sheet, row, col));
  }

  function startEditing(text: string | null, place: Editing["place"]): void {
    const original = inputText(active.row, active.col);
    edit({ sheet, ...active, text: text ?? original, original, place });
  }

  /** Writes what was typed, as Excel does on Enter, then moves the active cell. */
  function commit(rows: number, cols: number): void {
    const current = editingNow.current;
    if (current === null) return;
    edit(null);
    if (current.text !== current.original) workbook.enter(current.sheet, current.row, current.col, current.text);
    if (current.sheet.toLowerCase() === sheet.toLowerCase()) selectCell(moved(current, rows, cols), current.sheet);
    focusGrid();
  }

  function cancel(): void {
    edit(null);
    focusGrid();
  }

  function editorKeys(event: React.KeyboardEvent<HTMLInputElement>): void {
    if (event.key === "Enter") {
      event.preventDefault();
      commit(event.shiftKey ? -1 : 1, 0);
    } else if (event.key === "Tab") {
      event.preventDefault();
      commit(0, event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancel();
    }
  }

  function editorBlur(event: React.FocusEvent<HTMLInputElement>): void {
    // Moving between the cell and the formula bar keeps editing; anywhere else commits, as in Excel.
    const next = event.relatedTarget;
    if (next !== null && (next === barRef.current || next.getAttribute("data-cell-editor") !== null)) return;
    commit(0, 0);
  }

  function pointerDown(target: PointerTarget, extend: boolean): void {
    commit(0, 0);
    if (target.kind === "cell") {
      const position = { row: target.row, col: target.col };
      if (extend) select(rangeBetween(sheet, anchor, position), anchor, position);
      else selectCell(position);
    } else if (target.kind === "row") {
      const from = extend ? anchor.row : target.row;
      select(wholeRows(sheet, from, target.row), { row: from, col: 0 }, { row: target.row, col: 0 });
    } else {
      const from = extend ? anchor.col : target.col;
      select(wholeColumns(sheet, from, target.col), { row: 0, col: from }, { row: 0, col: target.col });
    }
  }

  function pointerDrag(target: PointerTarget): void {
    if (target.kind === "cell") {
      const position = { row: target.row, col: target.col };
      if (selection.rowCount < MAX_ROWS && selection.colCount < MAX_COLUMNS)
        select(rangeBetween(sheet, anchor, position), anchor, position);
    } else if (target.kind === "row" && selection.colCount === MAX_COLUMNS) {
      select(wholeRows(sheet, anchor.row, target.row), anchor, { row: target.row, col: 0 });
    }
  }

  function gridKeys(event: React.KeyboardEvent<HTMLDivElement>): void {
    if (editing !== null || event.target !== event.currentTarget) return;
    const steps: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-PAGE_ROWS, 0],
      PageDown: [PAGE_ROWS, 0],
    };
    const step = steps[event.key];
    const command = event.ctrlKey || event.metaKey;
    if (step !== undefined) {
      event.preventDefault();
      const next = moved(active, step[0], step[1]);
      if (event.shiftKey) select(rangeBetween(sheet, anchor, next), anchor, next);
      else selectCell(next);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      const back = event.shiftKey ? -1 : 1;
      selectCell(event.key === "Enter" ? moved(active, back, 0) : moved(active, 0, back));
    } else if (event.key === "Home" && command) {
      event.preventDefault();
      selectCell({ row: 0, col: 0 });
    } else if (event.key === "F2") {
      event.preventDefault();
      startEditing(null, "cell");
    } else if (event.key === "Delete") {
      event.preventDefault();
      workbook.clear(selection, true);
    } else if (event.key === "Backspace") {
      event.preventDefault();
      startEditing("", "cell");
    } else if (event.key.length === 1 && !command && !event.altKey) {
      // The first key typed replaces the cell's content, as in Excel.
      event.preventDefault();
      startEditing(event.key, "cell");
    }
  }

  function paste(event: React.ClipboardEvent<HTMLDivElement>): void {
    if (editing !== null) return;
    const rows = parseClipboard(event.clipboardData.getData("text/plain"));
    if (rows.length === 0 || rows[0].length === 0) return;
    event.preventDefault();
    const start = topLeft(selection);
    const range: CellRange = { sheet, ...start, rowCount: rows.length, colCount: rows[0].length };
    workbook.write(range, rows);
    select(range, start, start);
  }

  function copy(event: React.ClipboardEvent<HTMLDivElement>): void {
    if (editing !== null) return;
    const used = workbook.usedRange(sheet);
    const cells = used === null ? null : intersect(selection, used);
    event.preventDefault();
    if (cells === null) {
      event.clipboardData.setData("text/plain", "");
      return;
    }
    const shown = workbook.values(cells).map((row, r) =>
      row.map((value: CellValue, c) => {
        const at = { row: cells.row + r, col: cells.col + c };
        const error = engine.errorMessage(sheet, at.row, at.col) !== undefined;
        return displayCell(value === "" ? null : value, workbook.numberFormat(sheet, at.row, at.col), error).text;
      }),
    );
    event.clipboardData.setData("text/plain", toClipboard(shown));
  }

  function goTo(text: string): boolean {
    const range = parseAddress(text.trim(), sheet);
    if (range === null || !workbook.hasSheet(range.sheet)) return false;
    const start = topLeft(range);
    select(range, start, start);
    return true;
  }

  function showSheet(name: string): void {
    commit(0, 0);
    const remembered = lastSelection.current.get(name.toLowerCase());
    const range = remembered ?? { sheet: name, row: 0, col: 0, rowCount: 1, colCount: 1 };
    select(range, topLeft(range), topLeft(range));
  }

  const editingHere =
    editing !== null && editing.sheet.toLowerCase() === sheet.toLowerCase() && contains(selection, editing);
  const barText = editing !== null ? editing.text : inputText(active.row, active.col);
  const onThisSheet = workbook.hasSheet(sheet) ? selection : null;
  // A new object only when the selection or its active cell moves: the grid scrolls to it then.
  const reveal = React.useMemo(
    (): CellRange => ({ sheet, row: active.row, col: active.col, rowCount: 1, colCount: 1 }),
    [selection, active.row, active.col],
  );

  const cellEditor =
    editing !== null && editing.place === "cell" && editingHere ? (
      <input
        autoFocus
        data-cell-editor=""
        aria-label={`Edit ${cellAddress(editing.row, editing.col)}`}
        className={styles.cellEditor}
        value={editing.text}
        onChange={(event) => edit({ ...editing, text: event.target.value })}
        onFocus={(event) => {
          const end = event.target.value.length;
          event.target.setSelectionRange(end, end);
        }}
        onKeyDown={editorKeys}
        onBlur={editorBlur}
      />
    ) : null;

  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Input
          className={styles.nameBox}
          aria-label="Name box"
          size="small"
          value={nameText ?? localAddress(selection)}
          onFocus={(event) => {
            setNameText(localAddress(selection));
            event.target.select();
          }}
          onChange={(_event, data) => setNameText(data.value)}
          onBlur={() => setNameText(null)}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              setNameText(null);
              focusGrid();
            } else if (event.key === "Enter" && nameText !== null && goTo(nameText)) {
              setNameText(null);
              focusGrid();
            }
          }}
        />
        <span className={styles.fx} aria-hidden>
          fx
        </span>
        <Input
          className={styles.formula}
          input={{ ref: barRef }}
          aria-label="Formula bar"
          size="small"
          value={barText}
          onFocus={() => {
            if (editing === null) startEditing(null, "bar");
            else if (editing.place === "cell") edit({ ...editing, place: "bar" });
          }}
          onChange={(_event, data) => {
            if (editing !== null) edit({ ...editing, text: data.value });
          }}
          onKeyDown={editorKeys}
          onBlur={editorBlur}
        />
      </div>
      <ChartStrip workbook={workbook} sheet={sheet} />
      <Grid
        ref={gridRef}
        workbook={workbook}
        engine={engine}
        sheet={sheet}
        version={version}
        contentVersion={contentVersion}
        selection={onThisSheet}
        active={active}
        reveal={reveal}
        editor={cellEditor}
        onPointerDown={pointerDown}
        onPointerDrag={pointerDrag}
        onDoubleClick={() => startEditing(null, "cell")}
        onKeyDown={gridKeys}
        onPaste={paste}
        onCopy={copy}
      />
      <TabList
        className={styles.tabs}
        aria-label="Sheets"
        size="small"
        selectedValue={sheet.toLowerCase()}
        onTabSelect={(_event, data) => showSheet(String(data.value))}
      >
        {workbook.sheetNames().map((name) => (
          <Tab key={name} value={name.toLowerCase()}>
            {name}
          </Tab>
        ))}
      </TabList>
    </div>
  );
}
