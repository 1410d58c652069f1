/** @jest-environment jsdom */
// Offline checks of manifest.xml (the online validator is unreachable from CI): the things that make
// Office refuse or half-load the add-in without saying why. jsdom's DOMParser is a strict XML parser.
import CopyWebpackPlugin from "copy-webpack-plugin";
import webpack from "webpack";
import { existsSync, readFileSync } from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");
const DEV_URL = "https://localhost:3000/";
const ADDIN_ID = "34785d2d-261b-4b5d-b836-6375c2299b5a";
const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  overrides: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};
// OfficeApp children in the order the TaskPaneApp schema requires (optional ones may be absent).
const TOP_LEVEL_ORDER = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

const manifest = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(manifest, "application/xml");
const root = doc.documentElement;

function all(ns: string, name: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, name));
}

function one(ns: string, name: string): Element {
  const found = all(ns, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}

function xsiType(element: Element): string | null {
  return element.getAttributeNS(NS.xsi, "type");
}

/** Resource id -> DefaultValue, from bt:Images, bt:Urls, bt:ShortStrings and bt:LongStrings. */
function resourceEntries(): [string, string][] {
  const groups = Array.from(one(NS.overrides, "Resources").children);
  return groups.flatMap((group) =>
    Array.from(group.children).map((entry): [string, string] => [
      entry.getAttribute("id") ?? "",
      entry.getAttribute("DefaultValue") ?? "",
    ]),
  );
}

function resource(resid: string): string {
  const entry = resourceEntries().find(([id]) => id === resid);
  if (!entry) throw new Error(`resource ${resid} is not defined`);
  return entry[1];
}

function residOf(parent: Element, childName: string): string {
  const child = Array.from(parent.getElementsByTagNameNS(NS.overrides, childName))[0];
  return child?.getAttribute("resid") ?? "";
}

function urlsIn(element: Element): string[] {
  // Namespace names are identifiers that only look like URLs; nothing is loaded from them.
  const values = Array.from(element.attributes)
    .filter((attribute) => attribute.name !== "xmlns" && attribute.prefix !== "xmlns")
    .map((attribute) => attribute.value);
  const text = Array.from(element.childNodes)
    .filter((node) => node.nodeType === node.TEXT_NODE)
    .map((node) => node.textContent?.trim() ?? "");
  return [...values, ...text].filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, i) => bytes[i] === byte)) throw new Error(`${file} is not a PNG`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The first chunk of every PNG is IHDR: width and height follow its 8-byte length+type header.
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function iconReferences(): { where: string; url: string; size: number }[] {
  const listing = [
    { where: "IconUrl", url: one(NS.app, "IconUrl").getAttribute("DefaultValue") ?? "", size: 32 },
    {
      where: "HighResolutionIconUrl",
      url: one(NS.app, "HighResolutionIconUrl").getAttribute("DefaultValue") ?? "",
      size: 64,
    },
  ];
  const ribbon = all(NS.bt, "Image")
    .filter((image) => image.hasAttribute("resid"))
    .map((image) => ({
      where: `ribbon ${image.getAttribute("resid")}`,
      url: resource(image.getAttribute("resid") ?? ""),
      size: Number(image.getAttribute("size")),
    }));
  const refs = [...listing, ...ribbon];
  const key = (ref: { url: string; size: number }): string => `${ref.url} ${ref.size}`;
  return refs.filter((ref, index) => refs.findIndex((other) => key(other) === key(ref)) === index);
}

describe("manifest.xml", () => {
  test("is well-formed XML with a task pane OfficeApp root", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe(NS.app);
    expect(xsiType(root)).toBe("TaskPaneApp");
  });

  test("lists its top-level elements in the order the schema requires", () => {
    const names = Array.from(root.children).map((child) => child.localName);
    const known = names.filter((name) => TOP_LEVEL_ORDER.includes(name));

    expect(known).toEqual(names);
    expect(known).toEqual(TOP_LEVEL_ORDER.filter((name) => names.includes(name)));
  });

  test("keeps the add-in id that installed copies are registered under", () => {
    expect(one(NS.app, "Id").textContent).toBe(ADDIN_ID);
    expect(one(NS.app, "ProviderName").textContent).toBe("Groundup");
    expect(one(NS.app, "SupportUrl").getAttribute("DefaultValue")).toBe("https://github.com/groundup-addin/groundup");
  });

  test("defines every resource id once and references only defined ones", () => {
    const defined = resourceEntries().map(([id]) => id);
    const referenced = Array.from(doc.querySelectorAll("[resid]")).map((el) => el.getAttribute("resid"));

    expect(new Set(defined).size).toBe(defined.length);
    expect(referenced.filter((resid) => !defined.includes(resid ?? ""))).toEqual([]);
    expect(defined.filter((id) => !referenced.includes(id))).toEqual([]);
  });

  test.each([
    ["ShortStrings", 125],
    ["LongStrings", 250],
  ])("keeps bt:%s within Office's %i-character limit", (group, limit) => {
    const strings = Array.from(one(NS.bt, group).children).map((s) => s.getAttribute("DefaultValue") ?? "");

    expect(strings.length).toBeGreaterThan(0);
    expect(strings.filter((text) => text.length > limit)).toEqual([]);
  });

  test("loads everything over https", () => {
    const urls = Array.from(doc.getElementsByTagName("*")).flatMap(urlsIn);

    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith("https://"))).toEqual([]);
  });

  test("requires CustomFunctionsRuntime 1.3, where CustomFunctions.Error has its full set of codes", () => {
    const set = all(NS.app, "Set").find((s) => s.getAttribute("Name") === "CustomFunctionsRuntime");

    expect(set?.getAttribute("MinVersion")).toBe("1.3");
  });

  test("registers the functions under the BU namespace in the JavaScript-only runtime", () => {
    const point = all(NS.overrides, "ExtensionPoint").find((p) => xsiType(p) === "CustomFunctions");
    if (!point) throw new Error("no CustomFunctions extension point");

    expect(resource(residOf(point, "Namespace"))).toBe("BU");
    expect(all(NS.overrides, "Runtimes")).toHaveLength(0);
    expect(
      ["Script", "Page", "Metadata"].map((part) => {
        const element = Array.from(point.getElementsByTagNameNS(NS.overrides, part))[0];
        return resource(residOf(element, "SourceLocation"));
      }),
    ).toEqual([`${DEV_URL}functions.js`, `${DEV_URL}functions.html`, `${DEV_URL}functions.json`]);
  });

  test("opens the task pane from a button on the Home tab", () => {
    const tab = one(NS.overrides, "OfficeTab");
    const action = Array.from(tab.getElementsByTagNameNS(NS.overrides, "Action"))[0];

    expect(tab.getAttribute("id")).toBe("TabHome");
    expect(xsiType(action)).toBe("ShowTaskpane");
    expect(resource(residOf(action, "SourceLocation"))).toBe(`${DEV_URL}taskpane.html`);
    expect(one(NS.app, "SourceLocation").getAttribute("DefaultValue")).toBe(`${DEV_URL}taskpane.html`);
  });

  // learn.microsoft.com/javascript/api/manifest/image: 16, 32 and 80 px are mandatory for every
  // ribbon icon; 20 px is a supported size we ship so the ribbon need not scale one.
  test.each([16, 20, 32, 80])("every ribbon icon comes in %i px", (size) => {
    const icons = all(NS.overrides, "Icon");

    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) {
      const sizes = Array.from(icon.getElementsByTagNameNS(NS.bt, "Image")).map((image) =>
        Number(image.getAttribute("size")),
      );
      expect(sizes).toContain(size);
    }
  });

  test.each(iconReferences())("$where points at a $size px PNG in assets/", ({ url, size }) => {
    expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
    const file = path.join(ROOT, url.slice(DEV_URL.length));

    expect(existsSync(file)).toBe(true);
    expect(pngSize(file)).toEqual({ width: size, height: size });
  });
});

interface WebpackConfigModule {
  (env: Record<string, unknown>, argv: { mode: string }): Promise<{ plugins: object[] }>;
  productionUrl(env: Record<string, string | undefined>): string;
  ssoRegistration(addinUrl: string, env: Record<string, string | undefined>): { id: string; resource: string } | null;
}

interface CopyPattern {
  from: string;
  transform?: (content: Buffer) => string | Buffer;
}

// webpack.config.js is CommonJS and outside the TypeScript program.
const webpackConfig = require("../../webpack.config.js") as WebpackConfigModule;

async function shippedManifest(mode: "production" | "development"): Promise<string> {
  const config = await webpackConfig({}, { mode });
  const copy = config.plugins.find((plugin) => plugin instanceof CopyWebpackPlugin) as
    { patterns: CopyPattern[] } | undefined;
  const pattern = copy?.patterns.find((p) => p.from === "manifest.xml");
  if (!pattern) throw new Error("webpack.config.js does not copy manifest.xml");
  return pattern.transform ? pattern.transform(Buffer.from(manifest)).toString() : manifest;
}

describe("the manifest webpack ships", () => {
  const saved = process.env.GROUNDUP_PROD_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.GROUNDUP_PROD_URL;
    else process.env.GROUNDUP_PROD_URL = saved;
  });

  test("a production build moves every localhost URL to the production location", async () => {
    delete process.env.GROUNDUP_PROD_URL;
    const shipped = await shippedManifest("production");
    const devUrls = manifest.split(DEV_URL).length - 1;

    expect(devUrls).toBeGreaterThan(0);
    expect(shipped).not.toMatch(/localhost/);
    expect(shipped.split("https://groundup-addin.github.io/groundup/").length - 1).toBe(devUrls);
  });

  test("GROUNDUP_PROD_URL chooses the production location", async () => {
    process.env.GROUNDUP_PROD_URL = "https://addin.example.com/groundup";
    const shipped = await shippedManifest("production");

    expect(shipped).toContain('"https://addin.example.com/groundup/taskpane.html"');
    expect(shipped).toContain('"https://addin.example.com/groundup/functions.json"');
    expect(shipped).not.toMatch(/localhost/);
  });

  test("a development build keeps the manifest as written", async () => {
    expect(await shippedManifest("development")).toBe(manifest);
  });

  test.each(["http://addin.example.com/", "addin.example.com/groundup/"])(
    "refuses a production location Office would not load: %s",
    (url) => {
      expect(() => webpackConfig.productionUrl({ GROUNDUP_PROD_URL: url })).toThrow(/https/);
    },
  );
});

// "WebApplicationInfo element" (learn.microsoft.com/javascript/api/manifest/webapplicationinfo): the
// last child of VersionOverrides, with Id (a GUID), Resource (the Application ID URI) and Scopes.
describe("single sign-on in the manifest webpack ships (GROUNDUP_AAD_APP_ID)", () => {
  const APP_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  const saved = { id: process.env.GROUNDUP_AAD_APP_ID, prod: process.env.GROUNDUP_PROD_URL };
  afterEach(() => {
    for (const [key, value] of [
      ["GROUNDUP_AAD_APP_ID", saved.id],
      ["GROUNDUP_PROD_URL", saved.prod],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  function parsed(xml: string): Document {
    const parsedDoc = new DOMParser().parseFromString(xml, "application/xml");
    expect(parsedDoc.getElementsByTagName("parsererror")).toHaveLength(0);
    return parsedDoc;
  }

  test("without it the manifest has no WebApplicationInfo, so the pane never asks for a token", async () => {
    delete process.env.GROUNDUP_AAD_APP_ID;
    expect(manifest).not.toContain("WebApplicationInfo");
    expect(await shippedManifest("production")).not.toContain("WebApplicationInfo");
    expect(await shippedManifest("development")).toBe(manifest);
  });

  test.each([
    ["production", "https://addin.example.com/groundup/", `api://addin.example.com/${APP_ID}`],
    ["development", undefined, `api://localhost:3000/${APP_ID}`],
  ] as const)(
    "a %s build adds it as VersionOverrides' last child, for the host it is served from",
    async (mode, prod, resource) => {
      process.env.GROUNDUP_AAD_APP_ID = APP_ID;
      if (prod === undefined) delete process.env.GROUNDUP_PROD_URL;
      else process.env.GROUNDUP_PROD_URL = prod;
      const shipped = parsed(await shippedManifest(mode));

      const overrides = shipped.getElementsByTagNameNS(NS.overrides, "VersionOverrides")[0];
      const info = overrides.lastElementChild as Element;
      expect(info.localName).toBe("WebApplicationInfo");
      expect(info.namespaceURI).toBe(NS.overrides);
      expect(Array.from(info.children).map((child) => child.localName)).toEqual(["Id", "Resource", "Scopes"]);
      const text = (name: string): string[] =>
        Array.from(info.getElementsByTagNameNS(NS.overrides, name)).map((element) => element.textContent ?? "");
      expect(text("Id")).toEqual([APP_ID]);
      expect(text("Resource")).toEqual([resource]);
      expect(text("Scope")).toEqual(["openid", "profile"]);
      // Everything else is as without it.
      info.remove();
      const without = parsed(
        await (async () => {
          delete process.env.GROUNDUP_AAD_APP_ID;
          return shippedManifest(mode);
        })(),
      );
      expect(new XMLSerializer().serializeToString(shipped).replace(/\s+/g, "")).toBe(
        new XMLSerializer().serializeToString(without).replace(/\s+/g, ""),
      );
    },
  );

  test.each([
    [APP_ID, "true"],
    [undefined, "false"],
  ])("with GROUNDUP_AAD_APP_ID %s the pane's sign-in (GROUNDUP_SSO) is %s", async (id, flag) => {
    if (id === undefined) delete process.env.GROUNDUP_AAD_APP_ID;
    else process.env.GROUNDUP_AAD_APP_ID = id;
    const config = await webpackConfig({}, { mode: "production" });
    const define = config.plugins.find((plugin) => plugin instanceof webpack.DefinePlugin) as
      { definitions: Record<string, unknown> } | undefined;
    expect(define?.definitions.GROUNDUP_SSO).toBe(flag);
  });

  test("GROUNDUP_AAD_RESOURCE overrides the Application ID URI; a malformed id or URI stops the build", () => {
    expect(
      webpackConfig.ssoRegistration("https://a.example.com/x/", {
        GROUNDUP_AAD_APP_ID: ` ${APP_ID} `,
        GROUNDUP_AAD_RESOURCE: `api://addins.contoso.com/${APP_ID}`,
      }),
    ).toEqual({ id: APP_ID, resource: `api://addins.contoso.com/${APP_ID}` });
    expect(webpackConfig.ssoRegistration("https://a.example.com/", { GROUNDUP_AAD_APP_ID: "  " })).toBeNull();
    expect(() => webpackConfig.ssoRegistration("https://a.example.com/", { GROUNDUP_AAD_APP_ID: "my-app" })).toThrow(
      /GROUNDUP_AAD_APP_ID must be the app registration's client id/,
    );
    expect(() =>
      webpackConfig.ssoRegistration("https://a.example.com/", {
        GROUNDUP_AAD_APP_ID: APP_ID,
        GROUNDUP_AAD_RESOURCE: "https://a.example.com",
      }),
    ).toThrow(/must be the Application ID URI, starting with api:\/\//);
  });
});
