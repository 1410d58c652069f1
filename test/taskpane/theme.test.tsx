/** @jest-environment jsdom */
import * as React from "react";
import { act, render, screen } from "@testing-library/react";
import { TaskPane } from "../../src/taskpane/TaskPane";
import { officeThemeSource, themeModeFromBackground, type ThemeMode, type ThemeSource } from "../../src/taskpane/theme";
import { installDomStubs } from "./support/dom";
import { FakePlanWorkbook } from "./support/FakePlanWorkbook";

describe("themeModeFromBackground", () => {
  test.each<[string | undefined, ThemeMode]>([
    ["#FFFFFF", "light"], // White
    ["#E6E6E6", "light"], // Colorful
    ["#D4D4D4", "light"],
    ["#262626", "dark"], // Dark Gray
    ["#000000", "dark"], // Black
    ["#1f1f1f", "dark"],
    ["#333", "dark"],
    ["fff", "light"],
    ["", "light"],
    [undefined, "light"],
    ["not a colour", "light"],
  ])("%s is %s", (color, mode) => {
    expect(themeModeFromBackground(color)).toBe(mode);
  });
});

/** The part of Office.js the theme source reads. */
function setOfficeBackground(color: string): void {
  (globalThis as Record<string, unknown>).Office = { context: { officeTheme: { bodyBackgroundColor: color } } };
}

/** The background colour token the pane's FluentProvider defines (a CSS rule for its class). */
function providerBackground(): string {
  const provider = document.querySelector(".fui-FluentProvider");
  const providerClass = [...(provider?.classList ?? [])].find((name) => name.startsWith("fui-FluentProvider_"));
  const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
  const rule = rules.find((text) => providerClass !== undefined && text.startsWith(`.${providerClass}`));
  return /--colorNeutralBackground1:\s*([^;]+);/.exec(rule ?? "")?.[1] ?? "";
}

describe("the task pane follows Office's theme", () => {
  afterEach(() => delete (globalThis as Record<string, unknown>).Office);

  test("it starts in Office's theme and switches when the pane regains focus after a change", async () => {
    installDomStubs();
    setOfficeBackground("#FFFFFF");
    const source = officeThemeSource();
    render(
      <TaskPane
        workbook={new FakePlanWorkbook(null)}
        themeSource={source}
        locale="en-US"
        storage={window.localStorage}
      />,
    );
    await screen.findByRole("tab", { name: "Set up" });
    expect(providerBackground()).toBe("#ffffff");

    setOfficeBackground("#262626");
    act(() => {
      window.dispatchEvent(new Event("focus"));
    });
    expect(providerBackground()).toBe("#292929");
  });

  test("a source's listeners are removed when the pane unmounts", () => {
    installDomStubs();
    const listeners = new Set<() => void>();
    const source: ThemeSource = {
      current: () => "light",
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const { unmount } = render(
      <TaskPane
        workbook={new FakePlanWorkbook(null)}
        themeSource={source}
        locale="en-US"
        storage={window.localStorage}
      />,
    );
    expect(listeners.size).toBe(1);
    unmount();
    expect(listeners.size).toBe(0);
  });
});
