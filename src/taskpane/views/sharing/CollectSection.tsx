import * as React from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
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
import type { Plan } from "../../../core/plan/types";
import type { CollectPreview, FilePreview } from "../../../core/sharing/collect";
import { readFileBytes } from "../../browserFiles";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { loadFileEngine } from "./fileEngine";
import { useNumberTableStyles } from "../../components/numberTableStyles";

export interface CollectSectionProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** Who collects, named in the audit log. */
  me: string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  picker: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  file: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  accepted: { color: tokens.colorPaletteGreenForeground1 },
  rejected: { color: tokens.colorPaletteRedForeground1 },
  notes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Picks returned workbooks, previews every change and applies the accepted ones in one batch. */
export function CollectSection({ plan, busy, actions, locale, me }: CollectSectionProps): React.JSX.Element {
  const styles = useStyles();
  const inputId = React.useId();
  const [preview, setPreview] = React.useState<CollectPreview | null>(null);
  const [reading, setReading] = React.useState(false);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  // A new key empties the file input, so picking the same files again reads them again.
  const [inputKey, setInputKey] = React.useState(0);

  async function pick(list: FileList | null): Promise<void> {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    setReading(true);
    setFeedback(null);
    setPreview(null);
    try {
      const engine = await loadFileEngine();
      const read = await Promise.all(
        files.map(async (file) => ({
          fileName: file.name,
          read: await engine.readReturnedFile(await readFileBytes(file)),
        })),
      );
      setPreview(engine.previewCollect(plan, read, { now: new Date().toISOString(), collectedBy: me, locale }));
    } catch (error) {
      setFeedback({ intent: "error", text: error instanceof Error ? error.message : sharingMessages.readFilesFailed });
    } finally {
      setReading(false);
    }
  }

  async function apply(current: CollectPreview): Promise<void> {
    if (current.entries.length === 0) {
      setFeedback({ intent: "info", text: sharingMessages.nothingToApply });
      return;
    }
    const result = await actions.saveEntries(current.entries, current.audit);
    if (result === undefined) return;
    if (!result.ok) {
      setFeedback({ intent: "warning", text: sharingMessages.planChangedSincePreview });
      return;
    }
    setFeedback({ intent: "success", text: sharingMessages.applied(current.accepted, current.entries.length) });
    setPreview(null);
    setInputKey((key) => key + 1);
  }

  return (
    <section className={styles.root} aria-labelledby="share-collect-title">
      <Subtitle2 as="h2" id="share-collect-title">
        Collect returned workbooks
      </Subtitle2>
      <div className={styles.picker}>
        <label htmlFor={inputId}>
          <Body1Strong>Returned workbooks</Body1Strong>
        </label>
        <input
          key={inputKey}
          id={inputId}
          type="file"
          multiple
          accept={XLSX_ACCEPT}
          disabled={reading}
          onChange={(event) => void pick(event.currentTarget.files)}
        />
        <Caption1>{sharingMessages.collectHint}</Caption1>
      </div>
      {reading ? <Spinner size="tiny" label="Reading the files…" /> : null}
      <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={() => void actions.reload()} />
      {preview !== null ? (
        <>
          <Text aria-live="polite">{sharingMessages.previewSummary(preview.accepted, preview.rejected)}</Text>
          {preview.files.map((file, i) => (
            <FileChanges key={`${file.fileName}-${i}`} file={file} plan={plan} locale={locale} />
          ))}
          <div>
            <Button
              appearance="primary"
              disabled={busy || preview.entries.length === 0}
              onClick={() => void apply(preview)}
            >
              Apply accepted changes
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}

interface FileChangesProps {
  file: FilePreview;
  plan: Plan;
  locale: string;
}

function FileChanges({ file, plan, locale }: FileChangesProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const shown = (value: number | string | null): string => {
    if (value === null || value === "") return "—";
    if (typeof value === "string") return value;
    return formatUnrounded(value, locale, plan.settings.decimals);
  };
  return (
    <section className={styles.file} aria-label={file.fileName}>
      <Body1Strong>{file.fileName}</Body1Strong>
      {file.owner !== null ? <Caption1>{sharingMessages.fileFrom(file.owner, file.made)}</Caption1> : null}
      {file.error !== null ? (
        <MessageBar intent="error">
          <MessageBarBody>{file.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {file.notes.length > 0 ? (
        <ul className={styles.notes} aria-label={`Notes on ${file.fileName}`}>
          {file.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {file.error === null && file.changes.length === 0 ? <Text>{sharingMessages.noChangesInFile}</Text> : null}
      {file.changes.length > 0 ? (
        <div className={tableStyles.scroll}>
          <Table size="small" aria-label={`Changes in ${file.fileName}`} className={tableStyles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Node</TableHeaderCell>
                <TableHeaderCell>Field</TableHeaderCell>
                <TableHeaderCell>Now</TableHeaderCell>
                <TableHeaderCell>In the file</TableHeaderCell>
                <TableHeaderCell>Result</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {file.changes.map((change, i) => (
                <TableRow key={`${change.id}-${change.field}-${i}`}>
                  <TableCell>{change.name}</TableCell>
                  <TableCell>{change.field}</TableCell>
                  <TableCell className={tableStyles.number}>{shown(change.before)}</TableCell>
                  <TableCell className={tableStyles.number}>{shown(change.after)}</TableCell>
                  <TableCell className={change.accepted ? styles.accepted : styles.rejected}>
                    {change.accepted ? "Accepted" : `Rejected: ${change.reason ?? ""}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
