/** Unit, adapter and component tests. Component tests opt into jsdom with a docblock. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
    // d3 ships ES modules only; jest runs CommonJS, so tests load each package's UMD build.
    "^(d3-[a-z]+)$": "<rootDir>/node_modules/$1/dist/$1.js",
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};
