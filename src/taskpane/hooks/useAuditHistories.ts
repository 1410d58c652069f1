import * as React from "react";
import { nodeHistories, type NodeHistory } from "../../core/plan/submissions";
import type { AuditEntry, Plan } from "../../core/plan/types";
import type { WorkbookActions } from "./useWorkbook";

/**
 * What the audit log says about each node (values as submitted and approved), read again whenever
 * the plan changes; undefined until the first read lands. Views compare it with the rows to show
 * edits made outside Groundup.
 */
export function useAuditHistories(plan: Plan, actions: WorkbookActions): ReadonlyMap<string, NodeHistory> | undefined {
  const [audit, setAudit] = React.useState<readonly AuditEntry[] | undefined>(undefined);
  React.useEffect(() => {
    let current = true;
    void actions.readAudit().then((rows) => {
      if (current && rows !== undefined) setAudit(rows);
    });
    return () => {
      current = false;
    };
  }, [plan, actions]);
  return React.useMemo(() => (audit === undefined ? undefined : nodeHistories(plan, audit)), [plan, audit]);
}
