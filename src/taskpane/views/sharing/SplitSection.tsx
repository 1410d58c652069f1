import * as React from "react";
import {
  Button,
  Checkbox,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { sharingMessages, taskPaneMessages } from "../../../core/messages";
import { collectMessages } from "../../../core/sharing/collectMessages";
import type { Plan } from "../../../core/plan/types";
import { owners } from "../../../core/plan/workflow";
import { downloadLinks, revokeDownloadLinks, startDownload, type DownloadLink } from "../../browserFiles";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { OpenWorkbookContext } from "../../openWorkbook";
import type { SplitFile, SplitProgress } from "../../../xlsx/splitFiles";
import { loadFileEngine } from "./fileEngine";
import { OpenInExcelList } from "./OpenInExcelList";
import { OwnerChecklist } from "./OwnerChecklist";

export interface SplitSectionProps {
  plan: Plan;
  actions: Pick<WorkbookActions, "recordMadeFiles">;
  /** Who makes the files, kept in the plan's record of them. */
  me: string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  links: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

function describe(error: unknown): string {
  return error instanceof Error ? error.message : sharingMessages.splitFailed;
}

/** One workbook per chosen owner, offered as downloads, or to open in Excel where downloads do nothing. */
export function SplitSection({ plan, actions, me }: SplitSectionProps): React.JSX.Element {
  const styles = useStyles();
  const people = React.useMemo(() => owners(plan), [plan]);
  const [chosen, setChosen] = React.useState<ReadonlySet<string>>(new Set());
  const [working, setWorking] = React.useState(false);
  const [links, setLinks] = React.useState<readonly DownloadLink[]>([]);
  const openWorkbook = React.useContext(OpenWorkbookContext);
  const [toOpen, setToOpen] = React.useState<readonly SplitFile[]>([]);
  const [error, setError] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<SplitProgress | null>(null);

  // The files stay downloadable while they are listed; their memory is released after.
  React.useEffect(() => () => revokeDownloadLinks(links), [links]);

  const picked = people.filter((owner) => chosen.has(owner));
  const all = picked.length === people.length && people.length > 0;

  function toggle(owner: string, on: boolean): void {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(owner);
      else next.delete(owner);
      return next;
    });
  }

  async function create(): Promise<void> {
    setWorking(true);
    setError(null);
    setToOpen([]);
    try {
      const engine = await loadFileEngine();
      const files = await engine.splitPlan(plan, picked, {
        now: new Date().toISOString(),
        madeBy: me,
        onProgress: setProgress,
      });
      // A file the plan has no record of would be refused when it comes back: record first, then offer.
      if (!(await actions.recordMadeFiles(files.map((file) => file.record)))) {
        setError(taskPaneMessages.recordFailed);
        return;
      }
      if (openWorkbook !== null) {
        setToOpen(files);
        return;
      }
      const made = downloadLinks(files);
      setLinks(made);
      for (const link of made) startDownload(link);
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setWorking(false);
      setProgress(null);
    }
  }

  return (
    <section className={styles.root} aria-labelledby="share-split-title">
      <Subtitle2 as="h2" id="share-split-title">
        Workbooks for contributors
      </Subtitle2>
      <Text>{sharingMessages.splitIntro}</Text>
      <Checkbox
        label="All owners"
        checked={all ? true : picked.length > 0 ? "mixed" : false}
        disabled={people.length === 0}
        onChange={(_event, data) => setChosen(data.checked === true ? new Set(people) : new Set())}
      />
      <OwnerChecklist owners={people} chosen={chosen} onToggle={toggle} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={picked.length === 0 || working} onClick={() => void create()}>
          Create workbooks
        </Button>
        {working && progress === null ? <Spinner size="tiny" label="Making the workbooks…" /> : null}
      </div>
      {working && progress !== null ? (
        <ProgressBar
          value={progress.rows === 0 ? 0 : progress.rowsDone / progress.rows}
          thickness="large"
          aria-label={collectMessages.splitProgress(
            progress.file,
            progress.files,
            progress.owner,
            Math.round((100 * progress.rowsDone) / Math.max(1, progress.rows)),
          )}
        />
      ) : null}
      {working && progress !== null ? (
        <Text aria-live="polite">
          {collectMessages.splitProgress(
            progress.file,
            progress.files,
            progress.owner,
            Math.round((100 * progress.rowsDone) / Math.max(1, progress.rows)),
          )}
        </Text>
      ) : null}
      {error !== null ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {openWorkbook !== null && toOpen.length > 0 ? <OpenInExcelList files={toOpen} open={openWorkbook} /> : null}
      {links.length > 0 ? (
        <>
          <MessageBar intent="success" aria-live="polite">
            <MessageBarBody>{sharingMessages.workbooksReady(links.length)}</MessageBarBody>
          </MessageBar>
          <ul className={styles.links} aria-label="Workbooks">
            {links.map((link) => (
              <li key={link.url}>
                <Link href={link.url} download={link.fileName}>
                  {link.fileName}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
