#!/usr/bin/env node
// `npm run e2e:dtc` (part of `npm run e2e`): the plugin in the storefront shops start from. Builds and packs the plugin, applies
// it to a fresh copy of Medusa's DTC starter (examples/dtc-starter/apply.mjs), installs both apps,
// migrates and seeds the starter's store, starts its backend and its Next.js storefront (production
// build), and runs the browser scenarios of e2e/dtc-starter.e2e.mjs in Debian Chromium.
//   DTC_STARTER_DIR=<your clone>   CHROMIUM=/usr/bin/chromium   E2E_KEEP=1 (leave the servers running)
//   E2E_SKIP_INSTALL=1 (reuse .mlm-data/e2e from the last run: only the plugin and the patch are redone)
//   E2E_SCREENSHOTS=0 (do not refresh docs/screenshots/dtc-*.png; npm test sets it)
//   E2E_REMOTE_IMAGES=1 (keep the seed's product images on S3; by default this run uses local stand-ins, see e2e/lib/product-images.mjs)
import fs from "node:fs"
import path from "node:path"
import { dtcStarterDir, projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()
const { resolveDatabase, databaseUrl, recreateDatabase } = await import("./lib/database.mjs")
const { backgroundProcesses, runCommand: run } = await import("./lib/medusa-app.mjs")

const work = path.join(projectRoot, ".mlm-data", "e2e")
const starter = path.join(work, "starter")
const backendDir = path.join(starter, "apps/backend")
const storefrontDir = path.join(starter, "apps/storefront")
const backendPort = Number(process.env.E2E_BACKEND_PORT || 9100)
const storefrontPort = Number(process.env.E2E_STOREFRONT_PORT || 8100)
const backendUrl = `http://localhost:${backendPort}`
const storefrontUrl = `http://localhost:${storefrontPort}`
const reuse = process.env.E2E_SKIP_INSTALL === "1" && fs.existsSync(path.join(storefrontDir, "node_modules"))
const started = Date.now()
const STEPS = 7
const step = (n, text) => console.log(`\n[e2e ${n}/${STEPS}] ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`)

const servers = backgroundProcesses(work)
let db
let failed = false
try {
  step(1, "building and packing the plugin")
  fs.mkdirSync(work, { recursive: true })
  run("npm", ["run", "build"])
  const packDir = path.join(work, "pack")
  fs.rmSync(packDir, { recursive: true, force: true })
  fs.mkdirSync(packDir)
  const tarball = path.join(packDir, run("npm", ["pack", "--silent", "--pack-destination", packDir]).trim().split("\n").pop())

  step(2, `applying the plugin to a fresh copy of the DTC starter${reuse ? " (keeping the installed node_modules)" : ""}`)
  const keep = reuse ? ["apps/backend/node_modules", "apps/storefront/node_modules"] : []
  for (const dir of keep) fs.renameSync(path.join(starter, dir), path.join(work, dir.replaceAll("/", "-")))
  fs.rmSync(starter, { recursive: true, force: true })
  const source = dtcStarterDir()
  if (!source) throw new Error("no DTC starter found: clone medusajs/dtc-starter and set DTC_STARTER_DIR to it")
  run(process.execPath, ["examples/dtc-starter/apply.mjs", starter], { env: { ...process.env, DTC_STARTER_DIR: source, MLM_PLUGIN_SPEC: `file:${tarball}` } })
  for (const dir of keep) fs.renameSync(path.join(work, dir.replaceAll("/", "-")), path.join(starter, dir))

  step(3, "installing the backend and the storefront (npm install in each app)")
  for (const dir of [backendDir, storefrontDir]) {
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir })
    // A tarball of the same name and version is not unpacked again: install this build of the plugin.
    if (reuse) run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-save", tarball], { cwd: dir })
  }

  step(4, "database: migrations and the starter's seed, an admin")
  db = await resolveDatabase({ name: "pg-e2e", persistent: false })
  const dbName = "mlm_e2e_starter"
  await recreateDatabase(db.connection, dbName)
  const { default: pg } = await import("pg")
  const backendEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl(db.connection, dbName),
    STORE_CORS: storefrontUrl,
    ADMIN_CORS: backendUrl,
    AUTH_CORS: `${storefrontUrl},${backendUrl}`,
    JWT_SECRET: "e2e-secret",
    COOKIE_SECRET: "e2e-secret",
    MEDUSA_DISABLE_TELEMETRY: "true",
    MLM_STOREFRONT_URL_TEMPLATE: `${storefrontUrl}/{handle}`,
    PORT: String(backendPort),
    // the local file provider's public URL (a distributor's photo) on this port
    MEDUSA_BACKEND_URL: backendUrl,
    NODE_ENV: "development",
  }
  const medusa = (args) => run(process.execPath, [path.join(backendDir, "node_modules/@medusajs/cli/cli.js"), ...args], { cwd: backendDir, env: backendEnv })
  medusa(["db:migrate"])
  medusa(["user", "-e", "admin@example.com", "-p", "supersecret"])
  const client = new pg.Client({ ...db.connection, database: dbName })
  await client.connect()
  const { rows } = await client.query("SELECT token FROM api_key WHERE type = 'publishable' AND revoked_at IS NULL LIMIT 1")
  // Offline, as here and in CI, the seed's product images on S3 cannot load: local stand-ins for this run
  // (E2E_REMOTE_IMAGES=1 keeps the S3 ones).
  if (process.env.E2E_REMOTE_IMAGES !== "1") {
    const { useLocalProductImages } = await import("../e2e/lib/product-images.mjs")
    console.log(`  ${await useLocalProductImages(client, path.join(backendDir, "static"), backendUrl)} product images on S3 replaced by local stand-ins`)
  }
  await client.end()
  const publishableKey = rows[0].token

  step(5, `starting the starter's backend on ${backendUrl}`)
  servers.start("backend", process.execPath, [path.join(backendDir, "node_modules/@medusajs/cli/cli.js"), "develop", "--port", String(backendPort)], {
    cwd: backendDir,
    env: backendEnv,
    group: true,
  })
  await servers.waitFor("backend", `${backendUrl}/health`, 240)

  step(6, `building and starting the storefront on ${storefrontUrl} (next build, next start)`)
  const storefrontEnv = {
    ...process.env,
    NEXT_PUBLIC_MEDUSA_BACKEND_URL: backendUrl,
    NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY: publishableKey,
    NEXT_PUBLIC_BASE_URL: storefrontUrl,
    NEXT_PUBLIC_DEFAULT_REGION: "dk",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  }
  const nextBin = path.join(storefrontDir, "node_modules/next/dist/bin/next")
  run(process.execPath, [nextBin, "build"], { cwd: storefrontDir, env: storefrontEnv })
  servers.start("storefront", process.execPath, [nextBin, "start", "-p", String(storefrontPort)], { cwd: storefrontDir, env: storefrontEnv, group: true })
  await servers.waitFor("storefront", `${storefrontUrl}/dk`, 120)

  step(7, "browser scenarios in Chromium (e2e/dtc-starter.e2e.mjs)")
  const { runScenarios } = await import("../e2e/dtc-starter.e2e.mjs")
  const screenshots = process.env.E2E_SCREENSHOTS === "0" ? null : path.join(projectRoot, "docs/screenshots")
  const result = await runScenarios({ backendUrl, storefrontUrl, publishableKey, screenshots })
  failed = result.failed > 0
  console.log(`\n${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
} catch (error) {
  failed = true
  console.error(`\ne2e: ${error.message}`)
} finally {
  if (process.env.E2E_KEEP === "1" && !failed) {
    console.log(`Servers left running: ${backendUrl}/app (admin@example.com / supersecret), ${storefrontUrl}`)
  } else {
    servers.stopAll("SIGTERM")
    await db?.stop?.()
  }
}
process.exit(failed ? 1 : 0)
