import * as React from "react";
import { Button, Field, Input, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { reconcilePaneMessages } from "../../../core/messages";
import { validateEntryValues } from "../../../core/plan/entryRules";
import { formatNumber } from "../../../core/plan/numbers";
import type { NodeView, PlanView } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { parsePastedTargets, topDownInput } from "../../../core/reconcile/targetInput";
import { StoredTargets, type TopDownPreview } from "../../../core/reconcile/targets";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import { amount, inColumn, type NumberFormat } from "./format";
import { PreviewTable } from "./PreviewTable";
import { ProblemMessages } from "./ProblemMessages";
import { columnDecimals, planMeasures, valueColumnInfo, valueColumns } from "../../../core/plan/measures";

export interface TargetsPanelProps {
  plan: Plan;
  view: PlanView;
  node: NodeView;
  format: NumberFormat;
  busy: boolean;
  /** Writes the preview with its audit entries; says how it went. */
  onApply(preview: TopDownPreview, done: string): Promise<Feedback | null>;
  onReload(): void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  periods: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(8.5rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  value: { textAlign: "end" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The node's own top-down targets, typed per period, and a block of targets pasted from Excel. */
export function TargetsPanel({
  plan,
  view,
  node,
  format,
  busy,
  onApply,
  onReload,
}: TargetsPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { settings } = plan;
  const stored = React.useMemo(() => new StoredTargets(plan).of(node.id), [plan, node.id]);
  const storedTexts = React.useMemo(
    () => stored.map((value, c) => formatNumber(value, format.locale, columnDecimals(settings, c))),
    [stored, format.locale, settings],
  );
  const [texts, setTexts] = React.useState<readonly string[]>(storedTexts);
  // What is saved replaces what was typed once the plan is read again (after a save, or another node).
  const latestStored = React.useRef(storedTexts);
  latestStored.current = storedTexts;
  const storedKey = storedTexts.join("\u0000");
  React.useEffect(() => setTexts(latestStored.current), [storedKey]);
  const check = validateEntryValues(texts, settings, format.locale);
  const [typedFeedback, setTypedFeedback] = React.useState<Feedback | null>(null);

  const [pasted, setPasted] = React.useState("");
  const [previewed, setPreviewed] = React.useState<string | null>(null);
  const pastePreview = React.useMemo(
    () => (previewed === null ? null : parsePastedTargets(plan, view, previewed, format.locale)),
    [plan, view, previewed, format.locale],
  );
  const [pasteFeedback, setPasteFeedback] = React.useState<Feedback | null>(null);

  async function saveTyped(): Promise<void> {
    const preview = topDownInput(plan, view, [{ id: node.id, cells: texts }], format.locale);
    setTypedFeedback(await onApply(preview, reconcilePaneMessages.targetsSaved(node.node.name)));
  }

  async function applyPasted(preview: TopDownPreview): Promise<void> {
    const feedback = await onApply(preview, reconcilePaneMessages.pastedApplied(preview.changes.length));
    setPasteFeedback(feedback);
    if (feedback?.intent === "success") {
      setPasted("");
      setPreviewed(null);
    }
  }

  return (
    <div className={styles.root}>
      <div className={styles.periods}>
        {valueColumns(settings).map((period, c) => {
          const cascaded = stored[c] === null ? node.periods[c].topDown : null;
          const { unit } = planMeasures(settings)[valueColumnInfo(settings)[c].measure];
          return (
            <Field
              key={period}
              label={`${period}${unit === "" ? "" : ` (${unit})`}`}
              validationMessage={check.errors[c] ?? undefined}
              hint={
                check.errors[c] === null && cascaded !== null
                  ? reconcilePaneMessages.cascaded(amount(cascaded, inColumn(format, c)))
                  : undefined
              }
            >
              <Input
                className={styles.value}
                inputMode="decimal"
                value={texts[c] ?? ""}
                onChange={(_event, data) =>
                  setTexts((current) => current.map((text, i) => (i === c ? data.value : text)))
                }
              />
            </Field>
          );
        })}
      </div>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || !check.ok} onClick={() => void saveTyped()}>
          Save targets
        </Button>
      </div>
      <FeedbackBar feedback={typedFeedback} onDismiss={() => setTypedFeedback(null)} onReload={onReload} />

      <Field label="Paste targets from Excel" hint={reconcilePaneMessages.pasteFirst}>
        <Textarea
          value={pasted}
          resize="vertical"
          onChange={(_event, data) => {
            setPasted(data.value);
            setPreviewed(null);
          }}
        />
      </Field>
      <div className={styles.buttons}>
        <Button disabled={pasted.trim() === ""} onClick={() => setPreviewed(pasted)}>
          Preview paste
        </Button>
      </div>
      {pastePreview !== null ? (
        <>
          <ProblemMessages problems={pastePreview.problems} />
          {pastePreview.rows.length > 0 ? (
            <PreviewTable
              label="Pasted targets preview"
              periods={valueColumns(settings)}
              rows={pastePreview.rows}
              format={format}
            />
          ) : null}
          <div className={styles.buttons}>
            <Button
              appearance="primary"
              disabled={busy || !pastePreview.canApply}
              onClick={() => void applyPasted(pastePreview)}
            >
              Apply pasted targets
            </Button>
            <Button onClick={() => setPreviewed(null)}>Cancel</Button>
          </div>
        </>
      ) : null}
      <FeedbackBar feedback={pasteFeedback} onDismiss={() => setPasteFeedback(null)} onReload={onReload} />
    </div>
  );
}
