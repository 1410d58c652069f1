import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { NOT_IN_PLAN_COLOUR, NO_VALUE_COLOUR, regionStep, type ColourScale } from "../../../core/map/colourScale";
import type { MapMeasure, RegionFigures } from "../../../core/map/regionFigures";
import type { AccountPoint } from "./accountPoints";
import type { ShapeSet } from "./drawShapes";
import { measureText } from "./regionText";

export interface MapDrawingProps {
  shapes: ShapeSet;
  /** The plan's regions by key. */
  regions: ReadonlyMap<string, RegionFigures>;
  scale: ColourScale;
  measure: MapMeasure;
  locale: string;
  /** The region holding the selected node, if any. */
  selected: string | null;
  label: string;
  /** Accounts drawn over the regions; none when hidden. */
  points?: readonly AccountPoint[];
  onChoose(region: RegionFigures): void;
}

const useStyles = makeStyles({
  svg: { display: "block", width: "100%", height: "auto" },
  land: { stroke: "#ffffff", strokeWidth: 0.5 },
  region: {
    stroke: tokens.colorNeutralStroke1,
    strokeWidth: 0.6,
    cursor: "pointer",
    outlineStyle: "none",
    ":hover": { strokeWidth: 1.5 },
    ":focus-visible": { stroke: tokens.colorStrokeFocus2, strokeWidth: 3 },
  },
  selected: { stroke: tokens.colorNeutralForeground1, strokeWidth: 2.5 },
  // Clicks go through the dots to the region below: the regions are what can be chosen.
  points: { pointerEvents: "none" },
  point: { fill: "#1b3a6b", fillOpacity: 0.55, stroke: "#ffffff", strokeWidth: 0.6 },
});

/**
 * The map: every region the plan names is a button (Tab reaches it, Enter or Space chooses it, its
 * name and value are its label); the rest of the land is a backdrop that assistive tech skips, and so
 * are the account dots, which the view counts in text.
 */
export function MapDrawing({
  shapes,
  regions,
  scale,
  measure,
  locale,
  selected,
  label,
  points = [],
  onChoose,
}: MapDrawingProps): React.JSX.Element {
  const styles = useStyles();
  const backdrop = shapes.shapes.filter((shape) => !regions.has(shape.key));
  // Drawn last, so the selected region's outline isn't covered by its neighbours.
  const inPlan = shapes.shapes
    .filter((shape) => regions.has(shape.key))
    .sort((a, b) => Number(a.key === selected) - Number(b.key === selected));
  return (
    <svg className={styles.svg} viewBox={`0 0 ${shapes.width} ${shapes.height}`} role="group" aria-label={label}>
      <g aria-hidden>
        {backdrop.map((shape) => (
          <path key={shape.key} d={shape.path} fill={NOT_IN_PLAN_COLOUR} className={styles.land} />
        ))}
      </g>
      {inPlan.map((shape) => {
        const region = regions.get(shape.key) as RegionFigures;
        const step = regionStep(scale, region);
        const text = `${region.region.name}: ${measureText(region, measure, locale)}`;
        const choose = (): void => onChoose(region);
        return (
          <path
            key={shape.key}
            d={shape.path}
            fill={step?.colour ?? NO_VALUE_COLOUR}
            data-tone={step?.tone ?? "none"}
            className={mergeClasses(styles.region, selected === shape.key && styles.selected)}
            role="button"
            tabIndex={0}
            aria-label={text}
            aria-pressed={selected === shape.key}
            onClick={choose}
            onKeyDown={(event) => {
              if (event.key !== "Enter" && event.key !== " ") return;
              event.preventDefault();
              choose();
            }}
          >
            <title>{text}</title>
          </path>
        );
      })}
      {points.length > 0 ? (
        <g aria-hidden className={styles.points}>
          {points.map((point) => (
            <circle
              key={point.id}
              cx={point.x}
              cy={point.y}
              r={point.r}
              className={styles.point}
              data-account={point.id}
            />
          ))}
        </g>
      ) : null}
    </svg>
  );
}
