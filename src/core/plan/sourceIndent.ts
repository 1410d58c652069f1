/**
 * Names indented with Excel's Indent button carry the indent as a cell format, not as text, while
 * setup (setupSource.ts) reads indentation from leading whitespace. Both workbook implementations
 * read the cells' indent levels with their values and hand the core text indented by spaces.
 */

/** Spaces a text cell gains per indent level. */
export const INDENT_SPACES = 2;

/**
 * `rows` with each non-empty text cell prefixed by `INDENT_SPACES` spaces per level of its indent
 * (`levels` is shaped like `rows`; a missing level is 0). Other cells are unchanged.
 */
export function withIndents(
  rows: readonly (readonly unknown[])[],
  levels: readonly (readonly number[])[],
): unknown[][] {
  return rows.map((row, r) =>
    row.map((cell, c) => {
      const level = levels[r]?.[c] ?? 0;
      return typeof cell === "string" && cell !== "" && level > 0 ? " ".repeat(level * INDENT_SPACES) + cell : cell;
    }),
  );
}
