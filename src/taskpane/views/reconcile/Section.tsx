import * as React from "react";
import { Subtitle2, makeStyles, tokens } from "@fluentui/react-components";

export interface SectionProps {
  title: string;
  children: React.ReactNode;
}

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
});

/** A part of a view under its own heading, which names it for assistive tech. */
export function Section({ title, children }: SectionProps): React.JSX.Element {
  const styles = useStyles();
  const id = React.useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h2" id={id} className={styles.heading}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}
