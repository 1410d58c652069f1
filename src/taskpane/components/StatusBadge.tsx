import * as React from "react";
import { Badge, makeStyles, type BadgeProps } from "@fluentui/react-components";
import type { Status } from "../../core/plan/types";

export interface StatusBadgeProps {
  status: Status;
  /** For rows that name the badge in their aria-describedby. */
  id?: string;
}

const COLORS: Readonly<Record<Status, BadgeProps["color"]>> = {
  "Not started": "informative",
  Draft: "warning",
  Submitted: "brand",
  Approved: "success",
  Returned: "danger",
};

const useStyles = makeStyles({
  // "Not started" on two lines reads as two words; beside a long name the name gives way instead.
  badge: { whiteSpace: "nowrap", flexShrink: 0 },
});

export function StatusBadge({ status, id }: StatusBadgeProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <Badge id={id} appearance="tint" color={COLORS[status]} shape="rounded" className={styles.badge}>
      {status}
    </Badge>
  );
}
