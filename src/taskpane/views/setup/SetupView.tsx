import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { taskPaneMessages } from "../../../core/messages";
import {
  buildNodes,
  detectHierarchy,
  type ColumnMapping,
  type SetupProblem,
  type SetupResult,
  type SourceFormat,
} from "../../../core/plan/setupSource";
import type { Plan, PlanNode } from "../../../core/plan/types";
import type { PlanSetup, SourceTable } from "../../../workbook/PlanWorkbook";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { CHOSEN, type Who } from "../../identity/useIdentity";
import { MappingForm, formatLabel } from "./MappingForm";
import { ProblemList } from "./ProblemList";
import { SettingsForm } from "./SettingsForm";
import { SetupProgressBar } from "./SetupProgressBar";
import { initialDraft, settingsFromDraft, type SettingsDraft } from "./settingsDraft";

export interface SetupViewProps {
  /** The plan already in the workbook, if any: setting up again updates it. */
  plan: Plan | null;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** Who sets the plan up, named in its audit rows (a change of roles among them); "" when nobody is chosen. */
  me?: string;
  /** How `me` was established; absent: chosen. */
  who?: Who;
}

type Origin = "scratch" | "selection" | "table";

const ORIGINS: readonly Origin[] = ["scratch", "selection", "table"];

/** A source as read, with the user's current reading of it. */
interface ReadSource {
  readonly table: SourceTable;
  readonly detected: SourceFormat;
  readonly headers: readonly string[];
  readonly candidates: readonly number[];
  readonly mapping: ColumnMapping;
  readonly result: SetupResult;
}

const DEFAULT_TOP_NODE = "Total";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  inline: {
    display: "flex",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  grow: { flexGrow: 1 },
});

function readSource(table: SourceTable): ReadSource {
  const detection = detectHierarchy(table.rows, { firstRow: table.firstRow });
  const { mapping } = detection;
  const roles = [mapping.id, mapping.parent, mapping.level, mapping.name, mapping.owner];
  const candidates = [
    ...roles.filter((column): column is number => column !== null),
    ...mapping.attributes.map((a) => a.column),
  ];
  return {
    table,
    detected: detection.format,
    headers: detection.headers,
    candidates: candidates.sort((a, b) => a - b),
    mapping,
    result: {
      nodes: detection.nodes,
      problems: detection.problems,
      sourceProblem: detection.sourceProblem,
    },
  };
}

/** Why the hierarchy can't be used yet, or null when it can. */
function sourceBlocker(origin: Origin, source: ReadSource | null): string | null {
  if (origin === "scratch") return null;
  if (source === null)
    return origin === "selection" ? taskPaneMessages.readSelectionFirst : taskPaneMessages.readTableFirst;
  if (source.result.sourceProblem !== null) return source.result.sourceProblem;
  if (source.result.problems.length > 0) return taskPaneMessages.fixProblemsFirst;
  return null;
}

/** Sets up a plan, or updates the one in the workbook: settings, periods and the hierarchy. */
export function SetupView({ plan, busy, actions, locale, me = "", who = CHOSEN }: SetupViewProps): React.JSX.Element {
  const styles = useStyles();
  const existing = plan?.settings ?? null;
  const [draft, setDraft] = React.useState<SettingsDraft>(() => initialDraft(existing, locale, new Date()));
  const [origin, setOrigin] = React.useState<Origin>("scratch");
  const [topNode, setTopNode] = React.useState(DEFAULT_TOP_NODE);
  const [source, setSource] = React.useState<ReadSource | null>(null);
  const [tables, setTables] = React.useState<readonly string[] | null>(null);
  const [tableName, setTableName] = React.useState("");
  const [tried, setTried] = React.useState(false);
  const [pending, setPending] = React.useState<PlanSetup | null>(null);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  /** Steps of the setup being written; null when none is. */
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);
  /** The setup that stopped (failed or cancelled): writing it again resumes where it stopped. */
  const [stopped, setStopped] = React.useState<PlanSetup | null>(null);
  const controller = React.useRef<AbortController | null>(null);

  const settings = settingsFromDraft(draft, existing, locale);
  const blocker = sourceBlocker(origin, source);
  const topNodeError =
    origin === "scratch" && plan === null && topNode.trim() === "" ? taskPaneMessages.topNodeRequired : undefined;

  async function chooseOrigin(next: Origin): Promise<void> {
    setOrigin(next);
    setSource(null);
    if (next === "table" && tables === null) {
      const names = await actions.listTables();
      if (names !== undefined) {
        setTables(names);
        setTableName(names[0] ?? "");
      }
    }
  }

  async function read(): Promise<void> {
    const table = origin === "selection" ? await actions.readSelection() : await actions.readTable(tableName);
    if (table !== undefined) setSource(readSource(table));
  }

  function changeMapping(mapping: ColumnMapping): void {
    if (source !== null) {
      const result = buildNodes(source.table.rows, mapping, { firstRow: source.table.firstRow });
      setSource({ ...source, mapping, result });
    }
  }

  function goTo(problem: SetupProblem): void {
    // sourceIndex counts the header row too: it is the row within the cells that were read.
    if (source !== null) actions.selectSourceRow(source.table.ref, problem.sourceIndex + 1);
  }

  function nodes(): readonly PlanNode[] {
    if (origin !== "scratch") return source?.result.nodes ?? [];
    if (plan !== null) return plan.nodes;
    const name = topNode.trim();
    return [{ id: name, parent: "", name, owner: "", attributes: {} }];
  }

  async function write(setup: PlanSetup): Promise<void> {
    setPending(null);
    setStopped(null);
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ done: 0, total: 0 });
    const outcome = await actions.writePlan(setup, {
      signal: abort.signal,
      onProgress: (done, total) => setProgress({ done, total }),
    });
    controller.current = null;
    setProgress(null);
    if (outcome !== undefined) {
      const written = taskPaneMessages.planWritten(setup.settings.name, setup.nodes.length);
      setFeedback(
        outcome.dynamicArrays
          ? { intent: "success", text: written }
          : { intent: "warning", text: `${written} ${taskPaneMessages.reportNeedsDynamicArrays}` },
      );
    } else {
      setStopped(setup);
    }
  }

  function submit(event: React.FormEvent): void {
    event.preventDefault();
    setTried(true);
    if (!settings.ok || blocker !== null || topNodeError !== undefined) return;
    const setup: PlanSetup = {
      settings: settings.settings,
      nodes: nodes(),
      ...(me === "" ? {} : { by: { user: me, identity: who.source } }),
    };
    if (plan !== null) setPending(setup);
    else void write(setup);
  }

  return (
    <>
      <form className={styles.root} onSubmit={submit} aria-label="Set up a plan" noValidate>
        <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={() => void actions.reload()} />
        {plan !== null ? <Text>{taskPaneMessages.existingPlan(plan.settings.name, plan.nodes.length)}</Text> : null}

        <section className={styles.section} aria-label="Hierarchy">
          <Field label="Hierarchy">
            <RadioGroup
              value={origin}
              onChange={(_event, data) =>
                void chooseOrigin(ORIGINS.find((candidate) => candidate === data.value) ?? origin)
              }
            >
              <Radio
                value="scratch"
                label={
                  plan === null ? "Start with one top node" : `Keep the current hierarchy (${plan.nodes.length} nodes)`
                }
              />
              <Radio value="selection" label="From the selected cells" />
              <Radio value="table" label="From a table" />
            </RadioGroup>
          </Field>

          {origin === "scratch" && plan === null ? (
            <Field
              label="Top node"
              validationMessage={tried ? topNodeError : undefined}
              hint="Add the nodes below it in the hierarchy sheet later"
            >
              <Input value={topNode} onChange={(_event, data) => setTopNode(data.value)} />
            </Field>
          ) : null}

          {origin === "selection" ? (
            <div className={styles.inline}>
              <Button onClick={() => void read()} disabled={busy}>
                Read the selected cells
              </Button>
            </div>
          ) : null}

          {origin === "table" ? (
            <div className={styles.inline}>
              <Field
                label="Table"
                className={styles.grow}
                validationMessage={tables?.length === 0 ? taskPaneMessages.noTables : undefined}
              >
                <Select
                  value={tableName}
                  disabled={tables === null || tables.length === 0}
                  onChange={(_event, data) => setTableName(data.value)}
                >
                  {(tables ?? []).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button onClick={() => void read()} disabled={busy || tableName === ""}>
                Read table
              </Button>
            </div>
          ) : null}

          {source !== null ? (
            <>
              <Text>{taskPaneMessages.detected(formatLabel(source.detected), source.result.nodes.length)}</Text>
              <MappingForm
                mapping={source.mapping}
                headers={source.headers}
                candidates={source.candidates}
                onChange={changeMapping}
              />
              {source.result.sourceProblem !== null ? (
                <MessageBar intent="warning">
                  <MessageBarBody>{source.result.sourceProblem}</MessageBarBody>
                </MessageBar>
              ) : null}
              {source.result.problems.length > 0 ? (
                <ProblemList problems={source.result.problems} onGoTo={goTo} />
              ) : null}
            </>
          ) : null}
        </section>

        <Divider />
        <section className={styles.section} aria-label="Settings">
          <SettingsForm
            draft={draft}
            errors={tried && !settings.ok ? settings.errors : {}}
            currentPeriods={existing?.periods ?? null}
            profiles={plan?.profiles?.profiles.map((profile) => profile.name)}
            onChange={setDraft}
          />
        </section>

        {tried && blocker !== null ? <Text role="status">{blocker}</Text> : null}
        {progress !== null ? (
          <SetupProgressBar done={progress.done} total={progress.total} onCancel={() => controller.current?.abort()} />
        ) : null}
        <div className={styles.inline}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {plan === null ? "Set up plan" : "Update plan"}
          </Button>
          {stopped !== null && progress === null ? (
            <Button disabled={busy} onClick={() => void write(stopped)}>
              Resume setup
            </Button>
          ) : null}
        </div>
      </form>

      <Dialog open={pending !== null} onOpenChange={(_event, data) => (data.open ? undefined : setPending(null))}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{`Update the plan "${plan?.settings.name ?? ""}"?`}</DialogTitle>
            <DialogContent>{taskPaneMessages.updateKeepsInputs}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setPending(null)}>
                Cancel
              </Button>
              <Button
                appearance="primary"
                disabled={busy}
                onClick={() => (pending === null ? undefined : void write(pending))}
              >
                Update plan
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
