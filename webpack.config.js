// Builds the add-in into dist/: the task pane (React) and the custom functions (JavaScript-only
// runtime, so no React, DOM or dev-server client may reach functions.js), their HTML pages,
// functions.json, the icons and the manifest. `webpack serve` serves the same on https://localhost:3000.
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const FunctionsJsonPlugin = require("./scripts/functionsJsonPlugin");
const devCerts = require("office-addin-dev-certs");
const { BundleBudgetPlugin } = require("./scripts/bundle-budget.cjs");
const { renderHelpPage } = require("./scripts/help-page.cjs");

const DEV_URL = "https://localhost:3000/";
const DEFAULT_PROD_URL = "https://groundup-addin.github.io/groundup/";

/** Where the production manifest points: GROUNDUP_PROD_URL (https, normalised to end in "/"). */
function productionUrl(env = process.env) {
  const url = env.GROUNDUP_PROD_URL || DEFAULT_PROD_URL;
  if (!url.startsWith("https://")) {
    throw new Error(`GROUNDUP_PROD_URL must be an https:// URL (Office loads add-ins over https only): ${url}`);
  }
  return url.endsWith("/") ? url : `${url}/`;
}

/** The manifest as shipped: every dev-server URL moved to the production location. */
function rewriteManifestUrls(xml, prodUrl) {
  return xml.split(DEV_URL).join(prodUrl);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The add-in's Microsoft Entra registration for single sign-on, from GROUNDUP_AAD_APP_ID (the
 * application (client) id) and optionally GROUNDUP_AAD_RESOURCE (its Application ID URI; default
 * api://<host the add-in is served from>/<id>, the form "Register an Office Add-in that uses SSO
 * with the Microsoft identity platform" gives it; its domain must be the add-in's, else 13004). null when unset: the manifest gets no WebApplicationInfo and the pane
 * never asks Office for a token, so sideloading and validation work without any registration.
 */
function ssoRegistration(addinUrl, env = process.env) {
  const id = (env.GROUNDUP_AAD_APP_ID || "").trim();
  if (id === "") return null;
  if (!GUID.test(id)) {
    throw new Error(
      `GROUNDUP_AAD_APP_ID must be the app registration's client id, a GUID like 12345678-abcd-...: ${id}`,
    );
  }
  const resource = (env.GROUNDUP_AAD_RESOURCE || "").trim() || `api://${new URL(addinUrl).host}/${id}`;
  if (!resource.startsWith("api://")) {
    throw new Error(`GROUNDUP_AAD_RESOURCE must be the Application ID URI, starting with api://: ${resource}`);
  }
  return { id, resource };
}

/**
 * The manifest with WebApplicationInfo for `registration`, as the last child of VersionOverrides
 * (where the schema requires it: WebApplicationInfo element, learn.microsoft.com/javascript/api/manifest).
 * Scopes openid and profile: the token then names the account (preferred_username); Groundup asks
 * for no data.
 */
function addWebApplicationInfo(xml, registration) {
  if (registration === null) return xml;
  if (xml.includes("<WebApplicationInfo>")) throw new Error("manifest.xml already has a WebApplicationInfo element");
  const end = xml.lastIndexOf("</VersionOverrides>");
  if (end < 0) throw new Error("manifest.xml has no VersionOverrides element for WebApplicationInfo");
  const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const element = [
    "  <WebApplicationInfo>",
    `      <Id>${registration.id}</Id>`,
    `      <Resource>${escape(registration.resource)}</Resource>`,
    "      <Scopes>",
    "        <Scope>openid</Scope>",
    "        <Scope>profile</Scope>",
    "      </Scopes>",
    "    </WebApplicationInfo>",
    "  ",
  ].join("\n");
  return xml.slice(0, end) + element + xml.slice(end);
}

/**
 * File names: the files the manifest names (functions.js; the HTML pages, functions.json and icons
 * are not chunks) keep them; every other script is named by its content hash, so after a deploy
 * Office's webview cache can never combine a new taskpane.html with an old chunk: a changed chunk is
 * a new URL. Deploy note in README.md ("Production build").
 */
function chunkFileName(pathData) {
  return pathData.chunk?.name === "functions" ? "[name].js" : "[name].[contenthash:10].js";
}

/**
 * functions.json in production points at the production location like the manifest (its helpUrls
 * name https://localhost:3000/help.html#...), and help.html, the page those links open, is written
 * from it. Runs after every other processing of functions.json, whatever else edits it.
 */
class HelpPagePlugin {
  constructor({ prodUrl }) {
    this.prodUrl = prodUrl;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    const name = "GroundupHelpPage";
    const template = path.resolve(__dirname, "src/help/help.html");
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(template);
      compilation.hooks.processAssets.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const metadata = compilation.getAsset("functions.json");
        if (metadata === undefined) return;
        const json = rewriteManifestUrls(metadata.source.source().toString(), this.prodUrl);
        compilation.updateAsset("functions.json", new sources.RawSource(json));
        const page = renderHelpPage(require("fs").readFileSync(template, "utf8"), json);
        compilation.emitAsset("help.html", new sources.RawSource(page));
      });
    });
  }
}

async function httpsServer() {
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (error) {
    const reason = String(error instanceof Error ? error.message : error).split("\n")[0];
    console.warn(
      [
        "",
        `Could not set up trusted localhost certificates (${reason}).`,
        "Serving with webpack's self-signed certificate instead: browsers warn and Office refuses the",
        'add-in until the certificate is trusted. Fix: "npx office-addin-dev-certs install" (on Linux it',
        "needs sudo), then restart.",
        "",
      ].join("\n"),
    );
    return "https";
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const port = Number(process.env.npm_package_config_dev_server_port) || 3000;
  const prodUrl = dev ? DEV_URL : productionUrl();
  const sso = ssoRegistration(prodUrl);

  return {
    context: __dirname,
    // Plain code with separate maps in development too (webpack's default there wraps every module
    // in eval), so what runs in the functions runtime and the task pane matches production.
    devtool: "source-map",
    entry: {
      // The dev-server client is added here by hand, to the task pane only: injected into every entry
      // (its default) it would break functions.js, which runs where there is no window or document.
      taskpane: [
        ...(serving ? [require.resolve("webpack-dev-server/client/index.js") + "?live-reload=true"] : []),
        "./src/taskpane/index.tsx",
      ],
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: chunkFileName,
      chunkFilename: "[name].[contenthash:10].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck`; isolatedModules makes per-file transpiling safe.
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        input: path.resolve(__dirname, "src/functions/functions.ts"),
        output: "functions.json",
      }),
      // After the generator: lets error cells inside ranges reach the functions.
      new FunctionsJsonPlugin({ output: "functions.json" }),
      new HelpPagePlugin({ prodUrl }),
      new BundleBudgetPlugin({ enforce: !dev }),
      // The pane asks Office who is signed in only when the manifest it ships with allows it.
      new webpack.DefinePlugin({ GROUNDUP_SSO: JSON.stringify(sso !== null) }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev && sso === null) return content;
              const xml = dev ? content.toString() : rewriteManifestUrls(content.toString(), prodUrl);
              return addWebApplicationInfo(xml, sso);
            },
          },
        ],
      }),
    ],
    performance: {
      // The budget that counts is the first view's gzip size (BundleBudgetPlugin). exceljs, loaded only
      // when a file is split or collected, is ~920 KiB minified by itself.
      maxEntrypointSize: 800 * 1024,
      maxAssetSize: 1024 * 1024,
      assetFilter: (file) => file.endsWith(".js"),
    },
    devServer: serving
      ? {
          // Loopback only: the dev build is not meant for other machines on the network.
          host: "localhost",
          port,
          server: await httpsServer(),
          headers: { "Access-Control-Allow-Origin": "*" },
          client: false,
          hot: false,
          liveReload: true,
          static: false,
        }
      : undefined,
  };
};

module.exports.productionUrl = productionUrl;
module.exports.ssoRegistration = ssoRegistration;
module.exports.addWebApplicationInfo = addWebApplicationInfo;
module.exports.chunkFileName = chunkFileName;
module.exports.HelpPagePlugin = HelpPagePlugin;
