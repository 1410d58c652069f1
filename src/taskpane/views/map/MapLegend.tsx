import * as React from "react";
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { NOT_IN_PLAN_COLOUR, NO_VALUE_COLOUR, type ColourScale } from "../../../core/map/colourScale";
import { MEASURE_LABELS, stepText } from "./regionText";

export interface MapLegendProps {
  scale: ColourScale;
  locale: string;
}

const useStyles = makeStyles({
  legend: {
    display: "flex",
    flexWrap: "wrap",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: {
    width: "12px",
    height: "12px",
    flexShrink: 0,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
});

/** What each colour means, lowest first, then the two colours without a value. */
export function MapLegend({ scale, locale }: MapLegendProps): React.JSX.Element {
  const styles = useStyles();
  const signed = scale.measure !== "share";
  const within = scale.measure === "balance" ? "within the band" : "within tolerance";
  const noValue = { variance: "No target", share: "No bottom-up", coverage: "No target", balance: "No accounts" }[
    scale.measure
  ];
  const entries = [
    ...scale.steps.map((step) => ({
      colour: step.colour,
      text: step.tone === "within" ? `${stepText(step, locale, signed)}: ${within}` : stepText(step, locale, signed),
    })),
    { colour: NO_VALUE_COLOUR, text: noValue },
    { colour: NOT_IN_PLAN_COLOUR, text: "Not in the plan" },
  ];
  return (
    <ul className={styles.legend} aria-label={`Legend: ${MEASURE_LABELS[scale.measure]}`}>
      {entries.map((entry) => (
        <li key={entry.text} className={styles.item}>
          <span className={styles.swatch} style={{ backgroundColor: entry.colour }} aria-hidden />
          <Caption1>{entry.text}</Caption1>
        </li>
      ))}
    </ul>
  );
}
