import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { planViewOf } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { progress } from "../../../core/progress/progress";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { AuditChainStatus } from "../../components/AuditChainStatus";
import { Section } from "../reconcile/Section";
import { DashboardPanel } from "./DashboardPanel";
import { LateOwnersPanel } from "./LateOwnersPanel";
import { StatusTable, type StatusGroup } from "./StatusTable";
import { localToday } from "./today";

export interface ProgressViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  selectedNode: string | null;
  /** The user's day, yyyy-mm-dd; today by default. */
  today?: string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

/** Where the collection stands: status shares per level and owner, who is late, and a dashboard sheet. */
export function ProgressView({
  plan,
  busy,
  actions,
  locale,
  selectedNode,
  today,
}: ProgressViewProps): React.JSX.Element {
  const styles = useStyles();
  const view = planViewOf(plan);
  const counts = React.useMemo(() => progress(view), [view]);
  const day = today ?? localToday();

  const levels: StatusGroup[] = [
    ...counts.levels.map((level) => ({ ...level, label: `Level ${level.level}` })),
    { ...counts.overall, label: "All nodes" },
  ];
  const owners: StatusGroup[] = counts.owners.map((owner) => ({
    ...owner,
    label: owner.owner === "" ? "No owner" : owner.owner,
  }));

  if (view.problems.length > 0) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{view.problems.map((problem) => problem.message).join(". ")}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <div className={styles.root}>
      <Section title="Status by level">
        <StatusTable label="Status by level" groupHeader="Level" groups={levels} locale={locale} />
      </Section>
      <Section title="Status by owner">
        <StatusTable label="Status by owner" groupHeader="Owner" groups={owners} locale={locale} />
      </Section>
      <Section title="Late owners">
        <LateOwnersPanel plan={plan} today={day} busy={busy} actions={actions} />
      </Section>
      <Section title="Audit log">
        <AuditChainStatus read={actions.readAuditChain} />
      </Section>
      <Section title="Dashboard in the workbook">
        <DashboardPanel plan={plan} view={view} busy={busy} actions={actions} selectedNode={selectedNode} />
      </Section>
    </div>
  );
}
