import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { mountTaskPane } from "../src/taskpane/mount";
import type { PlanWorkbook } from "../src/workbook/PlanWorkbook";

export interface TaskPaneHostProps {
  workbook: PlanWorkbook;
}

/** About the width a user drags Excel's task pane to when working in it. */
export const TASK_PANE_WIDTH = 400;

const useStyles = makeStyles({
  root: {
    width: `${TASK_PANE_WIDTH}px`,
    flexShrink: 0,
    height: "100vh",
    overflow: "hidden",
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
  },
});

/**
 * The add-in's task pane, mounted as the add-in mounts it (its own React root and Fluent provider),
 * over the workbench's workbook. A new workbook mounts a fresh pane.
 */
export function TaskPaneHost({ workbook }: TaskPaneHostProps): React.JSX.Element {
  const styles = useStyles();
  const element = React.useRef<HTMLElement | null>(null);
  React.useEffect(() => {
    if (element.current === null) return;
    const unmount = mountTaskPane(element.current, workbook);
    // Unmounted after this commit: a root can't be unmounted while another one is rendering.
    return () => queueMicrotask(unmount);
  }, [workbook]);
  return <aside ref={element} className={styles.root} aria-label="Groundup task pane" />;
}
