/**
 * Text on the clipboard as Excel and other spreadsheets put a copied range there, and back. Used by
 * the task pane (pasting targets) and the workbench (pasting into its grid).
 */

/**
 * Cells of text as Excel puts a copied range on the clipboard: rows end with a line break (CRLF or
 * LF), cells are separated by tabs, and a cell holding a tab, line break or quote is quoted with its
 * quotes doubled. A final line break does not start another row.
 */
export function parseClipboardRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const endCell = (): void => {
    row.push(cell);
    cell = "";
  };
  const endRow = (): void => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === "") {
      const close = quotedEnd(text, i);
      if (close !== undefined) {
        cell = text.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        continue;
      }
    }
    if (ch === "\t") {
      endCell();
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

/**
 * The index of the quote closing a quoted cell that opens at `open`, if the cell really is quoted (the
 * closing quote is followed by a tab, a line break or the end); otherwise the quote is plain text.
 */
function quotedEnd(text: string, open: number): number | undefined {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      const next = text[i + 1];
      return next === undefined || next === "\t" || next === "\n" || next === "\r" ? i : undefined;
    }
    i++;
  }
  return undefined;
}

/** Cells as clipboard text, quoting those that need it; the inverse of `parseClipboardRows`. */
export function toClipboard(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string): string => (/[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((cells) => cells.map(quote).join("\t")).join("\r\n");
}
