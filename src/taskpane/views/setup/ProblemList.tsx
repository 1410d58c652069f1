import * as React from "react";
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { messages } from "../../../core/messages";
import type { SetupProblem } from "../../../core/plan/setupSource";

export interface ProblemListProps {
  problems: readonly SetupProblem[];
  onGoTo(problem: SetupProblem): void;
}

/** Enough to fix the first ones; a source with thousands of problems is usually the wrong columns. */
const SHOWN = 50;

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/** Every problem with its row and a link that selects that row in the sheet. */
export function ProblemList({ problems, onGoTo }: ProblemListProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <div role="region" aria-label="Problems">
      <Text weight="semibold">{`${problems.length} problem${problems.length === 1 ? "" : "s"} to fix in the source`}</Text>
      <ul className={styles.list}>
        {problems.slice(0, SHOWN).map((problem, index) => (
          <li key={`${problem.sourceIndex}-${index}`}>
            <Text className={styles.problem}>{problem.message}</Text>{" "}
            <Link as="button" onClick={() => onGoTo(problem)}>{`Go to row ${problem.row}`}</Link>
          </li>
        ))}
      </ul>
      {problems.length > SHOWN ? <Text>{messages.moreProblems(problems.length - SHOWN)}</Text> : null}
    </div>
  );
}
