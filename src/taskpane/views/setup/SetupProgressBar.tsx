import * as React from "react";
import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";

export interface SetupProgressBarProps {
  /** Steps written so far and in all; total 0 while the setup is still reading the workbook. */
  done: number;
  total: number;
  onCancel: () => void;
}

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1 },
});

/** How far a setup has written, with a way to stop it between steps. */
export function SetupProgressBar({ done, total, onCancel }: SetupProgressBarProps): React.JSX.Element {
  const styles = useStyles();
  const label = total === 0 ? "Preparing the setup…" : `Writing the plan: step ${done} of ${total}`;
  return (
    <div className={styles.root}>
      <Field label={label} className={styles.bar} validationState="none">
        <ProgressBar value={total === 0 ? undefined : done / total} aria-label={label} />
      </Field>
      <Button onClick={onCancel}>Cancel setup</Button>
    </div>
  );
}
