import * as React from "react";
import { FluentProvider, makeStyles } from "@fluentui/react-components";
import type { PlanWorkbook } from "../workbook/PlanWorkbook";
import { App } from "./App";
import { OpenWorkbookContext, type OpenWorkbook } from "./openWorkbook";
import type { SignIn } from "./identity/useIdentity";
import { fluentTheme, type ThemeSource } from "./theme";

export interface TaskPaneProps {
  workbook: PlanWorkbook;
  themeSource: ThemeSource;
  /** BCP 47 tag numbers are read and shown in, e.g. "de-DE". */
  locale: string;
  /** Where the pane remembers per-device choices (who I am). */
  storage: Storage;
  /** Where downloads do nothing (Excel on Mac), how made workbooks are opened instead. */
  openWorkbook?: OpenWorkbook | null;
  /** Office single sign-on; absent where the build is not registered for it. */
  signIn?: SignIn;
}

const useStyles = makeStyles({
  // Not on the provider: Fluent gives the provider's classes to every portal it opens (a combobox's
  // list, a dialog), and a portal sits over the whole page, so a min-height there whites it out.
  root: { minHeight: "100vh" },
});

/** The whole pane: Fluent's provider, following the host's light/dark theme, around the App. */
export function TaskPane({
  workbook,
  themeSource,
  locale,
  storage,
  openWorkbook = null,
  signIn,
}: TaskPaneProps): React.JSX.Element {
  const styles = useStyles();
  const mode = React.useSyncExternalStore(themeSource.subscribe, themeSource.current);
  return (
    <FluentProvider theme={fluentTheme(mode)}>
      <div className={styles.root}>
        <OpenWorkbookContext.Provider value={openWorkbook}>
          <App workbook={workbook} locale={locale} storage={storage} signIn={signIn} />
        </OpenWorkbookContext.Provider>
      </div>
    </FluentProvider>
  );
}
