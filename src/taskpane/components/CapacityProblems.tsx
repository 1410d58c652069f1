import * as React from "react";
import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { TerritoryProblem } from "../../core/territory/messages";
import { capacityPaneMessages } from "../../core/territory/messages";

export interface CapacityProblemsProps {
  problems: readonly TerritoryProblem[];
  /** Selects the sheet row a problem names (the table starts at A1, so it is the table's row too). */
  onGoTo(row: number): void;
  /** The title for this many bad rows; the capacity table's by default. */
  title?: (rows: number) => string;
}

/** A long list would push the figures off the pane; the rest are counted. */
const SHOWN = 5;

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/**
 * An optional plan table's bad rows (the capacity table's, or last year's values), each message
 * naming its sheet row and the fix; nothing when there are none.
 */
export function CapacityProblems({
  problems,
  onGoTo,
  title = capacityPaneMessages.problems,
}: CapacityProblemsProps): React.JSX.Element | null {
  const styles = useStyles();
  if (problems.length === 0) return null;
  const rows = new Set(problems.map((problem) => problem.row)).size;
  const hidden = problems.length - SHOWN;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title(rows)}</MessageBarTitle>
        <ul className={styles.list}>
          {problems.slice(0, SHOWN).map((problem, i) => (
            <li key={i}>
              {problem.message}{" "}
              <Link as="button" onClick={() => onGoTo(problem.row)}>{`Go to row ${problem.row}`}</Link>
            </li>
          ))}
          {hidden > 0 ? <li>{capacityPaneMessages.more(hidden)}</li> : null}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
