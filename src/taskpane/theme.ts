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

const DARK_SCHEME = "(prefers-color-scheme: dark)";

/**
 * Follows `Office.context.officeTheme`. Excel raises no theme-changed event (only Outlook's mailbox
 * does), so the theme is read again whenever the pane regains focus or becomes visible: the moments
 * right after a user could have changed it in File > Account. Excel on the web leaves `officeTheme`
 * undefined (OfficeDev/office-js #6134, #3410); there the pane follows the browser's light/dark
 * preference, which Office on the web's own dark mode follows too.
 */
export function officeThemeSource(): ThemeSource {
  const scheme = typeof window.matchMedia === "function" ? window.matchMedia(DARK_SCHEME) : null;
  return {
    current() {
      const background = Office.context.officeTheme?.bodyBackgroundColor;
      if (background) return themeModeFromBackground(background);
      return scheme?.matches ? "dark" : "light";
    },
    subscribe(listener) {
      window.addEventListener("focus", listener);
      document.addEventListener("visibilitychange", listener);
      scheme?.addEventListener("change", listener);
      return () => {
        window.removeEventListener("focus", listener);
        document.removeEventListener("visibilitychange", listener);
        scheme?.removeEventListener("change", listener);
      };
    },
  };
}
