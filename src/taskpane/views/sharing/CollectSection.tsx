import * as React from "react";
import {
  Body1Strong,
  Button,
  Dropdown,
  Field,
  Option,
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
import type { CollectedFile, CollectPreview, FilePreview } from "../../../core/sharing/collect";
import { collectMessages } from "../../../core/sharing/collectMessages";
import type { MadeFile } from "../../../core/sharing/madeFiles";
import { owners } from "../../../core/plan/workflow";
import { readFileBytes } from "../../browserFiles";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import { OWNER_SELECT_LIMIT, OwnerSearch } from "../../components/OwnerPicker";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { loadFileEngine } from "./fileEngine";
import { useNumberTableStyles } from "../../components/numberTableStyles";
import { useWindowedRows } from "../../hooks/useWindowedRows";

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
  insist: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  viewport: { maxHeight: "360px", overflowY: "auto" },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** Height of one row of the changes table (Fluent's small table row). */
const ROW_HEIGHT = 32;

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

  const [files, setFiles] = React.useState<readonly CollectedFile[]>([]);
  const [made, setMade] = React.useState<ReadonlyMap<string, MadeFile>>(new Map());
  const [insist, setInsist] = React.useState<ReadonlyMap<string, string>>(new Map());

  async function pick(list: FileList | null): Promise<void> {
    const picked = [...(list ?? [])];
    if (picked.length === 0) return;
    setReading(true);
    setFeedback(null);
    setPreview(null);
    try {
      const engine = await loadFileEngine();
      const records = await actions.readMadeFiles();
      if (records === undefined) return;
      // Each file is read on its own and can only fail on its own.
      const read = await Promise.all(
        picked.map(async (file): Promise<CollectedFile> => {
          try {
            return { fileName: file.name, read: await engine.readReturnedFile(await readFileBytes(file)) };
          } catch (error) {
            const message = error instanceof Error ? error.message : sharingMessages.readFilesFailed;
            return { fileName: file.name, read: { ok: false, message } };
          }
        }),
      );
      setFiles(read);
      setMade(records);
      setInsist(new Map());
      setPreview(
        engine.previewCollect(plan, read, records, { now: new Date().toISOString(), collectedBy: me, locale }),
      );
    } catch (error) {
      setFeedback({ intent: "error", text: error instanceof Error ? error.message : sharingMessages.readFilesFailed });
    } finally {
      setReading(false);
    }
  }

  async function compareAnyway(fileName: string, owner: string): Promise<void> {
    const engine = await loadFileEngine();
    const next = new Map(insist).set(fileName, owner);
    setInsist(next);
    setPreview(
      engine.previewCollect(plan, files, made, {
        now: new Date().toISOString(),
        collectedBy: me,
        locale,
        insist: next,
      }),
    );
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
            <FileChanges
              key={`${file.fileName}-${i}`}
              file={file}
              plan={plan}
              locale={locale}
              onCompareAnyway={(owner) => void compareAnyway(file.fileName, owner)}
            />
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

export interface FileChangesProps {
  file: FilePreview;
  plan: Plan;
  locale: string;
  onCompareAnyway(owner: string): void;
}

export function FileChanges({ file, plan, locale, onCompareAnyway }: FileChangesProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const people = React.useMemo(() => owners(plan), [plan]);
  const [owner, setOwner] = React.useState<string>("");
  const windowed = useWindowedRows({ count: file.changes.length, rowHeight: ROW_HEIGHT });
  const shown = (value: number | string | null): string => {
    if (value === null || value === "") return "—";
    if (typeof value === "string") return value;
    return formatUnrounded(value, locale, plan.settings.decimals);
  };
  const visible = file.changes.slice(windowed.start, windowed.end);
  return (
    <section className={styles.file} aria-label={file.fileName}>
      <Body1Strong>{file.fileName}</Body1Strong>
      {file.owner !== null ? <Caption1>{sharingMessages.fileFrom(file.owner, file.made)}</Caption1> : null}
      {file.error !== null ? (
        <MessageBar intent="error">
          <MessageBarBody>{file.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {file.unmatched ? (
        <div className={styles.insist}>
          {people.length > OWNER_SELECT_LIMIT ? (
            <Field label={`Owner of ${file.fileName}`}>
              <OwnerSearch owners={people} value={owner} onChange={setOwner} placeholder="Type to find the owner" />
            </Field>
          ) : (
            <Dropdown
              aria-label={`Owner of ${file.fileName}`}
              placeholder="Choose the owner"
              value={owner}
              selectedOptions={owner === "" ? [] : [owner]}
              onOptionSelect={(_event, data) => setOwner(data.optionValue ?? "")}
            >
              {people.map((person) => (
                <Option key={person} value={person}>
                  {person}
                </Option>
              ))}
            </Dropdown>
          )}
          <Button disabled={owner === ""} onClick={() => onCompareAnyway(owner)}>
            {collectMessages.compareAnyway} {owner === "" ? "…" : owner}
          </Button>
        </div>
      ) : null}
      {file.notes.length > 0 ? (
        <ul className={styles.notes} aria-label={`Notes on ${file.fileName}`}>
          {file.notes.map((note, i) => (
            <li key={`${i}-${note}`}>{note}</li>
          ))}
        </ul>
      ) : null}
      {file.error === null && file.changes.length === 0 ? <Text>{sharingMessages.noChangesInFile}</Text> : null}
      {file.changes.length > 0 ? (
        <div
          className={`${tableStyles.scroll} ${styles.viewport}`}
          ref={windowed.viewportRef}
          onScroll={windowed.onScroll}
        >
          <Table
            size="small"
            aria-label={`Changes in ${file.fileName}`}
            aria-rowcount={file.changes.length + 1}
            className={tableStyles.table}
          >
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
              {windowed.padTop > 0 ? <tr aria-hidden="true" style={{ height: windowed.padTop }} /> : null}
              {visible.map((change, i) => (
                <TableRow
                  key={`${windowed.start + i}-${change.id}-${change.field}`}
                  aria-rowindex={windowed.start + i + 2}
                  style={{ height: ROW_HEIGHT }}
                >
                  <TableCell>{change.name}</TableCell>
                  <TableCell>{change.field}</TableCell>
                  <TableCell className={tableStyles.number}>{shown(change.before)}</TableCell>
                  <TableCell className={tableStyles.number}>{shown(change.after)}</TableCell>
                  <TableCell
                    className={
                      !change.accepted ? styles.rejected : change.warning !== null ? styles.warning : styles.accepted
                    }
                  >
                    {!change.accepted
                      ? `Rejected: ${change.reason ?? ""}`
                      : change.warning !== null
                        ? `Accepted with a warning: ${change.warning}`
                        : "Accepted"}
                  </TableCell>
                </TableRow>
              ))}
              {windowed.padBottom > 0 ? <tr aria-hidden="true" style={{ height: windowed.padBottom }} /> : null}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
