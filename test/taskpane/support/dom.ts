/**
 * jsdom lacks a few browser APIs Fluent UI calls while rendering (media queries for motion,
 * ResizeObserver for positioning and our windowed tree), and has no layout, so `offsetParent` is
 * always null and the body measures 0 x 0: Fluent's focus manager (tabster) then takes every
 * element for invisible, a dialog can't focus its first field and hides itself from assistive
 * tech. Component tests call this before rendering.
 */
export function installDomStubs(): void {
  if (typeof window.matchMedia !== "function") {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      value: (query: string): MediaQueryList =>
        ({
          matches: false,
          media: query,
          onchange: null,
          addListener: () => undefined,
          removeListener: () => undefined,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
          dispatchEvent: () => false,
        }) as MediaQueryList,
    });
  }
  if (typeof window.ResizeObserver !== "function") {
    class NoopResizeObserver implements ResizeObserver {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    Object.defineProperty(window, "ResizeObserver", {
      configurable: true,
      writable: true,
      value: NoopResizeObserver,
    });
  }
  const probe = document.createElement("div");
  document.body.append(probe);
  const noLayout = probe.offsetParent === null;
  probe.remove();
  if (noLayout) {
    Object.defineProperty(HTMLElement.prototype, "offsetParent", {
      configurable: true,
      get(this: HTMLElement): Element | null {
        return this.parentElement;
      },
    });
  }
  if (document.body.getBoundingClientRect().width === 0) {
    document.body.getBoundingClientRect = (): DOMRect => new DOMRect(0, 0, 1024, 768);
  }
  // The pane's tab list keeps as many tabs as fit its width and puts the rest in a menu; 0 px wide,
  // it would keep only the selected one. As wide as the window, every tab fits, as on a desktop.
  if (document.body.clientWidth === 0) {
    Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: (): number => 1024 });
  }
}

const TAB_WIDTH = 80;
const MENU_BUTTON_WIDTH = 30;
/** Room for three tabs and the menu button: a task pane dragged narrow. */
const TAB_LIST_WIDTH = 290;

/**
 * jsdom has no layout: the tab list and its tabs are given the widths a narrow pane would have, so the
 * tabs that don't fit go to the overflow menu. Returns the function that puts the widths back.
 */
export function narrowPane(): () => void {
  const client = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth");
  const offset = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetWidth");
  Object.defineProperty(HTMLElement.prototype, "clientWidth", {
    configurable: true,
    get(this: HTMLElement): number {
      return this.getAttribute("role") === "tablist" ? TAB_LIST_WIDTH : 1024;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "offsetWidth", {
    configurable: true,
    get(this: HTMLElement): number {
      if (this.hasAttribute("data-overflow-menu")) return MENU_BUTTON_WIDTH;
      return this.getAttribute("role") === "tab" ? TAB_WIDTH : 0;
    },
  });
  return () => {
    if (client !== undefined) Object.defineProperty(HTMLElement.prototype, "clientWidth", client);
    if (offset !== undefined) Object.defineProperty(HTMLElement.prototype, "offsetWidth", offset);
  };
}
