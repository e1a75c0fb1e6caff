#!/usr/bin/env node
// `npm run bench -- bench/checkout.bench.mjs`: checkout throughput with the plugin against without it,
// same run, same load. Two Medusa apps on one database (migrated and seeded with the demo store,
// network, plan and member prices): the dev app with the plugin, and a bare app (no plugin: only
// a medusa-config in a temporary folder). Each takes rounds of guest checkouts through the store
// API from MLM_BENCH_CHECKOUT_CLIENTS concurrent clients, alternately, so drift hits both alike.
// The plugin's checkouts go through a distributor's link (the referral call is part of its load);
// its subscribers settle in the same process while the load runs. Then the latency from each
// order to its last commission line (p50, p99). Writes section "checkout" of bench-results/latest.json.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { projectRoot } from "../scripts/lib/paths.mjs"
import { medusaProcesses, runMedusa, sleep, storeClient } from "../scripts/lib/medusa-app.mjs"
import { databaseUrl, ensureDatabaseExists } from "../scripts/lib/database.mjs"
import results from "../scripts/lib/results.cjs"
import pg from "pg"

const { percentile, recordResults } = results
const ROUNDS = Number(process.env.MLM_BENCH_CHECKOUT_ROUNDS || 3)
const ORDERS = Number(process.env.MLM_BENCH_CHECKOUT_ORDERS || 60)
const CLIENTS = Number(process.env.MLM_BENCH_CHECKOUT_CLIENTS || 12)
const WARMUP = 10
const t0 = Date.now()
const log = (message) => console.log(`[checkout ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`)

const connection = {
  host: process.env.DB_HOST || "localhost",
  port: process.env.DB_PORT || "5432",
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || "",
}
const dbName = `${process.env.MLM_BENCH_DB || "mlm_bench"}_checkout`
{
  const admin = new pg.Client({ ...connection, port: Number(connection.port), database: "postgres" })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.end()
}
await ensureDatabaseExists(connection, dbName)
const DATABASE_URL = databaseUrl(connection, dbName)
const env = {
  ...process.env,
  DATABASE_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: "error",
  NODE_ENV: "development",
}
delete env.REDIS_URL

log("migrating and seeding (demo store, 31 distributors, plan paid at once, member prices)")
runMedusa(["db:migrate"], env)
const seedOut = path.join(os.tmpdir(), `mlm-checkout-${process.pid}.json`)
runMedusa(["exec", "./integration-tests/scale/seed.ts"], { ...env, MLM_SCALE_OUT: seedOut })
const seed = JSON.parse(fs.readFileSync(seedOut, "utf8"))

// The bare app: the same Medusa, no plugin. Its node_modules are the project's.
const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-bare-app-"))
fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(bareDir, "node_modules"), "dir")
fs.writeFileSync(path.join(bareDir, "package.json"), JSON.stringify({ name: "bare-medusa-app", private: true, dependencies: { "@medusajs/medusa": "2.21.x" } }))
fs.writeFileSync(
  path.join(bareDir, "medusa-config.js"),
  `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: { databaseUrl: process.env.DATABASE_URL, databaseDriverOptions: { connection: { ssl: false } },
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "supersecret", cookieSecret: "supersecret" } },
  admin: { disable: true },
})
`
)

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-checkout-logs-"))
const apps = medusaProcesses(logDir)
const sql = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
const basePort = Number(process.env.MLM_BENCH_PORT || 9410)
let code = 0
try {
  apps.start("plugin", { port: basePort, env })
  apps.start("bare", { port: basePort + 1, env, cwd: bareDir })
  log(`starting the app with the plugin :${basePort} and the bare app :${basePort + 1} (logs in ${logDir})`)
  await Promise.all([apps.waitHealthy("plugin"), apps.waitHealthy("bare")])

  const stores = { plugin: storeClient(`http://localhost:${basePort}`, seed), bare: storeClient(`http://localhost:${basePort + 1}`, seed) }
  const handles = seed.distributors.map((d) => d.handle)
  let n = 0
  /** ORDERS checkouts from CLIENTS concurrent clients; orders per second. */
  async function round(app, count) {
    const placed = []
    let left = count
    const started = process.hrtime.bigint()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (left > 0) {
          left--
          const i = n++
          placed.push(await stores[app].placeOrder(i, app === "plugin" ? handles[(i * 7) % handles.length] : undefined))
        }
      })
    )
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    return { placed, perS: count / seconds, seconds }
  }
  log(`warm-up: ${WARMUP} checkouts on each`)
  await round("bare", WARMUP)
  await round("plugin", WARMUP)

  const rate = { plugin: [], bare: [] }
  const pluginOrders = []
  for (let r = 1; r <= ROUNDS; r++) {
    for (const app of r % 2 ? ["bare", "plugin"] : ["plugin", "bare"]) {
      const { placed, perS, seconds } = await round(app, ORDERS)
      rate[app].push(perS)
      if (app === "plugin") pluginOrders.push(...placed)
      log(`round ${r}/${ROUNDS} ${app.padEnd(6)}: ${ORDERS} checkouts in ${seconds.toFixed(1)} s = ${perS.toFixed(1)} orders/s`)
    }
  }
  const total = (list) => (ORDERS * list.length) / list.reduce((s, perS) => s + ORDERS / perS, 0)
  const ratio = total(rate.plugin) / total(rate.bare)
  log(`throughput: with the plugin ${total(rate.plugin).toFixed(1)} orders/s, without ${total(rate.bare).toFixed(1)} orders/s, ratio ${ratio.toFixed(3)}`)

  // Every plugin order gets its lines; the latency from the order to its last line.
  const expected = Object.fromEntries(seed.distributors.map((d) => [d.handle, Math.min(seed.levels, d.level + 1)]))
  const ids = pluginOrders.map((o) => o.order_id)
  let rows = []
  for (let i = 0; i < 240; i++) {
    ;({ rows } = await sql.query(
      `SELECT o.id, (SELECT count(*) FROM mlm_commission_line l WHERE l.order_id = o.id AND l.deleted_at IS NULL)::int AS lines,
              extract(epoch FROM (SELECT max(l.created_at) FROM mlm_commission_line l WHERE l.order_id = o.id)
                - (SELECT created_at FROM "order" WHERE id = o.id)) AS latency_s
         FROM unnest($1::text[]) AS o(id)`,
      [ids]
    ))
    if (rows.every((row, k) => row.lines === expected[pluginOrders[k].handle])) break
    await sleep(1000)
  }
  const complete = rows.filter((row, k) => row.lines === expected[pluginOrders[k].handle]).length
  if (complete !== ids.length) {
    code = 1
    log(`FAIL: ${ids.length - complete} of ${ids.length} orders lack their exact commission lines`)
  }
  const latencies = rows.filter((row) => row.latency_s !== null).map((row) => Number(row.latency_s) * 1000)
  const p50 = percentile(latencies, 50)
  const p99 = percentile(latencies, 99)
  log(`order -> its last commission line, under that load: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (${complete}/${ids.length} orders complete)`)
  recordResults("checkout", {
    checkout_clients: CLIENTS,
    checkout_orders_per_round: ORDERS,
    checkout_rounds: ROUNDS,
    checkout_plugin_orders_per_s: total(rate.plugin),
    checkout_bare_orders_per_s: total(rate.bare),
    checkout_throughput_ratio: ratio,
    order_to_lines_p50_ms: p50,
    order_to_lines_p99_ms: p99,
  })
} catch (error) {
  code = 1
  console.error(error)
  console.error(`process logs: ${logDir}`)
} finally {
  apps.killAll()
  await sql.end().catch(() => {})
  fs.rmSync(bareDir, { recursive: true, force: true })
}
process.exit(code)
