import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  type MessageBarIntent,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";

/** The outcome of a save a view reports beside its form. */
export interface Feedback {
  readonly intent: MessageBarIntent;
  readonly text: string;
  /** A co-author changed the rows: offer to read them again. */
  readonly conflict?: boolean;
}

export interface FeedbackBarProps {
  feedback: Feedback | null;
  onDismiss(): void;
  onReload(): void;
}

export function FeedbackBar({ feedback, onDismiss, onReload }: FeedbackBarProps): React.JSX.Element | null {
  const bar = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    // The button that was pressed is often gone once the view re-renders after a save; without this
    // a keyboard user would be sent back to the top of the pane. Only a lost focus is taken over.
    const active = document.activeElement;
    if (feedback !== null && (active === null || active === document.body)) bar.current?.focus();
  }, [feedback]);
  if (feedback === null) return null;
  return (
    <MessageBar ref={bar} tabIndex={-1} intent={feedback.intent} aria-live="polite">
      <MessageBarBody>{feedback.text}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />
        }
      >
        {feedback.conflict === true ? <Button onClick={onReload}>Reload</Button> : null}
      </MessageBarActions>
    </MessageBar>
  );
}
