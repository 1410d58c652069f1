import * as React from "react";
import {
  Body1Strong,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ListSearch } from "../../components/ListSearch";
import { progressPaneMessages, taskPaneMessages } from "../../../core/messages";
import { ownerEmail } from "../../../core/plan/people";
import type { Plan } from "../../../core/plan/types";
import { lateOwners, reminderMail, reminderText, type LateOwner } from "../../../core/progress/progress";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { StatusBadge } from "../../components/StatusBadge";
import { useNameFilter } from "../../hooks/useNameFilter";
import { PAGE, useShowMore } from "../../hooks/useShowMore";
import { ShowMoreButton } from "../../components/ShowMoreButton";

export interface LateOwnersPanelProps {
  plan: Plan;
  /** The user's day, yyyy-mm-dd. */
  today: string;
  busy: boolean;
  actions: Pick<WorkbookActions, "mentionOnNode">;
}

/** What was last put on the clipboard, or offered to copy by hand when the clipboard refused. */
interface Copy {
  readonly what: "reminder" | "addresses";
  readonly value: string;
  /** The owners it reaches. */
  readonly count: number;
  readonly state: "copied" | "refused";
}

const ownerOf = (late: LateOwner): string => late.owner;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  owners: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  nodes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  node: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  reason: { color: tokens.colorPaletteRedForeground1 },
  ask: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/**
 * Who has not submitted by the deadline, with their nodes, a reminder to paste into a mail or
 * chat, and, for an owner with an e-mail address, an @mention comment on their first late node's
 * row, which Microsoft 365 e-mails them.
 */
export function LateOwnersPanel({ plan, today, busy, actions }: LateOwnersPanelProps): React.JSX.Element {
  const styles = useStyles();
  const late = React.useMemo(() => lateOwners(plan, today), [plan, today]);
  const text = React.useMemo(() => reminderText(late, plan), [late, plan]);
  const mail = React.useMemo(() => reminderMail(late, plan), [late, plan]);
  const [copy, setCopy] = React.useState<Copy | null>(null);
  React.useEffect(() => setCopy(null), [text]);
  const filter = useNameFilter(late, ownerOf);
  // After the deadline of a 10,000-node plan thousands are late.
  const pages = useShowMore(filter.shown, filter.query);

  async function copyText(what: Copy["what"], value: string, count: number): Promise<void> {
    try {
      // Office's webview or the browser may refuse the clipboard (permissions, no user gesture).
      if (navigator.clipboard === undefined) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setCopy({ what, value, count, state: "copied" });
    } catch {
      setCopy({ what, value, count, state: "refused" });
    }
  }

  const deadline = plan.settings.deadline?.trim().slice(0, 10) ?? "";
  let summary: string;
  if (late.length > 0) summary = progressPaneMessages.lateIntro(deadline, late.length);
  else if (deadline === "") summary = progressPaneMessages.noDeadline;
  else if (today <= deadline) summary = progressPaneMessages.notLateYet(deadline);
  else summary = progressPaneMessages.nobodyLate(deadline);

  return (
    <div className={styles.root}>
      <Text>{summary}</Text>
      {late.length > PAGE ? (
        <ListSearch filter={filter} label="Find a late owner" noMatch={taskPaneMessages.noOwnerMatches} />
      ) : null}
      {pages.shown.length > 0 ? (
        <ul className={styles.owners} aria-label="Late owners">
          {pages.shown.map((owner) => (
            <li key={owner.owner}>
              <Body1Strong>{owner.owner}</Body1Strong>
              <AskForInput plan={plan} owner={owner} busy={busy} actions={actions} />
              <ul className={styles.nodes} aria-label={`Late nodes of ${owner.owner}`}>
                {owner.nodes.map((node) => (
                  <li key={node.id} className={styles.node}>
                    <span>{node.name === "" || node.name === node.id ? node.id : `${node.name} (${node.id})`}</span>
                    <StatusBadge status={node.status} />
                    {node.returnReason !== "" ? (
                      <span className={styles.reason}>{`Returned: ${node.returnReason}`}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
      <ShowMoreButton list={pages} what="late owners" />
      <div className={styles.buttons}>
        <Button disabled={text === ""} onClick={() => void copyText("reminder", text, late.length)}>
          Copy reminder
        </Button>
        {mail?.kind === "link" ? (
          <Button as="a" href={mail.href} appearance="subtle">
            E-mail the late owners
          </Button>
        ) : null}
        {mail?.kind === "addresses" ? (
          <Button appearance="subtle" onClick={() => void copyText("addresses", mail.addresses, mail.count)}>
            Copy their addresses
          </Button>
        ) : null}
      </div>
      {mail?.kind === "link" && !mail.withReminder ? <Text>{progressPaneMessages.mailWithoutReminder}</Text> : null}
      {mail?.kind === "addresses" ? <Text>{progressPaneMessages.tooManyForMailLink(mail.count)}</Text> : null}
      {copy?.state === "copied" ? (
        <MessageBar intent="success" aria-live="polite">
          <MessageBarBody>
            {copy.what === "reminder"
              ? progressPaneMessages.reminderCopied(copy.count)
              : progressPaneMessages.addressesCopied(copy.count)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {copy?.state === "refused" ? (
        <>
          <MessageBar intent="warning" aria-live="polite">
            <MessageBarBody>{progressPaneMessages.clipboardRefused(copy.what)}</MessageBarBody>
          </MessageBar>
          <Field label={copy.what === "reminder" ? "Reminder" : "Addresses"}>
            <Textarea
              readOnly
              value={copy.value}
              rows={8}
              resize="vertical"
              onFocus={(event) => event.target.select()}
            />
          </Field>
        </>
      ) : null}
    </div>
  );
}

interface AskForInputProps {
  plan: Plan;
  owner: LateOwner;
  busy: boolean;
  actions: Pick<WorkbookActions, "mentionOnNode">;
}

/** "@mention in the workbook": a short request, editable, left as a comment on the owner's first late node. */
function AskForInput({ plan, owner, busy, actions }: AskForInputProps): React.JSX.Element | null {
  const styles = useStyles();
  const email = ownerEmail(plan, owner.owner);
  const [text, setText] = React.useState<string | null>(null);
  const [added, setAdded] = React.useState<string | null>(null);
  const node = owner.nodes[0];
  if (email === null || node === undefined) return null;
  const deadline = plan.settings.deadline?.trim().slice(0, 10) ?? "";

  async function add(request: string): Promise<void> {
    if (await actions.mentionOnNode(node.id, { name: owner.owner, email: email as string }, request)) {
      setText(null);
      setAdded(taskPaneMessages.mentionAdded(owner.owner, node.name === "" ? node.id : node.name));
    }
  }

  if (text === null)
    return (
      <>
        <Button
          appearance="subtle"
          size="small"
          aria-label={`@mention ${owner.owner} in the workbook`}
          onClick={() => {
            setAdded(null);
            setText(progressPaneMessages.askForInput(plan.settings.name, deadline));
          }}
        >
          @mention in the workbook
        </Button>
        {added !== null ? (
          <MessageBar intent="success" aria-live="polite">
            <MessageBarBody>{added}</MessageBarBody>
          </MessageBar>
        ) : null}
      </>
    );
  return (
    <div className={styles.ask}>
      <Field label={`Comment for ${owner.owner}`}>
        <Textarea value={text} onChange={(_event, data) => setText(data.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || text.trim() === ""} onClick={() => void add(text.trim())}>
          Add comment
        </Button>
        <Button onClick={() => setText(null)}>Cancel</Button>
      </div>
    </div>
  );
}
