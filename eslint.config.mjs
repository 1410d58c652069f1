// Lint rules for everything we write: the Office add-in rules and React rules from
// eslint-plugin-office-addins, with prettier formatting (.prettierrc) checked as a rule.
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";

// The plugin scopes its TypeScript parser, Office rules and prettier check to js/ts files only;
// widening those blocks makes .tsx and .jsx files get the same treatment.
const ALL_SOURCES = ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"];
const withJsx = (config) => (config.files ? { ...config, files: ALL_SOURCES } : config);

const NODE_GLOBALS = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval"].map((name) => [
    name,
    "readonly",
  ]),
);
const COMMONJS_GLOBALS = Object.fromEntries(
  ["require", "module", "exports", "__dirname", "__filename"].map((name) => [name, "readonly"]),
);

export default [
  { ignores: ["dist/", "node_modules/", "coverage/", "test-results/"] },
  ...officeAddins.configs.react.map(withJsx),
  {
    // The plugin's own parser entry comes out undefined (a CommonJS default-import slip), so files
    // would fall back to espree; office-addin-lint's bundled config sets the parser the same way.
    files: ALL_SOURCES,
    languageOptions: { parser: tsParser, ecmaVersion: "latest" },
  },
  {
    // TypeScript resolves names itself (and knows the DOM, Office and Node types); no-undef would
    // only misfire on type-only globals. Props are typed, so runtime prop-types add nothing.
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      "no-undef": "off",
      "react/prop-types": "off",
    },
  },
  {
    // React 19 with the automatic JSX runtime: no `import React` needed for JSX.
    rules: {
      "react/react-in-jsx-scope": "off",
      "react/jsx-uses-react": "off",
    },
  },
  {
    files: ["scripts/**/*.{js,mjs}", "*.mjs"],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
  },
];
