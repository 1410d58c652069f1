import * as React from "react";
import { createRoot } from "react-dom/client";
import type { PlanWorkbook } from "../workbook/PlanWorkbook";
import { paneStorage } from "./storage";
import type { OpenWorkbook } from "./openWorkbook";
import type { SignIn } from "./identity/useIdentity";
import { TaskPane } from "./TaskPane";
import { fixedThemeSource, type ThemeSource } from "./theme";

export interface MountOptions {
  /** Defaults to a fixed light theme (the workbench); the add-in passes `officeThemeSource()`. */
  themeSource?: ThemeSource;
  /** Defaults to the browser's language. */
  locale?: string;
  /** Defaults to `window.localStorage`, or memory where the browser blocks it. */
  storage?: Storage;
  /** Defaults to none: made workbooks are downloaded. The add-in passes Excel's on Mac. */
  openWorkbook?: OpenWorkbook | null;
  /** Office single sign-on (the add-in, when built with GROUNDUP_AAD_APP_ID); absent: "I am" is chosen. */
  signIn?: SignIn;
}

/**
 * Renders the task pane into `element` over any workbook: Excel in the add-in, the in-memory one in
 * the workbench page. Returns a function that unmounts it.
 */
export function mountTaskPane(element: HTMLElement, workbook: PlanWorkbook, options: MountOptions = {}): () => void {
  const root = createRoot(element);
  root.render(
    <TaskPane
      workbook={workbook}
      themeSource={options.themeSource ?? fixedThemeSource("light")}
      locale={options.locale ?? navigator.language}
      storage={options.storage ?? paneStorage(() => window.localStorage)}
      openWorkbook={options.openWorkbook ?? null}
      signIn={options.signIn}
    />,
  );
  return () => root.unmount();
}
