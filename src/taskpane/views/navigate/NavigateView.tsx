import * as React from "react";
import { HierarchyProblems } from "../../components/HierarchyProblems";
import {
  Button,
  Caption1,
  Field,
  FlatTree,
  FlatTreeItem,
  SearchBox,
  Select,
  Text,
  TreeItemLayout,
  makeStyles,
  mergeClasses,
  tokens,
  type TreeNavigationData_unstable,
  type TreeNavigationEvent_unstable,
  type TreeOpenChangeData,
} from "@fluentui/react-components";
import { WarningFilled } from "@fluentui/react-icons";
import { SHEETS, TABLES } from "../../../core/plan/layout/names";
import { formatNumber } from "../../../core/plan/numbers";
import type { Coverage } from "../../../core/territory/capacity";
import {
  capacityPaneMessages,
  profilesPaneMessages,
  referencePaneMessages,
  type TerritoryProblem,
} from "../../../core/territory/messages";
import type { OptionalTable } from "../../../core/plan/layout/optionalTables";
import { planCapacityOf, type NodeCapacity } from "../../../core/territory/planCapacity";
import { CapacityProblems } from "../../components/CapacityProblems";
import { coverageText } from "../../components/coverageText";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import { planViewOf, type Figures, type NodeView } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { StatusBadge } from "../../components/StatusBadge";
import { changedOutside, historyOf } from "../../../core/plan/submissions";
import { useAuditHistories } from "../../hooks/useAuditHistories";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { useWindowedRows } from "../../hooks/useWindowedRows";
import { ancestorIds, indexTree, openToLevel, visibleRows } from "./treeRows";

export interface NavigateViewProps {
  plan: Plan;
  locale: string;
  /** The node selected here or in the sheet. */
  selectedNode: string | null;
  actions: WorkbookActions;
}

/** Fixed, so a row's position is its index times this and only the rows on screen are rendered. */
export const TREE_ROW_HEIGHT = 48;
const ALL_LEVELS = 0;
const TOTAL = -1;
const DEFAULT_LEVEL = 2;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    flexGrow: 1,
    minHeight: 0,
  },
  controls: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  viewport: {
    flexGrow: 1,
    minHeight: "240px",
    overflowY: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  // Fluent's tree puts a 2px gap between rows: a row would then be 50px apart, not 48, and a node
  // revealed from the sheet far down the list was scrolled in 2px per drawn row short (cut off).
  tree: { rowGap: 0 },
  item: { height: `${TREE_ROW_HEIGHT}px`, boxSizing: "border-box" },
  // A row is a line of name and status over a line of numbers, at a fixed height. The badge sits
  // beside the name so the numbers get the row's whole width; in a narrow pane the name and the
  // numbers are cut with an ellipsis (the full text is in their title), and the badge keeps its size.
  layoutMain: { flexGrow: 1, minWidth: 0, paddingInlineEnd: tokens.spacingHorizontalS },
  heading: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  main: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    lineHeight: tokens.lineHeightBase200,
  },
  name: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  figures: {
    color: tokens.colorNeutralForeground2,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  within: { color: tokens.colorPaletteGreenForeground1 },
  outside: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { verticalAlign: "text-bottom" },
  coverage: { flexShrink: 0, marginInlineStart: "auto", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  addCapacity: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Colour and icon alone don't reach screen readers; this text does.
  screenReaderOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

/** The plan's hierarchy with each node's numbers; selection follows the sheet both ways. */
export function NavigateView({ plan, locale, selectedNode, actions }: NavigateViewProps): React.JSX.Element {
  const styles = useStyles();
  const view = planViewOf(plan);
  const capacity = planCapacityOf(plan);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const [adding, setAdding] = React.useState(false);
  const histories = useAuditHistories(plan, actions);
  const index = React.useMemo(() => indexTree(view.nodes), [view]);
  const position = React.useMemo(() => new Map(view.nodes.map((node, i) => [node.id, i])), [view]);

  const [level, setLevel] = React.useState(DEFAULT_LEVEL);
  const [open, setOpen] = React.useState<ReadonlySet<string>>(() => openToLevel(view.nodes, DEFAULT_LEVEL));
  const [query, setQuery] = React.useState("");
  const search = React.useDeferredValue(query).trim();
  // Collapsing while searching hides only within the results; clearing the search restores the tree.
  const [collapsedInSearch, setCollapsedInSearch] = React.useState<ReadonlySet<string>>(new Set());
  const [period, setPeriod] = React.useState(TOTAL);

  const isOpen = React.useCallback(
    (id: string) => (search === "" ? open.has(id) : !collapsedInSearch.has(id)),
    [search, open, collapsedInSearch],
  );
  const rows = React.useMemo(() => visibleRows(view.nodes, index, isOpen, search), [view, index, isOpen, search]);
  const openItems = React.useMemo(() => {
    const ids = new Set<string>();
    for (const row of rows)
      if (view.nodes[row].childCount > 0 && isOpen(view.nodes[row].id)) ids.add(view.nodes[row].id);
    return ids;
  }, [rows, view, isOpen]);
  const rowOf = React.useMemo(() => new Map(rows.map((node, row) => [view.nodes[node].id, row])), [rows, view]);

  const windowed = useWindowedRows({ count: rows.length, rowHeight: TREE_ROW_HEIGHT });
  const viewport = React.useRef<HTMLElement | null>(null);
  const [focusTarget, setFocusTarget] = React.useState<string | null>(null);

  // A node selected in the sheet is revealed: its ancestors opened (and the search cleared if it hides it), then scrolled to.
  const revealed = React.useRef<string | null>(null);
  const { scrollToIndex } = windowed;
  React.useEffect(() => {
    if (selectedNode === null || revealed.current === selectedNode) return;
    const row = rowOf.get(selectedNode);
    if (row !== undefined) {
      revealed.current = selectedNode;
      scrollToIndex(row);
      return;
    }
    const node = position.get(selectedNode);
    if (node === undefined) return;
    const ancestors = ancestorIds(view.nodes, index, node);
    if (search !== "") {
      setQuery("");
      return;
    }
    if (ancestors.some((id) => !open.has(id))) setOpen(new Set([...open, ...ancestors]));
  }, [selectedNode, rowOf, position, view, index, search, open, scrollToIndex]);

  React.useEffect(() => {
    if (focusTarget === null) return;
    const items = viewport.current?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [];
    for (const item of items) {
      if (item.getAttribute("data-fui-tree-item-value") === focusTarget) {
        item.focus();
        setFocusTarget(null);
        return;
      }
    }
  });

  function focusRow(row: number): void {
    if (row < 0 || row >= rows.length) return;
    scrollToIndex(row);
    setFocusTarget(view.nodes[rows[row]].id);
  }

  /**
   * Fluent's own arrow-key navigation walks the DOM, where off-screen rows don't exist; moves
   * are made here over the whole list instead, then the target row is scrolled in and focused.
   */
  function navigate(event: TreeNavigationEvent_unstable, data: TreeNavigationData_unstable): void {
    const row = rowOf.get(String(data.value));
    if (row === undefined) return;
    const node = rows[row];
    let target: number | undefined;
    switch (data.type) {
      case "ArrowDown":
        target = row + 1;
        break;
      case "ArrowUp":
        target = row - 1;
        break;
      case "Home":
        target = 0;
        break;
      case "End":
        target = rows.length - 1;
        break;
      case "ArrowLeft": {
        const parent = index.parent[node];
        target = parent < 0 ? undefined : rowOf.get(view.nodes[parent].id);
        break;
      }
      case "ArrowRight":
        target = index.parent[rows[row + 1] ?? -1] === node ? row + 1 : undefined;
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target !== undefined) focusRow(target);
  }

  function changeOpen(_event: unknown, data: TreeOpenChangeData): void {
    const id = String(data.value);
    const update = (current: ReadonlySet<string>, add: boolean): Set<string> => {
      const next = new Set(current);
      if (add) next.add(id);
      else next.delete(id);
      return next;
    };
    if (search === "") setOpen((current) => update(current, data.open));
    else setCollapsedInSearch((current) => update(current, !data.open));
  }

  function changeLevel(next: number): void {
    setLevel(next);
    setQuery("");
    setOpen(openToLevel(view.nodes, next === ALL_LEVELS ? Infinity : next));
  }

  React.useEffect(() => setCollapsedInSearch(new Set()), [search]);

  const setViewport = React.useCallback(
    (element: HTMLDivElement | null) => {
      viewport.current = element;
      windowed.viewportRef(element);
    },
    [windowed.viewportRef],
  );

  if (view.problems.length > 0) {
    return <HierarchyProblems problems={view.problems} />;
  }

  /** An optional table's bad rows; null while the plan has no such table (Navigate offers to add it). */
  const problemsOf = (kind: OptionalTable): readonly TerritoryProblem[] | null => {
    if (kind === "capacity") return capacity?.problems ?? null;
    return plan[kind]?.problems ?? null;
  };

  async function addTable(kind: OptionalTable): Promise<void> {
    const { messages } = OPTIONAL_TABLES[kind];
    setAdding(true);
    try {
      const added = await actions.addTable(kind);
      if (added !== undefined)
        setFeedback({
          intent: added === "added" ? "success" : "info",
          text: added === "added" ? messages.added(SHEETS[kind]) : messages.exists(SHEETS[kind]),
        });
    } finally {
      setAdding(false);
    }
  }

  const levels = Array.from({ length: view.maxDepth }, (_, i) => i + 1);
  return (
    <div className={styles.root}>
      <SearchBox
        aria-label="Search nodes by name"
        placeholder="Search by name"
        value={query}
        onChange={(_event, data) => setQuery(data.value)}
      />
      <div className={styles.controls}>
        <Field label="Show">
          <Select
            value={String(level > view.maxDepth ? ALL_LEVELS : level)}
            onChange={(_event, data) => changeLevel(Number(data.value))}
          >
            {levels.map((depth) => (
              <option key={depth} value={depth}>
                {depth === 1 ? "Level 1 only" : `Down to level ${depth}`}
              </option>
            ))}
            <option value={ALL_LEVELS}>All levels</option>
          </Select>
        </Field>
        <Field label="Numbers for">
          <Select value={String(period)} onChange={(_event, data) => setPeriod(Number(data.value))}>
            <option value={TOTAL}>All periods</option>
            {view.periods.map((label, i) => (
              <option key={label} value={i}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={() => void actions.reload()} />
      {OPTIONAL_KINDS.map((kind) => {
        const problems = problemsOf(kind);
        return problems === null ? null : (
          <CapacityProblems
            key={kind}
            problems={problems}
            title={OPTIONAL_TABLES[kind].messages.problems}
            onGoTo={(row) => actions.selectSourceRow({ kind: "table", name: TABLES[kind] }, row)}
          />
        );
      })}
      {rows.length === 0 ? (
        <Text role="status">{search === "" ? "The plan has no nodes." : `No node name contains "${search}".`}</Text>
      ) : null}
      <div ref={setViewport} onScroll={windowed.onScroll} className={styles.viewport}>
        <FlatTree
          aria-label="Plan hierarchy"
          className={styles.tree}
          size="small"
          openItems={openItems}
          onOpenChange={changeOpen}
          onNavigation={navigate}
        >
          <div role="none" style={{ height: windowed.padTop }} />
          {rows.slice(windowed.start, windowed.end).map((node) => {
            const nodeView = view.nodes[node];
            const parent = index.parent[node];
            return (
              <NodeRow
                key={nodeView.id}
                view={nodeView}
                parentId={parent < 0 ? undefined : view.nodes[parent].id}
                setSize={index.setSize[node]}
                posInSet={index.posInSet[node]}
                selected={nodeView.id === selectedNode}
                figures={period === TOTAL ? nodeView.total : nodeView.periods[period]}
                coverage={coverageOf(capacity?.byId.get(nodeView.id), period)}
                decimals={plan.settings.decimals}
                locale={locale}
                onSelect={actions.selectNode}
                outside={
                  histories !== undefined &&
                  changedOutside(nodeView.entry, historyOf(histories, nodeView.id)).length > 0
                }
              />
            );
          })}
          <div role="none" style={{ height: windowed.padBottom }} />
        </FlatTree>
      </div>
      {OPTIONAL_KINDS.filter((kind) => problemsOf(kind) === null).map((kind) => (
        <div key={kind} className={styles.addCapacity}>
          <Button size="small" disabled={adding} onClick={() => void addTable(kind)}>
            {OPTIONAL_TABLES[kind].add}
          </Button>
          <Caption1>{OPTIONAL_TABLES[kind].messages.offer}</Caption1>
        </div>
      ))}
    </div>
  );
}

/** The plan's optional tables: what Navigate's button says to add each, and what it says of them. */
const OPTIONAL_TABLES = {
  capacity: { add: "Add capacity table", messages: capacityPaneMessages },
  reference: { add: "Add last year's values", messages: referencePaneMessages },
  profiles: { add: "Add seasonality profiles", messages: profilesPaneMessages },
} as const satisfies Record<OptionalTable, unknown>;
const OPTIONAL_KINDS: readonly OptionalTable[] = ["capacity", "reference", "profiles"];

/** A node's coverage in the period shown (or over all periods); null without a capacity table. */
function coverageOf(capacity: NodeCapacity | undefined, period: number): Coverage | null {
  if (capacity === undefined) return null;
  return period === TOTAL ? capacity.total : capacity.periods[period];
}

interface NodeRowProps {
  view: NodeView;
  parentId: string | undefined;
  setSize: number;
  posInSet: number;
  selected: boolean;
  figures: Figures;
  /** Target against capacity; null when the plan has no capacity table. */
  coverage: Coverage | null;
  decimals: number;
  locale: string;
  /** Someone typed over its submitted or approved values outside Groundup. */
  outside: boolean;
  onSelect(id: string): void;
}

/**
 * One node. Its accessible name is just the node's name; its numbers and status are the
 * description, so a screen reader says "Europe" first, then the details.
 */
function NodeRow({
  view,
  parentId,
  setSize,
  posInSet,
  selected,
  figures,
  coverage,
  decimals,
  locale,
  outside,
  onSelect,
}: NodeRowProps): React.JSX.Element {
  const styles = useStyles();
  const id = React.useId();
  const number = (value: number | null): string => (value === null ? "—" : formatNumber(value, locale, decimals));
  const signed = (value: number, text: string): string => (value > 0 ? `+${text}` : text);
  const amounts = `BU ${number(figures.bottomUp)} · TD ${number(figures.topDown)}`;
  let varianceText = "";
  let variance: React.ReactNode = null;
  if (figures.variance !== null) {
    const pct =
      figures.variancePct === null
        ? ""
        : ` (${signed(figures.variancePct, formatNumber(figures.variancePct * 100, locale, 1))} %)`;
    varianceText = ` · Var ${signed(figures.variance, number(figures.variance))}${pct}`;
    variance = (
      <span className={figures.outOfTolerance ? styles.outside : styles.within}>
        {varianceText}
        {figures.outOfTolerance ? (
          <>
            <span className={styles.screenReaderOnly}>, outside tolerance</span>
            <WarningFilled className={styles.warning} aria-hidden />
          </>
        ) : null}
      </span>
    );
  }
  let coverageTitle = "";
  let covered: React.ReactNode = null;
  if (coverage !== null) {
    const text = coverageText(coverage, locale);
    coverageTitle = ` · Cov ${text.value}${text.flag}`;
    // Beside the status, not after the numbers: a narrow pane cuts the numbers' line short.
    covered = (
      <Caption1 id={`${id}-coverage`} className={mergeClasses(styles.coverage, text.flag !== "" && styles.outside)}>
        {`Cov ${text.value}`}
        {text.flag === "" ? null : (
          <>
            <span className={styles.screenReaderOnly}>{text.flag}</span>
            <WarningFilled className={styles.warning} aria-hidden />
          </>
        )}
      </Caption1>
    );
  }
  return (
    <FlatTreeItem
      value={view.id}
      parentValue={parentId}
      itemType={view.childCount > 0 ? "branch" : "leaf"}
      aria-level={view.depth}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      aria-selected={selected}
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-figures ${id}-status${covered === null ? "" : ` ${id}-coverage`}`}
      className={mergeClasses(styles.item, selected && styles.selected)}
      onClick={(event) => {
        // Selecting never toggles: the chevron and the arrow keys open and close.
        event.preventDefault();
        onSelect(view.id);
      }}
      onKeyDown={(event) => {
        if (event.key === " " && event.target === event.currentTarget) {
          event.preventDefault();
          onSelect(view.id);
        }
      }}
    >
      <TreeItemLayout main={{ className: styles.layoutMain }}>
        <div className={styles.main}>
          <div className={styles.heading}>
            <Text
              id={`${id}-name`}
              weight={view.depth === 1 ? "semibold" : "regular"}
              className={styles.name}
              title={view.node.name}
            >
              {view.node.name}
            </Text>
            {covered}
            <span id={`${id}-status`}>
              <StatusBadge status={view.status} />
              {outside ? <Caption1 className={styles.outside}> changed outside Groundup</Caption1> : null}
            </span>
          </div>
          <Caption1
            id={`${id}-figures`}
            className={styles.figures}
            title={`${amounts}${varianceText}${figures.outOfTolerance ? ", outside tolerance" : ""}${coverageTitle}`}
          >
            {amounts}
            {variance}
          </Caption1>
        </div>
      </TreeItemLayout>
    </FlatTreeItem>
  );
}
