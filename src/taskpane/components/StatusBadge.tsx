import * as React from "react";
import { Badge, type BadgeProps } from "@fluentui/react-components";
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

export function StatusBadge({ status, id }: StatusBadgeProps): React.JSX.Element {
  return (
    <Badge id={id} appearance="tint" color={COLORS[status]} shape="rounded">
      {status}
    </Badge>
  );
}
