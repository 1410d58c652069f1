import * as React from "react";
import { Button, Spinner, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { EngineState } from "./engine";
import { WorkbenchSession, describeSource, type WorkbookSource } from "./session";
import { TaskPaneHost } from "./TaskPaneHost";
import { WorkbookView } from "./WorkbookView";

export interface WorkbenchProps {
  /** What to open first (from the page's URL). */
  initial: WorkbookSource;
}

const useStyles = makeStyles({
  root: { display: "flex", height: "100vh", overflow: "hidden", backgroundColor: tokens.colorNeutralBackground1 },
  workbook: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  toolbar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  grow: { flexGrow: 1 },
  status: { color: tokens.colorNeutralForeground2 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  loading: { margin: "auto" },
});

function engineText(state: EngineState): string {
  switch (state.kind) {
    case "waiting":
      return "Formulas: starting…";
    case "calculating":
      return "Formulas: calculating…";
    case "ready":
      return "Formulas: up to date";
    case "failed":
      return `Formula engine stopped: ${state.message}`;
  }
}

/**
 * The workbench page: the live workbook on the left, the add-in's task pane on the right, and a
 * toolbar to start over from the sample or an empty workbook.
 */
export function Workbench({ initial }: WorkbenchProps): React.JSX.Element {
  const styles = useStyles();
  const [session, setSession] = React.useState<WorkbenchSession | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const opening = React.useRef(0);

  const open = React.useCallback((source: WorkbookSource): void => {
    const attempt = ++opening.current;
    WorkbenchSession.open(source).then(
      (next) => {
        if (attempt === opening.current) setSession(next);
        else next.dispose();
      },
      (error: unknown) => {
        if (attempt !== opening.current) return;
        setSession(null);
        setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
  }, []);

  React.useEffect(() => open(initial), [open, initial]);

  React.useEffect(() => {
    if (session === null) return;
    // At once: the engine builds in its worker, and the workbook goes to it in slices between the
    // page's own tasks, while the task pane mounts.
    void session.engine.start();
    return () => session.dispose();
  }, [session]);

  if (session === null) {
    return (
      <div className={styles.root}>
        {loadError === null ? (
          <Spinner className={styles.loading} label="Opening the workbook…" />
        ) : (
          <Text className={styles.loading} role="alert">{`The workbook could not be opened: ${loadError}`}</Text>
        )}
      </div>
    );
  }
  // Keyed, so nothing typed or selected in one workbook carries over into the next.
  return <SessionView key={session.id} session={session} onOpen={open} />;
}

interface SessionViewProps {
  session: WorkbenchSession;
  onOpen(source: WorkbookSource): void;
}

function SessionView({ session, onOpen }: SessionViewProps): React.JSX.Element {
  const styles = useStyles();
  const version = React.useSyncExternalStore(session.subscribe, session.snapshot);
  const state = session.engine.state;
  return (
    <div className={styles.root}>
      <main className={styles.workbook} aria-label="Workbook">
        <div className={styles.toolbar} role="toolbar" aria-label="Workbench">
          <Title3 as="h1">Groundup workbench</Title3>
          <Text>{describeSource(session.source)}</Text>
          <span className={styles.grow} />
          <Text
            role="status"
            data-testid="engine-status"
            data-state={state.kind}
            className={state.kind === "failed" ? styles.failed : styles.status}
          >
            {engineText(state)}
          </Text>
          <Button onClick={() => onOpen({ kind: "sample" })}>Reset sample</Button>
          <Button onClick={() => onOpen({ kind: "empty" })}>Empty workbook</Button>
        </div>
        <WorkbookView
          workbook={session.workbook}
          engine={session.engine}
          version={version}
          contentVersion={session.contentVersion}
        />
      </main>
      <TaskPaneHost workbook={session.plan} />
    </div>
  );
}
