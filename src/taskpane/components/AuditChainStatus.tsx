import * as React from "react";
import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { verifyAuditChainInTasks, type AuditVerdict, type ChainedAuditRow } from "../../core/audit/chain";
import { auditMessages } from "../../core/audit/messages";

export interface AuditChainStatusProps {
  /** The audit log as stored; undefined when it could not be read (the pane's error bar says why). */
  read: () => Promise<readonly ChainedAuditRow[] | undefined>;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalS },
});

type Check =
  | { readonly state: "checking" }
  | { readonly state: "failed" }
  | { readonly state: "done"; readonly verdict: AuditVerdict };

/**
 * Whether GU Audit is as Groundup wrote it: "Audit log intact" or the first altered row, checked
 * when shown and on request (src/core/audit/chain.ts; what this proves is in the README).
 */
export function AuditChainStatus({ read }: AuditChainStatusProps): React.JSX.Element {
  const styles = useStyles();
  const [check, setCheck] = React.useState<Check>({ state: "checking" });
  const latest = React.useRef(0);

  const run = React.useCallback(async (): Promise<void> => {
    const call = ++latest.current;
    setCheck({ state: "checking" });
    const rows = await read();
    if (call !== latest.current) return;
    if (rows === undefined) {
      setCheck({ state: "failed" });
      return;
    }
    const verdict = await verifyAuditChainInTasks(rows);
    if (call === latest.current) setCheck({ state: "done", verdict });
  }, [read]);

  React.useEffect(() => {
    void run();
  }, [run]);

  return (
    <div className={styles.root} aria-live="polite">
      {check.state === "checking" && <Spinner size="tiny" label={auditMessages.checking} />}
      {check.state === "failed" && (
        <MessageBar intent="warning">
          <MessageBarBody>{auditMessages.checkFailed}</MessageBarBody>
        </MessageBar>
      )}
      {check.state === "done" && <Verdict verdict={check.verdict} />}
      <Button size="small" onClick={() => void run()} disabled={check.state === "checking"}>
        {auditMessages.check}
      </Button>
    </div>
  );
}

function Verdict({ verdict }: { verdict: AuditVerdict }): React.JSX.Element {
  if (verdict.status === "altered") {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{auditMessages.altered(verdict.sheetRow)}</MessageBarBody>
      </MessageBar>
    );
  }
  const notes = [
    ...(verdict.unchained > 0 ? [auditMessages.unchained(verdict.unchained)] : []),
    ...(verdict.concurrent.length > 0 ? [auditMessages.concurrent(verdict.concurrent)] : []),
  ];
  const empty = verdict.chained === 0 && verdict.unchained === 0;
  return (
    <MessageBar intent={verdict.concurrent.length > 0 ? "warning" : "success"}>
      <MessageBarBody>
        {empty ? auditMessages.empty : auditMessages.intact}
        {notes.map((note) => (
          <div key={note}>{note}</div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
