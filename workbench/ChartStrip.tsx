import * as React from "react";
import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartInfo, MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import { chartData, chartTypeName, chartsOn, describeChart, type ChartData } from "./charts";
import { formatNumberAs } from "./format";

export interface ChartStripProps {
  workbook: MemoryWorkbook;
  /** The sheet shown: only its charts are drawn. */
  sheet: string;
}

const WIDTH = 320;
const HEIGHT = 140;
/** Room for the value axis's labels (columns, lines) or the category labels (bars). */
const AXIS_WIDTH = { value: 48, category: 96 } as const;
const LABEL_HEIGHT = 16;
const PAD = 6;
const CHAR_WIDTH = 6;
/** Excel's default series colours. */
const COLORS = ["#4472c4", "#ed7d31", "#a5a5a5", "#ffc000", "#5b9bd5", "#70ad47"];

const useStyles = makeStyles({
  strip: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    overflowX: "auto",
    flexShrink: 0,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  figure: {
    margin: 0,
    flexShrink: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    width: `${WIDTH}px`,
  },
  caption: { display: "flex", flexDirection: "column" },
  type: { color: tokens.colorNeutralForeground3 },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, margin: 0, padding: 0 },
  key: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, listStyleType: "none" },
  swatch: { width: "10px", height: "10px", flexShrink: 0 },
  svgText: { fontSize: "10px", fill: tokens.colorNeutralForeground2 },
});

/**
 * The charts of the sheet shown, above its grid: each with its title, type and source range, and a
 * small drawing of its current values (a stand-in for the native chart Excel would float there).
 */
export function ChartStrip({ workbook, sheet }: ChartStripProps): React.JSX.Element | null {
  const styles = useStyles();
  const charts = chartsOn(workbook, sheet);
  if (charts.length === 0) return null;
  return (
    <section className={styles.strip} aria-label="Charts on this sheet">
      {charts.map((chart, i) => (
        <ChartFigure key={chart.name ?? i} chart={chart} data={chartData(workbook, chart)} />
      ))}
    </section>
  );
}

function ChartFigure({ chart, data }: { chart: ChartInfo; data: ChartData }): React.JSX.Element {
  const styles = useStyles();
  const titleId = React.useId();
  const seriesNames = data.series.map((series) => series.name).join(" and ");
  return (
    <figure className={styles.figure} aria-labelledby={titleId}>
      <figcaption className={styles.caption}>
        <Text id={titleId} weight="semibold">
          {chart.title}
        </Text>
        <Caption1 className={styles.type}>{describeChart(chart)}</Caption1>
      </figcaption>
      <svg
        role="img"
        aria-label={`${chartTypeName(chart.type)} chart of ${seriesNames} for ${data.categories.join(", ")}`}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      >
        <Plot type={chart.type} data={data} textClass={styles.svgText} />
      </svg>
      <ul className={styles.legend} aria-label="Legend">
        {data.series.map((series, s) => (
          <li key={series.name} className={styles.key}>
            <span className={styles.swatch} style={{ backgroundColor: COLORS[s % COLORS.length] }} />
            <Caption1>{series.name}</Caption1>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function clip(text: string, width: number): string {
  const room = Math.max(1, Math.floor(width / CHAR_WIDTH));
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1))}…`;
}

interface PlotProps {
  type: ChartInfo["type"];
  data: ChartData;
  textClass: string;
}

/** Columns, bars or lines from zero (or the lowest value, when below it) to the highest value. */
function Plot({ type, data, textClass }: PlotProps): React.JSX.Element {
  const { categories, series } = data;
  const numbers = series.flatMap((one) => one.values);
  const lo = Math.min(0, ...numbers);
  const hi = Math.max(lo + 1, ...numbers);
  const axisFormat = hi - lo < 10 ? "General" : "#,##0";
  const bars = type === "barClustered";
  const groups = Math.max(1, categories.length);

  // Value runs along `length` (up for columns and lines, right for bars); categories across `band`s.
  const valueStart = bars ? AXIS_WIDTH.category : HEIGHT - LABEL_HEIGHT;
  const valueEnd = bars ? WIDTH - PAD : PAD;
  const crossStart = bars ? PAD : AXIS_WIDTH.value;
  const crossEnd = bars ? HEIGHT - LABEL_HEIGHT : WIDTH - PAD;
  const at = (value: number): number => valueStart + ((value - lo) / (hi - lo)) * (valueEnd - valueStart);
  const band = (crossEnd - crossStart) / groups;
  const barWidth = (band * 0.7) / Math.max(1, series.length);
  const point = (value: number, across: number): { x: number; y: number } =>
    bars ? { x: at(value), y: across } : { x: across, y: at(value) };

  const zero = point(0, crossStart);
  const zeroEnd = point(0, crossEnd);
  const ticks = lo < 0 ? [lo, 0, hi] : [0, hi];

  return (
    <>
      <line x1={zero.x} y1={zero.y} x2={zeroEnd.x} y2={zeroEnd.y} stroke="#8a8a8a" />
      {ticks.map((tick) => {
        const place = bars ? { x: at(tick), y: HEIGHT - 4 } : { x: AXIS_WIDTH.value - 4, y: at(tick) + 3 };
        return (
          <text key={tick} x={place.x} y={place.y} textAnchor={bars ? "middle" : "end"} className={textClass}>
            {formatNumberAs(tick, axisFormat)}
          </text>
        );
      })}
      {categories.map((category, c) => {
        const middle = crossStart + (c + 0.5) * band;
        const place = bars ? { x: AXIS_WIDTH.category - 4, y: middle + 3 } : { x: middle, y: HEIGHT - 4 };
        const room = bars ? AXIS_WIDTH.category - 8 : band;
        return (
          <text
            key={`${category}-${c}`}
            x={place.x}
            y={place.y}
            textAnchor={bars ? "end" : "middle"}
            className={textClass}
          >
            {clip(category, room)}
          </text>
        );
      })}
      {series.map((one, s) => {
        const color = COLORS[s % COLORS.length];
        if (type === "line") {
          const points = one.values.map((value, c) => point(value, crossStart + (c + 0.5) * band));
          return (
            <g key={one.name}>
              <polyline
                points={points.map(({ x, y }) => `${x},${y}`).join(" ")}
                fill="none"
                stroke={color}
                strokeWidth={2}
              />
              {points.map(({ x, y }, c) => (
                <circle key={c} cx={x} cy={y} r={3} fill={color}>
                  <title>{`${categories[c]}, ${one.name}: ${one.labels[c]}`}</title>
                </circle>
              ))}
            </g>
          );
        }
        return (
          <g key={one.name} fill={color}>
            {one.values.map((value, c) => {
              const across = crossStart + c * band + band * 0.15 + s * barWidth;
              const from = at(0);
              const to = at(value);
              const box = bars
                ? { x: Math.min(from, to), y: across, width: Math.abs(to - from), height: barWidth }
                : { x: across, y: Math.min(from, to), width: barWidth, height: Math.abs(to - from) };
              return (
                <rect key={c} {...box}>
                  <title>{`${categories[c]}, ${one.name}: ${one.labels[c]}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </>
  );
}
