import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { ListSearch } from "../../components/ListSearch";
import { planViewOf } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { progress } from "../../../core/progress/progress";
import { taskPaneMessages } from "../../../core/messages";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { AuditChainStatus } from "../../components/AuditChainStatus";
import { LONG_LIST, useNameFilter } from "../../hooks/useNameFilter";
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
  owners: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

const labelOf = (group: StatusGroup): string => group.label;

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
  const owners: StatusGroup[] = React.useMemo(
    () => counts.owners.map((owner) => ({ ...owner, label: owner.owner === "" ? "No owner" : owner.owner })),
    [counts],
  );
  const long = owners.length > LONG_LIST;
  const filter = useNameFilter(owners, labelOf);

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
        <div className={styles.owners}>
          {long ? <ListSearch filter={filter} label="Find an owner" noMatch={taskPaneMessages.noOwnerMatches} /> : null}
          <StatusTable
            label="Status by owner"
            groupHeader="Owner"
            groups={filter.shown}
            locale={locale}
            windowed={long}
          />
        </div>
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
