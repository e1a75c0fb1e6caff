#!/usr/bin/env node
// `npm test`: installs dependencies if they are missing, finds a PostgreSQL (the configured one,
// else an embedded one that is thrown away afterwards) and runs every jest project in band.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`. A full run (no arguments)
// then runs the scale-out test (scripts/test-scale.mjs) when a Redis answers, and the browser tests
// when a Chromium is installed (the admin on a fresh demo, scripts/e2e-admin.mjs; the DTC starter,
// scripts/e2e.mjs, where a starter is found), and says so when something is missing.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { dtcStarterDir, projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()

const { resolveDatabase, connectionEnv } = await import("./lib/database.mjs")
const db = await resolveDatabase({ name: "pg-test", persistent: false })

const jestBin = path.join(projectRoot, "node_modules", "jest", "bin", "jest.js")
const child = spawn(process.execPath, [jestBin, "--runInBand", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...connectionEnv(db.connection),
    DATABASE_URL: "",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
    LOG_LEVEL: process.env.LOG_LEVEL || "error",
    MEDUSA_DISABLE_TELEMETRY: "true",
  },
})
const stopAndExit = async (code) => {
  if (code === 0 && process.argv.length === 2) code = await scaleTest()
  if (code === 0 && process.argv.length === 2) code = await browserTest()
  await db.stop().catch(() => {})
  process.exit(code)
}

/** `npm run test:scale` on the same PostgreSQL, if Redis is there (CI has it; a fresh laptop may not). */
async function scaleTest() {
  const redisUrl = process.env.MLM_SCALE_REDIS_URL || "redis://127.0.0.1:6379/11"
  const { default: Redis } = await import("ioredis")
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null })
  const reachable = await redis.connect().then(() => redis.ping()).then(() => true, () => false)
  redis.disconnect()
  if (!reachable) {
    console.log(`\nScale-out test skipped: no Redis at ${redisUrl} (set MLM_SCALE_REDIS_URL, or run npm run test:scale where Redis runs).`)
    return 0
  }
  console.log("\nScale-out test (npm run test:scale): one server and two workers on Redis")
  const scale = spawn(process.execPath, [path.join(projectRoot, "scripts", "test-scale.mjs")], {
    stdio: "inherit",
    env: { ...process.env, ...connectionEnv(db.connection), DATABASE_URL: "", MLM_SCALE_REDIS_URL: redisUrl },
  })
  return new Promise((resolve) => scale.on("exit", (code) => resolve(code ?? 1)))
}
/**
 * `npm run e2e` where a Chromium is installed: the admin on a fresh demo (e2e:admin), then the plugin
 * in Medusa's DTC starter (e2e:dtc) where a starter is found.
 */
async function browserTest() {
  const chromium = process.env.CHROMIUM || "/usr/bin/chromium"
  if (!fs.existsSync(chromium)) {
    console.log(`\nBrowser tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM; then npm run e2e).`)
    return 0
  }
  // The docs' screenshots are refreshed by `npm run e2e` itself, not by a test run.
  const env = { ...process.env, ...connectionEnv(db.connection), DATABASE_URL: "", E2E_SCREENSHOTS: "0" }
  const runScript = (script, extra = {}) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(projectRoot, "scripts", script)], { stdio: "inherit", env: { ...env, ...extra } })
      child.on("exit", (code) => resolve(code ?? 1))
    })
  console.log("\nBrowser tests (npm run e2e:admin): the admin on a fresh demo, in Chromium")
  const adminCode = await runScript("e2e-admin.mjs")
  if (adminCode !== 0) return adminCode
  const starter = dtcStarterDir()
  if (!starter) {
    console.log(`\nDTC starter browser tests skipped: no DTC starter found (clone medusajs/dtc-starter and set DTC_STARTER_DIR; then npm run e2e:dtc).`)
    return 0
  }
  console.log(`\nBrowser tests (npm run e2e:dtc): the plugin in Medusa's DTC starter (${starter}), in Chromium`)
  return runScript("e2e.mjs", { DTC_STARTER_DIR: starter })
}
process.on("SIGINT", () => child.kill("SIGINT"))
process.on("SIGTERM", () => child.kill("SIGTERM"))
child.on("exit", (code, signal) => stopAndExit(code ?? (signal ? 1 : 0)))
