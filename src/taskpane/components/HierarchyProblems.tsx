import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { HierarchyProblem } from "../../core/hierarchy/hierarchy";

export interface HierarchyProblemsProps {
  problems: readonly HierarchyProblem[];
}

/** What a view shows instead of its figures when the plan's hierarchy can't be read. */
export function HierarchyProblems({ problems }: HierarchyProblemsProps): React.JSX.Element {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>The hierarchy in the workbook has problems</MessageBarTitle>
        {problems.map((problem) => problem.message).join(". ")}
      </MessageBarBody>
    </MessageBar>
  );
}
