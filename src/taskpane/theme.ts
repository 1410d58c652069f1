import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export type ThemeMode = "light" | "dark";

/**
 * Where the task pane's light/dark choice comes from. Office decides it; the workbench page passes a
 * fixed source. `subscribe` returns an unsubscribe function.
 */
export interface ThemeSource {
  current(): ThemeMode;
  subscribe(listener: () => void): () => void;
}

export function fluentTheme(mode: ThemeMode): Theme {
  return mode === "dark" ? webDarkTheme : webLightTheme;
}

/** "#RRGGBB" or "#RGB" -> dark if its relative luminance is below the middle grey; anything else is light. */
export function themeModeFromBackground(color: string | undefined): ThemeMode {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color?.trim() ?? "")?.[1];
  if (hex === undefined) return "light";
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((start) => linearChannel(parseInt(full.slice(start, start + 2), 16) / 255));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18 ? "dark" : "light";
}

function linearChannel(value: number): number {
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

export function fixedThemeSource(mode: ThemeMode): ThemeSource {
  return { current: () => mode, subscribe: () => () => undefined };
}

/**
 * Follows `Office.context.officeTheme`. Excel raises no theme-changed event (only Outlook's mailbox
 * does), so the theme is read again whenever the pane regains focus or becomes visible: the moments
 * right after a user could have changed it in File > Account.
 */
export function officeThemeSource(): ThemeSource {
  return {
    current: () => themeModeFromBackground(Office.context.officeTheme?.bodyBackgroundColor),
    subscribe(listener) {
      window.addEventListener("focus", listener);
      document.addEventListener("visibilitychange", listener);
      return () => {
        window.removeEventListener("focus", listener);
        document.removeEventListener("visibilitychange", listener);
      };
    },
  };
}
