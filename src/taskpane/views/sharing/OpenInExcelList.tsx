import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { sharingMessages } from "../../../core/messages";
import type { OpenWorkbook } from "../../openWorkbook";

export interface OpenInExcelListProps {
  files: readonly { readonly fileName: string; readonly data: Uint8Array }[];
  open: OpenWorkbook;
}

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: 0, listStyleType: "none" },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The made workbooks where the pane cannot download them (Excel on Mac): each opened in Excel on request. */
export function OpenInExcelList({ files, open }: OpenInExcelListProps): React.JSX.Element {
  const styles = useStyles();
  const [opened, setOpened] = React.useState<ReadonlySet<string>>(new Set());
  const [error, setError] = React.useState<string | null>(null);

  async function openFile(fileName: string, data: Uint8Array): Promise<void> {
    setError(null);
    try {
      await open(data);
      setOpened((current) => new Set(current).add(fileName));
    } catch (failure) {
      setError(sharingMessages.openInExcelFailed(fileName, failure instanceof Error ? failure.message : ""));
    }
  }

  return (
    <>
      <MessageBar intent="success" aria-live="polite">
        <MessageBarBody>{sharingMessages.workbooksReadyToOpen(files.length)}</MessageBarBody>
      </MessageBar>
      {error !== null ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.list} aria-label="Workbooks">
        {files.map(({ fileName, data }) => (
          <li key={fileName} className={styles.item}>
            <Text>{fileName}</Text>
            <Button size="small" aria-label={`Open ${fileName} in Excel`} onClick={() => void openFile(fileName, data)}>
              {opened.has(fileName) ? "Open again" : "Open in Excel"}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
