import * as React from "react";
import { Button, Checkbox, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { progressPaneMessages } from "../../../core/messages";
import type { PlanView } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import {
  dashboardLayout,
  dashboardMapOf,
  DASHBOARD_SHEET,
  type DashboardPeriod,
} from "../../../core/progress/dashboard";
import { findNode } from "../../../core/reconcile/targets";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { NodePicker } from "../reconcile/NodePicker";
import { valueColumns } from "../../../core/plan/measures";

export interface DashboardPanelProps {
  plan: Plan;
  view: PlanView;
  busy: boolean;
  actions: Pick<WorkbookActions, "writeDashboard" | "reload">;
  /** The node selected in the tree or the sheet: the first choice when it has nodes below it. */
  selectedNode: string | null;
}

const TOTAL = "total";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  options: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
});

/** Inserts, or refreshes, a sheet with native charts of top-down vs bottom-up below a node and of status counts. */
export function DashboardPanel({ plan, view, busy, actions, selectedNode }: DashboardPanelProps): React.JSX.Element {
  const styles = useStyles();
  const branches = React.useMemo(() => view.nodes.filter((node) => node.childCount > 0), [view]);
  const [chosen, setChosen] = React.useState<string | null>(null);
  const [period, setPeriod] = React.useState<DashboardPeriod>(TOTAL);
  const [written, setWritten] = React.useState(false);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const map = React.useMemo(() => dashboardMapOf(view), [view]);
  const [withMap, setWithMap] = React.useState(false);

  const selected = selectedNode === null ? undefined : findNode(view, selectedNode);
  const nodeId =
    chosen ?? (selected !== undefined && selected.childCount > 0 ? selected.id : (branches[0]?.id ?? null));

  async function write(): Promise<void> {
    if (nodeId === null) return;
    const layout = dashboardLayout(plan, view, { nodeId, period, ...(withMap && map !== undefined ? { map } : {}) });
    if (!layout.ok) {
      setFeedback({ intent: "error", text: layout.message });
      return;
    }
    const result = await actions.writeDashboard(layout.dashboard);
    if (result === undefined) return;
    setWritten(true);
    setFeedback({
      intent: "success",
      text:
        result === "inserted"
          ? progressPaneMessages.dashboardInserted(DASHBOARD_SHEET)
          : progressPaneMessages.dashboardRefreshed(DASHBOARD_SHEET),
    });
  }

  if (branches.length === 0) return <Text>{progressPaneMessages.noBranches}</Text>;
  return (
    <div className={styles.root}>
      <div className={styles.options}>
        <NodePicker label="Chart the nodes below" nodes={branches} value={nodeId} onChange={setChosen} />
        <Field label="Period">
          <Select
            value={String(period)}
            onChange={(_event, data) => setPeriod(data.value === TOTAL ? TOTAL : Number(data.value))}
          >
            <option value={TOTAL}>All periods</option>
            {valueColumns(plan.settings).map((label, c) => (
              <option key={label} value={c}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {map !== undefined ? (
        <Checkbox
          checked={withMap}
          onChange={(_event, data) => setWithMap(data.checked === true)}
          label={progressPaneMessages.withFilledMap(map.kind === "us" ? "US states" : "countries")}
        />
      ) : null}
      <div>
        <Button appearance="primary" disabled={busy || nodeId === null} onClick={() => void write()}>
          {written ? "Refresh dashboard" : "Insert dashboard"}
        </Button>
      </div>
      <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={() => void actions.reload()} />
    </div>
  );
}
