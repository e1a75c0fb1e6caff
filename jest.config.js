const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true }, target: "es2021" } },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.medusa/", "<rootDir>/.mlm-data/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}
const http = { ...common, setupFilesAfterEnv: ["<rootDir>/integration-tests/setup-after-env.js"] }

/**
 * unit:    pure rules, no database (`*.unit.spec.ts` next to the code)
 * modules: a module's service against a real Postgres (moduleIntegrationTestRunner)
 * http:    the whole app, real routes and workflows (medusaIntegrationTestRunner)
 * build:   `medusa plugin:build` and what it ships
 */
module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"] },
    { ...common, displayName: "modules", testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.module.spec.[jt]s"] },
    { ...http, displayName: "http", testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"] },
    { ...common, displayName: "build", testMatch: ["<rootDir>/integration-tests/build/**/*.spec.[jt]s"] },
  ],
}
