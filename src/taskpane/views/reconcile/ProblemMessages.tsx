import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens, type MessageBarIntent } from "@fluentui/react-components";
import { reconcilePaneMessages } from "../../../core/messages";
import type { ProblemSeverity, ReconcileProblem } from "../../../core/reconcile/targets";

export interface ProblemMessagesProps {
  problems: readonly ReconcileProblem[];
}

/** A long paste can find a problem on every row; the first ones say what to fix. */
const SHOWN = 8;

const INTENTS: Readonly<Record<ProblemSeverity, MessageBarIntent>> = {
  error: "error",
  skipped: "warning",
  warning: "info",
};

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** What a preview found: errors first (nothing can be applied), then rows left out, then notes. */
export function ProblemMessages({ problems }: ProblemMessagesProps): React.JSX.Element | null {
  const styles = useStyles();
  if (problems.length === 0) return null;
  const order: ProblemSeverity[] = ["error", "skipped", "warning"];
  const sorted = [...problems].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const hidden = sorted.length - SHOWN;
  return (
    <div className={styles.list} role="group" aria-label="Problems">
      {sorted.slice(0, SHOWN).map((problem, i) => (
        <MessageBar key={i} intent={INTENTS[problem.severity]}>
          <MessageBarBody>{problem.message}</MessageBarBody>
        </MessageBar>
      ))}
      {hidden > 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{reconcilePaneMessages.moreProblems(hidden)}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
