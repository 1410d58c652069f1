import * as React from "react";
import { render, type RenderResult } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel, type UserEvent } from "@testing-library/user-event";
import type { PlanWorkbook } from "../../../src/workbook/PlanWorkbook";
import type { OpenWorkbook } from "../../../src/taskpane/openWorkbook";
import type { SignIn } from "../../../src/taskpane/identity/useIdentity";
import { TaskPane } from "../../../src/taskpane/TaskPane";
import { fixedThemeSource } from "../../../src/taskpane/theme";
import { installDomStubs } from "./dom";

export interface RenderedPane extends RenderResult {
  readonly user: UserEvent;
}

/**
 * The whole task pane over `workbook`, as the add-in and the workbench mount it; `openWorkbook` as
 * the add-in passes it in Excel on Mac, `signIn` as it passes Office single sign-on.
 */
export function renderTaskPane(
  workbook: PlanWorkbook,
  locale = "en-US",
  { openWorkbook = null, signIn }: { openWorkbook?: OpenWorkbook | null; signIn?: SignIn } = {},
): RenderedPane {
  installDomStubs();
  // jsdom computes styles slowly and Fluent's styles never disable pointer events on what tests click.
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const result = render(
    <TaskPane
      workbook={workbook}
      themeSource={fixedThemeSource("light")}
      locale={locale}
      storage={window.localStorage}
      openWorkbook={openWorkbook}
      signIn={signIn}
    />,
  );
  return { ...result, user };
}
