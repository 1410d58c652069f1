import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarGroup,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { PaneError } from "../hooks/useWorkbook";

export interface ErrorMessagesProps {
  errors: readonly PaneError[];
  onDismiss(id: number): void;
}

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** Every failed workbook call, until the user dismisses it. */
export function ErrorMessages({ errors, onDismiss }: ErrorMessagesProps): React.JSX.Element | null {
  const styles = useStyles();
  if (errors.length === 0) return null;
  return (
    <MessageBarGroup className={styles.group}>
      {errors.map((error) => (
        <MessageBar key={error.id} intent="error">
          <MessageBarBody>
            <MessageBarTitle>{error.title}</MessageBarTitle>
            {error.message}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<DismissRegular />}
                onClick={() => onDismiss(error.id)}
              />
            }
          />
        </MessageBar>
      ))}
    </MessageBarGroup>
  );
}
