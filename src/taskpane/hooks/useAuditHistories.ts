import * as React from "react";
import { HistoryReplay, type NodeHistory } from "../../core/plan/submissions";
import type { AuditEntry, Plan } from "../../core/plan/types";
import type { WorkbookActions } from "./useWorkbook";
import { valueColumns } from "../../core/plan/measures";

/**
 * What the audit log says about each node (values as submitted and approved), read again whenever
 * the plan changes (the workbook adapters answer from their copy after the pane's own saves);
 * undefined until the first read lands. Views compare it with the rows to show
 * edits made outside Groundup.
 */
export function useAuditHistories(plan: Plan, actions: WorkbookActions): ReadonlyMap<string, NodeHistory> | undefined {
  const [audit, setAudit] = React.useState<readonly AuditEntry[] | undefined>(undefined);
  React.useEffect(() => {
    let current = true;
    // In a task of its own, not the one that drew the view: a large plan's log is tens of thousands
    // of rows, and reading it there kept the page from answering input for longer.
    const timer = setTimeout(() => {
      void actions.readAudit().then((rows) => {
        if (current && rows !== undefined) setAudit(rows);
      });
    }, 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [plan, actions]);
  // After the pane's own save the log read again is the one before with rows appended: replay those.
  const replay = React.useRef<HistoryReplay | null>(null);
  const periods = valueColumns(plan.settings);
  return React.useMemo(() => {
    if (audit === undefined) return undefined;
    let current = replay.current;
    if (current === null || current.periods !== periods || !current.continues(audit)) {
      current = new HistoryReplay(periods);
      replay.current = current;
    }
    current.extend(audit);
    return current.histories();
  }, [periods, audit]);
}
