/** @jest-environment jsdom */
// How the pane copes with what differs between Office hosts: blocked web storage and Office's storage
// partition (learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings),
// no officeTheme in Excel on the web (OfficeDev/office-js #6134), and Excel's own number separators
// (Application.cultureInfo, ExcelApi 1.11).
import { act, screen } from "@testing-library/react";
import { OfficeMockObject } from "office-addin-mock";
import { formatNumber, localeWithSeparators, parseNumber } from "../../src/core/plan/numbers";
import { readExcelCulture } from "../../src/excel/culture";
import { mountTaskPane } from "../../src/taskpane/mount";
import { MemoryStorage, paneStorage } from "../../src/taskpane/storage";
import { officeThemeSource } from "../../src/taskpane/theme";
import { installDomStubs } from "./support/dom";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

const globals = globalThis as Record<string, unknown>;

describe("web storage", () => {
  afterEach(() => window.localStorage.clear());

  test("the pane mounts and works when merely reading window.localStorage throws (Excel on the web, storage blocked)", async () => {
    installDomStubs();
    const original = Object.getOwnPropertyDescriptor(window, "localStorage");
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
    try {
      const element = document.createElement("div");
      document.body.append(element);
      const workbook = new FakePlanWorkbook(makePlan({ nodes: [["W", "", "World", "Cara"]] }));
      let unmount = (): void => undefined;
      act(() => {
        unmount = mountTaskPane(element, workbook, { locale: "en-US" });
      });

      expect(await screen.findByRole("treeitem", { name: "World" })).toBeInTheDocument();
      act(() => unmount());
    } finally {
      if (original) Object.defineProperty(window, "localStorage", original);
    }
  });

  test("storage that refuses writes (Safari private mode) becomes memory for the session", () => {
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    const storage = paneStorage(() => refusing);

    storage.setItem("groundup.owner", "Ann");
    expect(storage.getItem("groundup.owner")).toBe("Ann");
    expect(storage).not.toBe(refusing);
  });

  test("with Office's partition key, values live under that key and other partitions don't see them", () => {
    const mine = paneStorage(() => window.localStorage, "tenant-a/doc-1:");
    const theirs = paneStorage(() => window.localStorage, "tenant-b/doc-9:");

    mine.setItem("groundup.owner", "Ann");

    expect(window.localStorage.getItem("tenant-a/doc-1:groundup.owner")).toBe("Ann");
    expect(window.localStorage.getItem("groundup.owner")).toBeNull();
    expect(theirs.getItem("groundup.owner")).toBeNull();
    expect(mine.getItem("groundup.owner")).toBe("Ann");
    expect([mine.length, mine.key(0)]).toEqual([1, "groundup.owner"]);
  });

  test("without a partition key (the Windows webview) localStorage is used as it is", () => {
    expect(paneStorage(() => window.localStorage, undefined)).toBe(window.localStorage);
  });
});

describe("theme where Office gives none", () => {
  let dark = false;
  const changeListeners = new Set<() => void>();
  beforeEach(() => {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      value: (query: string) => ({
        get matches() {
          return query === "(prefers-color-scheme: dark)" && dark;
        },
        addEventListener: (_type: string, listener: () => void) => changeListeners.add(listener),
        removeEventListener: (_type: string, listener: () => void) => changeListeners.delete(listener),
      }),
    });
  });
  afterEach(() => delete globals.Office);

  test("Excel on the web (officeTheme undefined) follows the browser's dark preference, and its changes", () => {
    globals.Office = { context: {} };
    dark = true;
    const source = officeThemeSource();
    const listener = jest.fn();
    const unsubscribe = source.subscribe(listener);

    expect(source.current()).toBe("dark");
    dark = false;
    changeListeners.forEach((notify) => notify());
    expect(listener).toHaveBeenCalled();
    expect(source.current()).toBe("light");
    unsubscribe();
    expect(changeListeners.size).toBe(0);
  });

  test("where Office gives a theme, it wins over the browser's preference", () => {
    globals.Office = { context: { officeTheme: { bodyBackgroundColor: "#FFFFFF" } } };
    dark = true;

    expect(officeThemeSource().current()).toBe("light");
  });
});

describe("numbers in Excel's culture", () => {
  test("separators from Excel replace the webview language's: an English webview in a German Excel", () => {
    const locale = localeWithSeparators("en-US", { decimal: ",", group: "." });

    expect(parseNumber("1.234,5", locale)).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("1,234.5", locale).ok).toBe(false);
    expect(formatNumber(1234567.891, locale, 2)).toBe("1.234.567,89");
    // Still a locale Intl understands, so anything else formatted with it keeps working.
    expect(new Intl.NumberFormat(locale).format(1)).toBe("1");
  });

  test("a space-like group separator accepts any space a user types", () => {
    const locale = localeWithSeparators("fr-FR", { decimal: ",", group: "\u00a0" });

    expect(parseNumber("1 234,5", locale)).toEqual({ ok: true, value: 1234.5 });
    expect(formatNumber(1234.5, locale, 1)).toBe("1\u00a0234,5");
  });

  test("separators that can't be carried leave the locale's own", () => {
    expect(localeWithSeparators("de-DE", { decimal: ".", group: "." })).toBe("de-DE");
    expect(formatNumber(1234.5, localeWithSeparators("de-DE", { decimal: "<>", group: "" }), 1)).toBe("1.234,5");
  });

  function mockExcel(application: Record<string, unknown>, supported: boolean): void {
    globals.Office = { context: { requirements: { isSetSupported: () => supported } } };
    const mock = new OfficeMockObject({
      context: { application },
      run: async function (batch: (context: unknown) => Promise<unknown>) {
        return batch((this as { context: unknown }).context);
      },
    });
    globals.Excel = mock;
  }
  afterEach(() => {
    delete globals.Office;
    delete globals.Excel;
  });

  const culture = { name: "de-DE", numberFormat: { numberDecimalSeparator: ",", numberGroupSeparator: "." } };

  test("Excel's system separators come from its culture info", async () => {
    mockExcel(
      { decimalSeparator: "!", thousandsSeparator: "?", useSystemSeparators: true, cultureInfo: culture },
      true,
    );

    expect(await readExcelCulture()).toEqual({ name: "de-DE", separators: { decimal: ",", group: "." } });
  });

  test("with 'Use system separators' off, Excel's own separators apply", async () => {
    mockExcel(
      { decimalSeparator: ".", thousandsSeparator: "'", useSystemSeparators: false, cultureInfo: culture },
      true,
    );

    expect(await readExcelCulture()).toEqual({ name: "de-DE", separators: { decimal: ".", group: "'" } });
  });

  test("a host without ExcelApi 1.11 keeps the webview's language", async () => {
    mockExcel({ cultureInfo: culture }, false);

    expect(await readExcelCulture()).toBeNull();
  });
});

describe("dynamic arrays", () => {
  jest.setTimeout(30000);

  async function setUpIn(workbook: FakePlanWorkbook): Promise<ReturnType<typeof renderTaskPane>> {
    const pane = renderTaskPane(workbook);
    await pane.user.type(await screen.findByRole("textbox", { name: /Plan name/ }), "FY27");
    await pane.user.click(screen.getByRole("button", { name: "Set up plan" }));
    return pane;
  }

  test("an Excel without them: the plan is set up, and the pane warns that the report needs them", async () => {
    const workbook = new FakePlanWorkbook(null);
    workbook.dynamicArrays = false;
    const { user } = await setUpIn(workbook);

    const warning = await screen.findByText(/^The plan "FY27" is set up with 1 node\. The GU Report sheet needs/);
    expect(warning).toHaveTextContent(
      "The GU Report sheet needs Excel with dynamic arrays (Microsoft 365, Excel 2021 or later, or Excel on the web)",
    );
    expect(workbook.written).toHaveLength(1);
    // The pane itself works on the plan's tables.
    await user.click(screen.getByRole("tab", { name: "Navigate" }));
    expect(await screen.findByRole("treeitem", { name: "Total" })).toBeInTheDocument();
  });

  test("an Excel with them: only that the plan is set up", async () => {
    await setUpIn(new FakePlanWorkbook(null));

    expect(await screen.findByText('The plan "FY27" is set up with 1 node.')).toBeInTheDocument();
    expect(screen.queryByText(/dynamic arrays/)).not.toBeInTheDocument();
  });
});
