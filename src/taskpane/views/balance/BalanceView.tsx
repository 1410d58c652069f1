import * as React from "react";
import { HierarchyProblems } from "../../components/HierarchyProblems";
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { hierarchyOf, planViewOf } from "../../../core/plan/planView";
import type { AuditEntry, Plan } from "../../../core/plan/types";
import { suggestMoves, type Move, type SuggestionResult } from "../../../core/territory/balance";
import { sameBalancing, type BalancingSettings } from "../../../core/territory/balancingSettings";
import { balancingAudit } from "../../../core/plan/layout";
import { balancePaneMessages } from "../../../core/territory/messages";
import { readAccounts, siblingBalance, workloadByNode, type AccountsRead } from "../../../core/territory/workload";
import type { AccountsTableRef, RefusedMove, SourceTable } from "../../../workbook/PlanWorkbook";
import { owners } from "../../../core/plan/workflow";
import { OwnerPicker } from "../../components/OwnerPicker";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { CHOSEN, type Who } from "../../identity/useIdentity";
import { NodePicker } from "../reconcile/NodePicker";
import { Section } from "../reconcile/Section";
import { tableHeaders } from "../reconcile/weightColumn";
import {
  accountRows,
  accountsTableName,
  balancingOf,
  busiestParent,
  mappingFor,
  workloadSettings,
  type AccountsMapping,
} from "./accountsTable";
import { BalanceTable, MovesTable } from "./BalanceTables";
import { MappingFields } from "./MappingFields";

export interface BalanceViewProps {
  plan: Plan;
  busy: boolean;
  locale: string;
  actions: WorkbookActions;
  /** Who applies the moves, for the audit rows. */
  me: string;
  onChooseMe(owner: string): void;
  who?: Who;
}

type Minimise = "accounts" | "potential";

/** Problems listed before "and N more": a table of misspelt territories shouldn't fill the pane. */
const PROBLEMS_SHOWN = 8;
const DEFAULT_BAND = "5";

/** The kept band as the field shows it, in %. */
function bandText(kept: BalancingSettings | undefined): string {
  return kept === undefined ? DEFAULT_BAND : String(Math.round(kept.band * 100 * 1e6) / 1e6);
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  options: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  problems: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  refused: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** The band as typed, in %: a fraction, or null when it is not a number of 0 or more. */
function bandFraction(typed: string): number | null {
  const value = Number(typed.replace(",", ".").replace("%", "").trim());
  return typed.trim() !== "" && Number.isFinite(value) && value >= 0 ? value / 100 : null;
}

/**
 * Balancing the accounts of the user's own accounts table across the territories under one parent:
 * each territory's workload and balance against the siblings' average, suggested moves with their
 * before and after, and the moves written back into the table with an audit row each.
 */
export function BalanceView({
  plan,
  busy,
  locale,
  actions,
  me,
  onChooseMe,
  who = CHOSEN,
}: BalanceViewProps): React.JSX.Element {
  const styles = useStyles();
  const people = React.useMemo(() => owners(plan), [plan]);
  // The pane's views share one plan view and hierarchy per plan (planViewOf, hierarchyOf).
  const view = React.useMemo(() => planViewOf(plan), [plan]);
  const hierarchy = React.useMemo(() => {
    const built = hierarchyOf(plan.nodes);
    return built.ok ? built.hierarchy : null;
  }, [plan.nodes]);
  const parents = React.useMemo(() => view.nodes.filter((node) => node.childCount > 0), [view]);
  const kept = plan.settings.balancing;
  // Read once per kept settings, not per render: choosing a table must not re-run the first choice.
  const keptRef = React.useRef(kept);
  keptRef.current = kept;

  const [tables, setTables] = React.useState<readonly string[] | undefined>(undefined);
  const [tableName, setTableName] = React.useState("");
  const [table, setTable] = React.useState<SourceTable | null>(null);
  const [mapping, setMapping] = React.useState<AccountsMapping | null>(null);
  const [chosenParent, setParent] = React.useState<string | null>(null);
  const [band, setBand] = React.useState(() => bandText(kept));
  const [keeping, setKeeping] = React.useState(false);
  const [minimise, setMinimise] = React.useState<Minimise>("accounts");
  const [suggestion, setSuggestion] = React.useState<SuggestionResult | null>(null);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const [refused, setRefused] = React.useState<readonly RefusedMove[]>([]);
  const [applying, setApplying] = React.useState(false);

  const chooseTable = React.useCallback(
    async (name: string): Promise<void> => {
      setTableName(name);
      setSuggestion(null);
      if (name === "") {
        setTable(null);
        setMapping(null);
        return;
      }
      const read = await actions.readTable(name);
      const keptNow = keptRef.current;
      setTable(read ?? null);
      setMapping(
        read === undefined
          ? null
          : mappingFor(read, keptNow?.accountsTable.toLowerCase() === name.toLowerCase() ? keptNow : undefined),
      );
    },
    [actions],
  );

  React.useEffect(() => {
    let live = true;
    void actions.listTables().then((names) => {
      if (!live) return;
      const list = names ?? [];
      setTables(list);
      const accounts = accountsTableName(list, keptRef.current?.accountsTable);
      if (accounts !== undefined) void chooseTable(accounts);
    });
    return () => {
      live = false;
    };
  }, [actions, chooseTable]);

  const read = React.useMemo((): AccountsRead | null => {
    if (table === null || mapping === null || hierarchy === null) return null;
    return readAccounts(hierarchy, accountRows(table, mapping), workloadSettings(table, mapping), {
      firstRow: table.firstRow + 1,
    });
  }, [table, mapping, hierarchy]);

  const parent = React.useMemo((): string | null => {
    if (chosenParent !== null && view.byId.has(chosenParent)) return chosenParent;
    if (hierarchy === null || read === null) return null;
    const busiest = busiestParent(
      hierarchy.parent,
      read.accounts.map((account) => account.territory),
    );
    return busiest === null ? (parents[0]?.id ?? null) : hierarchy.ids[busiest];
  }, [chosenParent, view, hierarchy, read, parents]);

  const tolerance = bandFraction(band);
  const balances = React.useMemo(() => {
    if (hierarchy === null || read === null || parent === null || tolerance === null) return null;
    const node = hierarchy.find(parent);
    if (node === undefined) return null;
    return siblingBalance(hierarchy, hierarchy.children(node), workloadByNode(hierarchy, read.accounts), tolerance);
  }, [hierarchy, read, parent, tolerance]);

  // A suggestion belongs to the inputs it was made from: any change asks for a new one.
  React.useEffect(() => setSuggestion(null), [read, parent, tolerance, minimise]);

  const bandShown = `±${band.trim()} %`;
  const current =
    table === null || mapping === null || tolerance === null || tableName === ""
      ? null
      : balancingOf(tableName, table, mapping, tolerance);
  const unkept = current !== null && !sameBalancing(current, kept);
  const keptTableMissing =
    kept !== undefined &&
    kept.accountsTable !== "" &&
    tables !== undefined &&
    !tables.some((name) => name.toLowerCase() === kept.accountsTable.toLowerCase());
  const blocked = read === null || read.settingsProblem !== null || read.problems.length > 0;
  const ready = !blocked && balances !== null && hierarchy !== null && parent !== null && tolerance !== null;
  const proposal = suggestion !== null && suggestion.ok ? suggestion.suggestion : null;
  const name = (id: string): string => {
    const node = view.byId.get(id);
    return node === undefined || node.node.name.trim() === "" ? id : node.node.name;
  };

  function suggest(): void {
    if (blocked || hierarchy === null || parent === null || tolerance === null) return;
    setFeedback(null);
    setRefused([]);
    setSuggestion(suggestMoves(hierarchy, read.accounts, parent, { tolerance, minimise }));
  }

  async function apply(moves: readonly Move[]): Promise<void> {
    if (mapping === null || table === null) return;
    const headers = tableHeaders(table);
    const ref: AccountsTableRef = {
      table: tableName,
      idColumn: headers[mapping.id],
      territoryColumn: headers[mapping.territory],
    };
    const time = new Date().toISOString();
    const audit = moves.map((move): AuditEntry => ({
      time,
      user: me,
      node: move.to,
      field: `account ${move.account}`,
      oldValue: move.from,
      newValue: move.to,
      note: "Balanced",
      identity: who.source,
    }));
    setApplying(true);
    try {
      const result = await actions.moveAccounts(
        ref,
        moves.map(({ account, from, to }) => ({ account, from, to })),
        audit,
      );
      if (result === undefined) return;
      const again = await actions.readTable(tableName);
      if (again !== undefined) setTable(again);
      setSuggestion(null);
      setRefused(result.refused);
      const parts = [
        ...(result.moved.length > 0 ? [`${balancePaneMessages.moved(result.moved.length)}.`] : []),
        ...(result.refused.length > 0 ? [balancePaneMessages.refused(result.refused.length)] : []),
      ];
      setFeedback({
        intent: result.refused.length > 0 ? "warning" : "success",
        text: parts.join(" "),
        conflict: result.refused.length > 0,
      });
    } finally {
      setApplying(false);
    }
  }

  async function keep(balancing: BalancingSettings): Promise<void> {
    setKeeping(true);
    try {
      const audit = balancingAudit(kept, balancing, { time: new Date().toISOString(), user: me, identity: who.source });
      const result = await actions.saveBalancing(balancing, kept, audit);
      if (result === undefined) return;
      if (result.ok) {
        setFeedback({ intent: "success", text: balancePaneMessages.kept });
        return;
      }
      // Theirs is shown: the fields take the settings the plan now keeps.
      setBand(bandText(result.current));
      if (table !== null) setMapping(mappingFor(table, result.current));
      setFeedback({ intent: "warning", text: balancePaneMessages.keptByOthers, conflict: true });
    } finally {
      setKeeping(false);
    }
  }

  async function refreshTables(): Promise<void> {
    setTables((await actions.listTables()) ?? []);
    if (tableName !== "") await chooseTable(tableName);
  }

  if (view.problems.length > 0) {
    return <HierarchyProblems problems={view.problems} />;
  }

  return (
    <div className={styles.root}>
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} signedInAs={who.signedInAs} note={who.note} />
      <Section title="Accounts">
        {tables === undefined ? <Spinner size="tiny" label="Listing the workbook's tables…" /> : null}
        {tables !== undefined && tables.length === 0 ? <Text>{balancePaneMessages.noTables}</Text> : null}
        {tables !== undefined && tables.length > 0 ? (
          <Field label="Accounts table" hint={tableName === "" ? balancePaneMessages.chooseTable : undefined}>
            <Select value={tableName} onChange={(_event, data) => void chooseTable(data.value)}>
              <option value="">Choose a table…</option>
              {tables.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <div className={styles.buttons}>
          <Button size="small" disabled={busy} onClick={() => void refreshTables()}>
            Read the tables again
          </Button>
        </div>
        {keptTableMissing ? (
          <MessageBar intent="warning">
            <MessageBarBody>{balancePaneMessages.missingTable(kept.accountsTable)}</MessageBarBody>
          </MessageBar>
        ) : null}
        {table !== null && mapping !== null ? (
          <MappingFields headers={tableHeaders(table)} mapping={mapping} onChange={setMapping} />
        ) : null}
        {read !== null ? <AccountProblems read={read} /> : null}
      </Section>

      <Section title="Territories">
        <div className={styles.options}>
          <NodePicker
            label="Balance the territories under"
            nodes={parents}
            value={parent}
            onChange={(id) => setParent(id)}
          />
          <Field
            label="Band around the average (%)"
            validationState={tolerance === null ? "error" : "none"}
            validationMessage={tolerance === null ? "Enter a percentage of 0 or more, like 5" : undefined}
          >
            <Input value={band} inputMode="decimal" onChange={(_event, data) => setBand(data.value)} />
          </Field>
        </div>
        <Field label="Move as little as possible of">
          <RadioGroup
            layout="horizontal"
            value={minimise}
            onChange={(_event, data) => setMinimise(data.value as Minimise)}
          >
            <Radio value="accounts" label="Accounts" />
            <Radio value="potential" label="Potential" />
          </RadioGroup>
        </Field>
        {balances !== null && parent !== null && !blocked ? (
          <BalanceTable
            label={`Workload of the territories under ${name(parent)}`}
            balances={balances}
            name={name}
            locale={locale}
            band={bandShown}
          />
        ) : null}
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={!ready || busy || applying} onClick={suggest}>
            Suggest moves
          </Button>
          <Button
            disabled={current === null || !unkept || busy || keeping}
            onClick={() => current !== null && void keep(current)}
          >
            {keeping ? "Keeping…" : "Keep these settings for the plan"}
          </Button>
        </div>
        {unkept && kept !== undefined ? <Caption1>{balancePaneMessages.unsaved}</Caption1> : null}
      </Section>

      {suggestion !== null && !suggestion.ok ? (
        <MessageBar intent="error">
          <MessageBarBody>{suggestion.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {proposal !== null ? (
        <Section title="Suggested moves">
          <Text aria-live="polite">
            {proposal.moves.length === 0 && proposal.withinBand
              ? balancePaneMessages.alreadyBalanced(bandShown)
              : balancePaneMessages.suggested(proposal.moves.length, bandShown, proposal.withinBand)}
          </Text>
          {proposal.moves.length > 0 ? (
            <>
              <MovesTable moves={proposal.moves} name={name} locale={locale} />
              <BalanceTable
                label="Balance before and after the moves"
                balances={proposal.after}
                before={proposal.before}
                name={name}
                locale={locale}
                band={bandShown}
              />
              <div className={styles.buttons}>
                <Button appearance="primary" disabled={busy || applying} onClick={() => void apply(proposal.moves)}>
                  {applying
                    ? "Applying…"
                    : `Apply ${proposal.moves.length} move${proposal.moves.length === 1 ? "" : "s"}`}
                </Button>
              </div>
            </>
          ) : null}
        </Section>
      ) : null}

      <FeedbackBar
        feedback={feedback}
        onDismiss={() => setFeedback(null)}
        onReload={() => {
          setFeedback(null);
          setRefused([]);
          void chooseTable(tableName);
        }}
      />
      {refused.length > 0 ? (
        <ul className={styles.refused} aria-label="Moves not made">
          {refused.map((move) => (
            <li key={move.account}>{move.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What is wrong with the accounts table: the weights, then each bad row, the first few. */
function AccountProblems({ read }: { read: AccountsRead }): React.JSX.Element | null {
  const styles = useStyles();
  const messages =
    read.settingsProblem !== null ? [read.settingsProblem] : read.problems.map((problem) => problem.message);
  if (messages.length === 0) return null;
  const hidden = messages.length - PROBLEMS_SHOWN;
  return (
    <div className={styles.problems} role="group" aria-label="Problems in the accounts table">
      {read.settingsProblem === null ? (
        <Text weight="semibold">{balancePaneMessages.fixRowsFirst(read.problems.length)}</Text>
      ) : null}
      {messages.slice(0, PROBLEMS_SHOWN).map((message, i) => (
        <MessageBar key={i} intent="error">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      ))}
      {hidden > 0 ? <Caption1>{`and ${hidden} more`}</Caption1> : null}
    </div>
  );
}
