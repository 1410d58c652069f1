// Builds the add-in into dist/: the task pane (React) and the custom functions (JavaScript-only
// runtime, so no React, DOM or dev-server client may reach functions.js), their HTML pages,
// functions.json, the icons and the manifest. `webpack serve` serves the same on https://localhost:3000.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const FunctionsJsonPlugin = require("./scripts/functionsJsonPlugin");
const devCerts = require("office-addin-dev-certs");

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
      filename: "[name].js",
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
              return dev ? content : rewriteManifestUrls(content.toString(), prodUrl);
            },
          },
        ],
      }),
    ],
    performance: {
      // webpack's 244 KiB default would warn on every build: React 19 + Fluent UI 9 alone exceed it.
      // The task pane is ~700 KiB minified; this budget flags real growth beyond that.
      maxEntrypointSize: 800 * 1024,
      maxAssetSize: 800 * 1024,
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
