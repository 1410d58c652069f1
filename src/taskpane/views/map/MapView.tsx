import * as React from "react";
import { HierarchyProblems } from "../../components/HierarchyProblems";
import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { scaleFor } from "../../../core/map/colourScale";
import {
  MAP_MEASURES,
  attributeColumns,
  geographyColumn,
  regionFigures,
  type MapMeasure,
  type MapPeriod,
  type RegionFigures,
} from "../../../core/map/regionFigures";
import { mapMessages } from "../../../core/map/messages";
import { BALANCE_BAND, withBalance } from "../../../core/map/regionBalance";
import { withCoverage } from "../../../core/map/regionCoverage";
import { planCapacityOf } from "../../../core/territory/planCapacity";
import { planViewOf } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { Section } from "../reconcile/Section";
import { MapDrawing } from "./MapDrawing";
import { MapLegend } from "./MapLegend";
import { RegionTable } from "./RegionTable";
import { accountPoints, MAX_ACCOUNT_POINTS } from "./accountPoints";
import { useAccounts } from "./useAccounts";
import { MEASURE_LABELS } from "./regionText";
import { useShapes } from "./useShapes";

export interface MapViewProps {
  plan: Plan;
  locale: string;
  /** The node selected here or in the sheet. */
  selectedNode: string | null;
  actions: WorkbookActions;
}

/** Problems listed before "and N more": a column of misspellings shouldn't fill the pane. */
const PROBLEMS_SHOWN = 5;
const TOTAL = "total";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  controls: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  accounts: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  caption: { flexBasis: "100%" },
  map: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "#f4f8fb",
    minHeight: "120px",
  },
});

/**
 * The plan on a map: the regions a hierarchy column names (countries or US states), coloured by
 * variance %, by share of the company's bottom-up or, with an accounts table, by workload balance; choosing a region selects its node in the sheet.
 */
export function MapView({ plan, locale, selectedNode, actions }: MapViewProps): React.JSX.Element {
  const styles = useStyles();
  const view = React.useMemo(() => planViewOf(plan), [plan]);
  const columns = React.useMemo(() => attributeColumns(view), [view]);
  const detected = React.useMemo(() => geographyColumn(view), [view]);
  const [chosenColumn, setColumn] = React.useState<string | null>(null);
  const [measure, setMeasure] = React.useState<MapMeasure>("variance");
  const [period, setPeriod] = React.useState<MapPeriod>(TOTAL);
  const [chosenRegion, setChosenRegion] = React.useState<string | null>(null);

  const column = chosenColumn !== null && columns.includes(chosenColumn) ? chosenColumn : (detected ?? columns[0]);
  const shownPeriod = period !== TOTAL && period >= view.periods.length ? TOTAL : period;
  const { accounts, reread: readAccountsAgain } = useAccounts(plan, actions);
  const balances = accounts?.balances ?? null;
  const band = accounts?.band ?? BALANCE_BAND;
  const [showAccounts, setShowAccounts] = React.useState(true);
  const capacity = planCapacityOf(plan);
  const measures = MAP_MEASURES.filter(
    (value) => (value !== "balance" || balances !== null) && (value !== "coverage" || capacity !== null),
  );
  const shownMeasure = measures.includes(measure) ? measure : "variance";
  const map = React.useMemo(() => {
    if (column === undefined) return null;
    const figures = regionFigures(view, column, plan.settings.tolerance, shownPeriod);
    const balanced = balances === null ? figures : withBalance(figures, balances, band);
    return capacity === null ? balanced : withCoverage(balanced, capacity, shownPeriod, plan.settings.tolerance);
  }, [view, column, plan.settings.tolerance, shownPeriod, balances, band, capacity]);
  const shapes = useShapes(map?.kind ?? "world");
  const located = accounts?.located;
  const dots = React.useMemo(
    () =>
      shapes.state !== "ready" || located === undefined || located.length === 0
        ? null
        : accountPoints(located, shapes.shapes.project),
    [shapes, located],
  );
  const byKey = React.useMemo(() => new Map(map?.regions.map((region) => [region.region.key, region])), [map]);
  const names = React.useMemo(() => new Map(view.nodes.map((node) => [node.id, node.node.name])), [view]);

  if (view.problems.length > 0) {
    return <HierarchyProblems problems={view.problems} />;
  }
  if (column === undefined || map === null) {
    return (
      <Text>
        The hierarchy has no column of places. Add a column such as Country or State to the hierarchy table, with each
        territory&apos;s country or US state, then refresh.
      </Text>
    );
  }

  const scale = scaleFor(shownMeasure, map.regions, plan.settings.tolerance, band);
  const selectedRegion =
    map.regions.find((region) => selectedNode !== null && region.nodes.includes(selectedNode))?.region.key ??
    (chosenRegion !== null && byKey.has(chosenRegion) ? chosenRegion : null);

  /** Selects the region's node; choosing it again moves on to its next node, so each is reachable. */
  function choose(region: RegionFigures): void {
    const at = selectedNode === null ? -1 : region.nodes.indexOf(selectedNode);
    setChosenRegion(region.region.key);
    actions.selectNode(region.nodes[(at + 1) % region.nodes.length]);
  }

  const mapName = map.kind === "us" ? "US states" : "countries";
  const undrawn =
    shapes.state === "ready"
      ? map.regions.filter((region) => !shapes.shapes.shapes.some((shape) => shape.key === region.region.key))
      : [];
  const chosen = selectedRegion === null ? undefined : byKey.get(selectedRegion);
  return (
    <div className={styles.root}>
      <div className={styles.controls}>
        <Field label="Places from">
          <Select value={column} onChange={(_event, data) => setColumn(data.value)}>
            {columns.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Colour by">
          <Select value={shownMeasure} onChange={(_event, data) => setMeasure(data.value as MapMeasure)}>
            {measures.map((value) => (
              <option key={value} value={value}>
                {MEASURE_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Numbers for">
          <Select
            value={String(shownPeriod)}
            onChange={(_event, data) => setPeriod(data.value === TOTAL ? TOTAL : Number(data.value))}
          >
            <option value={TOTAL}>All periods</option>
            {view.periods.map((label, i) => (
              <option key={label} value={i}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {map.problems.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {map.problems.length === 1 ? "1 node isn't on the map" : `${map.problems.length} nodes aren't on the map`}
            </MessageBarTitle>
            <ul className={styles.problems}>
              {map.problems.slice(0, PROBLEMS_SHOWN).map((problem) => (
                <li key={problem.node}>{problem.message}</li>
              ))}
              {map.problems.length > PROBLEMS_SHOWN ? (
                <li>{`and ${map.problems.length - PROBLEMS_SHOWN} more`}</li>
              ) : null}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {map.regions.length === 0 ? (
        <Text>{`No node has a country or US state in column ${column}.`}</Text>
      ) : (
        <>
          <MapLegend scale={scale} locale={locale} />
          <div className={styles.map}>
            {shapes.state === "loading" ? <Spinner size="small" label="Drawing the map…" /> : null}
            {shapes.state === "failed" ? (
              <MessageBar intent="error">
                <MessageBarBody>{`The map couldn't be loaded (${shapes.message}); the table below has every region.`}</MessageBarBody>
                <Button size="small" onClick={shapes.retry}>
                  Try again
                </Button>
              </MessageBar>
            ) : null}
            {shapes.state === "ready" ? (
              <MapDrawing
                shapes={shapes.shapes}
                regions={byKey}
                scale={scale}
                measure={shownMeasure}
                locale={locale}
                selected={selectedRegion}
                label={`Map of ${mapName} by ${MEASURE_LABELS[shownMeasure].toLowerCase()}`}
                points={showAccounts && dots !== null ? dots.points : []}
                onChoose={choose}
              />
            ) : null}
          </div>
          {accounts !== null ? (
            <div className={styles.accounts}>
              {dots !== null ? (
                <Switch
                  checked={showAccounts}
                  onChange={(_event, data) => setShowAccounts(data.checked)}
                  label="Show accounts"
                />
              ) : null}
              {/* The pane hears of changes to the plan's tables only: accounts edited in the sheet need this. */}
              <Button size="small" appearance="subtle" onClick={readAccountsAgain}>
                Read accounts again
              </Button>
              {dots !== null ? (
                <Caption1 block className={styles.caption}>
                  {mapMessages.accountDots(
                    { drawn: dots.points.length, onMap: dots.onMap, offMap: dots.offMap, cap: MAX_ACCOUNT_POINTS },
                    showAccounts,
                    (n) => n.toLocaleString(locale),
                  )}
                </Caption1>
              ) : null}
            </div>
          ) : null}
          <Caption1 role="status">
            {chosen !== undefined && selectedNode !== null && chosen.nodes.includes(selectedNode)
              ? `${names.get(selectedNode) ?? selectedNode} selected (${chosen.nodes.indexOf(selectedNode) + 1} of ${chosen.nodes.length} in ${chosen.region.name})`
              : ""}
          </Caption1>
          {undrawn.length > 0 ? (
            <Caption1>{`Too small to draw at this scale: ${undrawn.map((region) => region.region.name).join(", ")}.`}</Caption1>
          ) : null}
          <Section title="Regions">
            <RegionTable
              regions={map.regions}
              measure={shownMeasure}
              locale={locale}
              decimals={plan.settings.decimals}
              names={names}
              onSelectNode={actions.selectNode}
            />
          </Section>
        </>
      )}
    </div>
  );
}
