#!/usr/bin/env node
// The admin browser test on its own demo: a fresh database (`mlm_e2e_admin` on the configured
// PostgreSQL, else an embedded one), `npm run demo` on port 9200 (storefront 8200) with its log in
// .mlm-data/e2e-admin/demo.log, then e2e/admin.e2e.mjs and e2e/demo-storefront.e2e.mjs in Chromium
// against it; the demo is stopped after.
// Part of `npm run e2e` and of `npm test` (where a Chromium is installed).
// With --1m (`npm run e2e:admin:1m`): the demo's database is `mlm_e2e_admin_1m`, 1,000,000 generated
// distributors are added beside the demo's network (bench/generate-network.ts, about 4 minutes), and
// e2e/admin-scale.e2e.mjs measures the genealogy explorer on them.
//   E2E_ADMIN_PORT=9200  CHROMIUM=/usr/bin/chromium  E2E_SCREENSHOTS=0 (leave docs/screenshots alone)
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()
const scale = process.argv.includes("--1m")
const { resolveDatabase, databaseUrl, recreateDatabase, ensureDatabaseExists } = await import("./lib/database.mjs")
const { sleep } = await import("./lib/medusa-app.mjs")

const port = Number(process.env.E2E_ADMIN_PORT || 9200)
const backendUrl = `http://localhost:${port}`
const work = path.join(projectRoot, ".mlm-data", "e2e-admin")
fs.mkdirSync(work, { recursive: true })
const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`

const db = await resolveDatabase(scale ? { name: "pg-e2e-admin-1m", persistent: true } : { name: "pg-e2e-admin", persistent: false })
const dbName = scale ? "mlm_e2e_admin_1m" : "mlm_e2e_admin"
// The million is kept between runs (its scenarios write nothing); E2E_FRESH=1 starts over.
if (scale && !process.env.E2E_FRESH) await ensureDatabaseExists(db.connection, dbName)
else await recreateDatabase(db.connection, dbName)

console.log(`[e2e:admin 1/2] starting ${scale ? "the" : "a fresh"} demo on ${backendUrl} (log: ${path.join(work, "demo.log")})`)
const log = fs.openSync(path.join(work, "demo.log"), "w")
const demo = spawn(process.execPath, [path.join(projectRoot, "scripts", "demo.mjs")], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl(db.connection, dbName),
    PORT: String(port),
    STOREFRONT_PORT: String(port - 1000),
    MLM_STOREFRONT_URL_TEMPLATE: `http://localhost:${port - 1000}/{handle}`,
  },
  stdio: ["ignore", log, log],
  detached: true,
})
const stop = () => {
  try {
    process.kill(-demo.pid, "SIGTERM")
  } catch {}
}
process.on("SIGINT", () => (stop(), process.exit(130)))

let code = 1
try {
  const deadline = Date.now() + 600_000
  for (;;) {
    if (demo.exitCode !== null) throw new Error(`the demo exited (${demo.exitCode}); see ${path.join(work, "demo.log")}`)
    if (Date.now() > deadline) throw new Error(`the demo did not answer within 600 s; see ${path.join(work, "demo.log")}`)
    const ready = await fetch(`${backendUrl}/health`).then((r) => r.ok, () => false)
    if (ready && fs.readFileSync(path.join(work, "demo.log"), "utf8").includes("demo is running")) break
    await sleep(2000)
  }
  if (scale) {
    console.log(`[e2e:admin] adding 1,000,000 generated distributors to the demo's network (demo up after ${elapsed()})`)
    const generator = spawn(
      process.execPath,
      ["--max-old-space-size=6144", "-r", "ts-node/register/transpile-only", path.join(projectRoot, "bench", "generate-network.ts")],
      { env: { ...process.env, DATABASE_URL: databaseUrl(db.connection, dbName), TS_NODE_TRANSPILE_ONLY: "true" }, stdio: "inherit" }
    )
    const generated = await new Promise((resolve) => generator.on("exit", (c) => resolve(c ?? 1)))
    if (generated !== 0) throw new Error(`generating the network failed (${generated})`)
  }
  const file = scale ? "admin-scale.e2e.mjs" : "admin.e2e.mjs"
  console.log(`[e2e:admin 2/2] the admin in Chromium (e2e/${file}), after ${elapsed()}`)
  const test = spawn(process.execPath, [path.join(projectRoot, "e2e", file)], {
    env: { ...process.env, BACKEND_URL: backendUrl },
    stdio: "inherit",
  })
  code = await new Promise((resolve) => test.on("exit", (c) => resolve(c ?? 1)))
  if (code === 0 && !scale) {
    // the demo storefront on the same demo, after the admin (it adds a customer and a distributor)
    console.log(`[e2e:admin] the demo storefront in Chromium (e2e/demo-storefront.e2e.mjs), after ${elapsed()}`)
    const store = spawn(process.execPath, [path.join(projectRoot, "e2e", "demo-storefront.e2e.mjs")], {
      env: { ...process.env, BACKEND_URL: backendUrl, STOREFRONT_URL: `http://localhost:${port - 1000}` },
      stdio: "inherit",
    })
    code = await new Promise((resolve) => store.on("exit", (c) => resolve(c ?? 1)))
  }
} catch (error) {
  console.error(`e2e:admin: ${error.message}`)
} finally {
  stop()
  await sleep(1000)
  await db.stop?.()
}
console.log(`e2e:admin ${code === 0 ? "passed" : "failed"} in ${elapsed()}`)
process.exit(code)
