import { makeStyles } from "@fluentui/react-components";

/**
 * The pane's tables of numbers. Columns are as wide as their numbers: Fluent's fixed layout gives each
 * an equal share, and in a narrow pane the numbers then run into each other. A table wider than the
 * pane scrolls sideways inside `scroll` rather than pushing the pane wider.
 */
export const useNumberTableStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { tableLayout: "auto" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
});
