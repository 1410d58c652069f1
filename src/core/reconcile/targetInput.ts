/**
 * Top-down targets typed or pasted at any level, per period, validated like any input (the user's
 * locale, no negatives unless the plan allows them, at most the plan's decimals: see entryRules).
 */
import { idKey } from "../cell";
import { parseClipboardRows } from "../clipboard";
import { reconcileMessages as messages } from "../messages";
import { validateValue } from "../plan/entryRules";
import type { NodeView, PlanView } from "../plan/planView";
import type { Plan } from "../plan/types";
import type { TopDownChange } from "../plan/types";
import {
  canApply,
  changedRow,
  StoredTargets,
  targetCell,
  viewsByKey,
  type PreviewRow,
  type ReconcileProblem,
  type TargetCell,
  type TopDownPreview,
} from "./targets";
import { columnDecimals, columnSettings, valueColumns } from "../plan/measures";

/** One node's targets as the user gave them. */
export interface TargetInputRow {
  /** As typed or pasted; matched as ids are (surrounding spaces, letter case). */
  readonly id: string;
  /**
   * Index-aligned with the plan's periods: the text as typed; "" (blank) clears the period's target,
   * undefined (or past the end) leaves it as it is.
   */
  readonly cells: readonly (string | undefined)[];
  /** 1-based line of a pasted block, for messages; omitted for a form. */
  readonly row?: number;
}

/**
 * The preview of writing `rows` as top-down targets. A row with a problem (unknown or blank id, a
 * value that is not a number in `locale`, negative where the plan forbids it, too many decimals, the
 * same node on an earlier row) is left out whole, so no node gets half its periods, and the problem
 * (severity "skipped") names its row, id and period; the other rows can still be applied. `after` of
 * a cleared period is null: the node then has no target of its own (a cascaded share may reach it).
 */
export function topDownInput(
  plan: Plan,
  view: PlanView,
  rows: readonly TargetInputRow[],
  locale: string,
  note: string = messages.enteredNote,
): TopDownPreview {
  const { settings } = plan;
  const byKey = viewsByKey(view);
  const stored = new StoredTargets(plan);
  const firstRow = new Map<string, number>();
  const problems: ReconcileProblem[] = [];
  const preview: PreviewRow[] = [];
  const changes: TopDownChange[] = [];

  rows.forEach((input, index) => {
    const line = input.row ?? index + 1;
    const id = input.id.trim();
    const key = idKey(id);
    const node = key === undefined ? undefined : byKey.get(key);
    const skip = (problem: Omit<ReconcileProblem, "severity" | "row">): void => {
      problems.push({ ...problem, severity: "skipped", row: input.row });
    };
    if (key === undefined) {
      skip({ kind: "unknownNode", message: messages.noId(line) });
      return;
    }
    const where = messages.inRow(input.row, node?.id ?? id);
    if (node === undefined) {
      skip({ kind: "unknownNode", id, message: messages.unknownId(where, id) });
      return;
    }
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      skip({
        kind: "duplicateRow",
        id: node.id,
        message: messages.duplicateRow(line, node.id, earlier),
      });
      return;
    }
    firstRow.set(key, line);

    const given = valueCount(input.cells);
    if (given > valueColumns(settings).length) {
      skip({
        kind: "tooManyValues",
        id: node.id,
        message: messages.tooManyValues(where, given, valueColumns(settings).length),
      });
      return;
    }
    const updates = new Map<number, number | null>();
    let ok = true;
    valueColumns(settings).forEach((period, c) => {
      const text = input.cells[c];
      if (text === undefined) return;
      const parsed = validateValue(text, columnSettings(settings, columnDecimals(settings, c)), locale);
      if (parsed.ok) {
        updates.set(c, parsed.value);
        return;
      }
      ok = false;
      skip({
        kind: "badValue",
        id: node.id,
        period: c,
        message: messages.badValue(where, period, parsed.message),
      });
    });
    if (!ok) return;

    preview.push(inputRow(node, updates));
    const change = changedRow(node.id, stored.of(node.id), updates);
    if (change !== undefined) changes.push(change);
  });

  if (rows.length === 0) problems.push({ kind: "noValues", severity: "error", message: messages.noValues });
  return { rows: preview, changes, problems, note, canApply: canApply(changes, problems) };
}

/** Cells up to the last one that is not blank (a copied range often has blank columns at its end). */
function valueCount(cells: readonly (string | undefined)[]): number {
  for (let c = cells.length - 1; c >= 0; c--) {
    const cell = cells[c];
    if (cell !== undefined && cell.trim() !== "") return c + 1;
  }
  return 0;
}

function inputRow(node: NodeView, updates: ReadonlyMap<number, number | null>): PreviewRow {
  return {
    id: node.id,
    name: node.node.name,
    held: false,
    cells: node.periods.map((figures, c): TargetCell =>
      targetCell(figures.topDown, updates.has(c) ? (updates.get(c) as number | null) : figures.topDown),
    ),
  };
}

/**
 * The preview of a block pasted from Excel (or any tab-separated text): each row an id followed by
 * values. If the first row is a header (its first cell is not a node's id and some other cell is one
 * of the plan's period labels), columns are matched to periods by their labels and other columns
 * (a name, a total) are ignored; without one, the values are the periods in order. Blank rows are
 * skipped; rows are numbered as pasted, from 1. A blank cell clears that period's target, as pasting
 * a blank cell in Excel does.
 */
export function parsePastedTargets(plan: Plan, view: PlanView, text: string, locale: string): TopDownPreview {
  const lines = parseClipboardRows(text);
  const labels = new Map(valueColumns(plan.settings).map((label, c) => [label.trim().toLowerCase(), c]));
  const byKey = viewsByKey(view);
  const first = lines.findIndex((cells) => cells.some((cell) => cell.trim() !== ""));
  const header =
    first >= 0 &&
    !byKey.has(idKey(lines[first][0]) ?? "") &&
    lines[first].slice(1).some((cell) => labels.has(cell.trim().toLowerCase()))
      ? lines[first]
      : undefined;
  // Value column (after the id) -> period index, or undefined where a header column is not a period.
  const periodOf = (column: number): number | undefined =>
    header === undefined ? column : labels.get((header[column + 1] ?? "").trim().toLowerCase());

  const rows: TargetInputRow[] = [];
  lines.forEach((cells, index) => {
    if ((header !== undefined && index === first) || cells.every((cell) => cell.trim() === "")) return;
    const values: (string | undefined)[] = [];
    cells.slice(1).forEach((cell, column) => {
      const period = periodOf(column);
      if (period !== undefined) values[period] = cell;
    });
    rows.push({ id: cells[0], cells: values, row: index + 1 });
  });
  return topDownInput(plan, view, rows, locale, messages.pastedNote);
}
