import * as React from "react";
import {
  Button,
  Field,
  Input,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { sharingMessages } from "../../../core/messages";
import { formatUnrounded } from "../../../core/plan/numbers";
import type { AuditEntry, Plan } from "../../../core/plan/types";
import {
  compareWithSnapshot,
  NODE_ADDED,
  type Snapshot,
  type SnapshotChange,
  type SnapshotInfo,
} from "../../../core/sharing/snapshots";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { useNumberTableStyles } from "../../components/numberTableStyles";

export interface SnapshotSectionProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** Who takes a snapshot. */
  me: string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  save: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function takenAt(iso: string, locale: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(time);
  } catch {
    return iso;
  }
}

/** Named snapshots of the plan: save one, list them, compare the plan now with any of them. */
export function SnapshotSection({ plan, busy, actions, locale, me }: SnapshotSectionProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const [name, setName] = React.useState("");
  const [snapshots, setSnapshots] = React.useState<readonly SnapshotInfo[] | undefined>(undefined);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const [compared, setCompared] = React.useState<{ snapshot: Snapshot; audit: readonly AuditEntry[] } | null>(null);

  const refresh = React.useCallback(async (): Promise<void> => {
    const listed = await actions.listSnapshots();
    if (listed !== undefined) setSnapshots(listed);
  }, [actions]);

  React.useEffect(() => {
    void refresh();
  }, [refresh]);

  // Compared with the plan as it is now, so the list follows every save.
  const changes = React.useMemo(
    () => (compared === null ? [] : compareWithSnapshot(plan, compared.snapshot, compared.audit)),
    [plan, compared],
  );

  async function save(): Promise<void> {
    const chosen = name.trim();
    const saved = await actions.saveSnapshot({ name: chosen, time: new Date().toISOString(), user: me });
    if (!saved) return;
    setName("");
    setFeedback({ intent: "success", text: sharingMessages.snapshotSaved(chosen) });
    await refresh();
  }

  async function compare(info: SnapshotInfo): Promise<void> {
    // "Now" is the workbook as it is, co-authors' saves included, not the plan as last read.
    const [snapshot, audit] = await Promise.all([
      actions.readSnapshot(info.name),
      actions.readAudit(),
      actions.reload(),
    ]);
    if (snapshot !== undefined && audit !== undefined) setCompared({ snapshot, audit });
  }

  return (
    <section className={styles.root} aria-labelledby="share-snapshots-title">
      <Subtitle2 as="h2" id="share-snapshots-title">
        Snapshots
      </Subtitle2>
      <div className={styles.save}>
        <Field label="Snapshot name">
          <Input
            value={name}
            onChange={(_event, data) => setName(data.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && name.trim() !== "" && !busy) void save();
            }}
          />
        </Field>
        <Button disabled={busy || name.trim() === ""} onClick={() => void save()}>
          Save snapshot
        </Button>
      </div>
      <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={() => void refresh()} />
      {snapshots === undefined ? null : snapshots.length === 0 ? (
        <Text>{sharingMessages.noSnapshots}</Text>
      ) : (
        <div className={tableStyles.scroll}>
          <Table size="small" aria-label="Snapshots" className={tableStyles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Taken</TableHeaderCell>
                <TableHeaderCell>By</TableHeaderCell>
                <TableHeaderCell aria-label="Compare" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {snapshots.map((info) => (
                <TableRow key={info.name}>
                  <TableCell>{info.name}</TableCell>
                  <TableCell>{takenAt(info.time, locale)}</TableCell>
                  <TableCell>{info.user}</TableCell>
                  <TableCell>
                    <Button size="small" aria-label={`Compare with ${info.name}`} onClick={() => void compare(info)}>
                      Compare
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {compared !== null ? (
        <SnapshotChanges name={compared.snapshot.name} changes={changes} plan={plan} locale={locale} />
      ) : null}
    </section>
  );
}

interface SnapshotChangesProps {
  name: string;
  changes: readonly SnapshotChange[];
  plan: Plan;
  locale: string;
}

function SnapshotChanges({ name, changes, plan, locale }: SnapshotChangesProps): React.JSX.Element {
  const tableStyles = useNumberTableStyles();
  const title = `Changes since ${name}`;
  const shown = (change: SnapshotChange, value: number | string | null): string => {
    if (change.kind === "node") return value === null ? "—" : value === NODE_ADDED ? "Added" : "Removed";
    if (value === null) return "—";
    if (typeof value === "string") return value;
    return formatUnrounded(value, locale, plan.settings.decimals);
  };
  if (changes.length === 0) return <Text role="status">{sharingMessages.noChangesSince(name)}</Text>;
  return (
    <div className={tableStyles.scroll}>
      <Table size="small" aria-label={title} className={tableStyles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Node</TableHeaderCell>
            <TableHeaderCell>What</TableHeaderCell>
            <TableHeaderCell>Then</TableHeaderCell>
            <TableHeaderCell>Now</TableHeaderCell>
            <TableHeaderCell>Changed by</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {changes.map((change, i) => (
            <TableRow key={`${change.id}-${change.field}-${i}`}>
              <TableCell>{change.name}</TableCell>
              <TableCell>{change.field}</TableCell>
              <TableCell className={tableStyles.number}>{shown(change, change.before)}</TableCell>
              <TableCell className={tableStyles.number}>{shown(change, change.after)}</TableCell>
              <TableCell>{change.by.join(", ")}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
