import * as React from "react";
import { Divider, makeStyles, tokens } from "@fluentui/react-components";
import type { Plan } from "../../../core/plan/types";
import { owners } from "../../../core/plan/workflow";
import { OwnerPicker } from "../../components/OwnerPicker";
import { CHOSEN, type Who } from "../../identity/useIdentity";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { CollectSection } from "./CollectSection";
import { SnapshotSection } from "./SnapshotSection";
import { SplitSection } from "./SplitSection";

export interface ShareViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** Who I am: named in the audit log of collected files and on snapshots. */
  me: string;
  onChooseMe(owner: string): void;
  /** How `me` was established (Office sign-in or chosen); absent: chosen. */
  who?: Who;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

/** The manager's sharing: contributor workbooks out, returned ones in, and snapshots. */
export function ShareView({
  plan,
  busy,
  actions,
  locale,
  me,
  onChooseMe,
  who = CHOSEN,
}: ShareViewProps): React.JSX.Element {
  const styles = useStyles();
  const people = React.useMemo(() => owners(plan), [plan]);
  return (
    <div className={styles.root}>
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} signedInAs={who.signedInAs} note={who.note} />
      <SplitSection plan={plan} actions={actions} me={me} />
      <Divider />
      <CollectSection plan={plan} busy={busy} actions={actions} locale={locale} me={me} />
      <Divider />
      <SnapshotSection plan={plan} busy={busy} actions={actions} locale={locale} me={me} />
    </div>
  );
}
