// Builds the workbench (workbench/): the add-in's task pane beside an in-memory workbook whose
// formulas HyperFormula computes in a Web Worker. A development tool, never part of the add-in's
// bundles: HyperFormula is GPL-3.0 (or commercial), so builds go to dist-workbench/, outside the
// dist/ that is hosted for the add-in (or to `--env outputPath=<dir>`, as the end-to-end tests do).
// `npm run check:dist` checks that a built dist/ holds no HyperFormula code.
// `webpack serve` serves it on http://localhost:3001 (WORKBENCH_PORT to change).
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEFAULT_PORT = 3001;

module.exports = (env = {}, argv = {}) => {
  const serving = Boolean(env.WEBPACK_SERVE);
  const port = Number(process.env.WORKBENCH_PORT) || DEFAULT_PORT;
  return {
    context: __dirname,
    mode: argv.mode || "development",
    devtool: "source-map",
    entry: {
      workbench: "./workbench/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, env.outputPath || "dist-workbench"),
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
          // Type checking is `npm run typecheck`, which covers workbench/ too.
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "index.html", template: "./workbench/index.html", chunks: ["workbench"] }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/icon-32.png", to: "assets/[name][ext]" }] }),
    ],
    // HyperFormula alone is about 1 MB minified; size is no concern for a local tool.
    performance: { hints: false },
    // Libraries in chunks of their own: the page then compiles and runs its scripts in several tasks,
    // not in one of about 0.2 s before anything shows.
    optimization: { splitChunks: { chunks: "all" } },
    devServer: serving
      ? {
          // Loopback only, and plain http: a local tool that needs neither Office nor certificates.
          host: "localhost",
          port,
          hot: false,
          liveReload: true,
          static: false,
          open: false,
          client: { overlay: { warnings: false } },
        }
      : undefined,
  };
};
