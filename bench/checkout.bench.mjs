#!/usr/bin/env node
// `npm run bench -- bench/checkout.bench.mjs`: checkout throughput with the plugin against without it,
// same run, same load. Three Medusa apps on one database (migrated and seeded with the demo store,
// network, plan and member prices): the dev app with the plugin ("plugin"); the same dev app
// without the plugin ("host": medusa-config.ts less the plugin's three modules, keeping the
// loyalty plugin the dev app carries for store credit); and Medusa with no plugin at all ("bare").
// The ratio the issue asks for is plugin / host; plugin / bare is reported beside it. Each app
// takes rounds of guest checkouts through the store API from MLM_BENCH_CHECKOUT_CLIENTS concurrent
// clients, in turn (the order rotates each rotation), so drift hits all alike. Rounds are short
// (24 checkouts, about 20 s; 10 rotations) because this shared machine's speed changes over tens of
// seconds: with rounds of 60 one app's round often fell into a slow phase (the same app's rounds
// differed by up to 50 % within a run). Beside the ratio of the totals, the ratio within each
// rotation (plugin / host of neighbouring rounds) is reported as median and quartiles, and the
// ratio's 90 % interval when the rotations are drawn with replacement (a paired bootstrap): how far
// this machine's noise could move it.
// The plugin's checkouts go through a distributor's link (the referral call is part of its load);
// its subscribers settle in the same process while the load runs, and the next round starts only
// when every order of a plugin round has its commission lines (its settling never spills into the
// next app's round). Then the latency from each order to its last commission line (p50, p99).
// Writes section "checkout" of bench-results/latest.json.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { projectRoot } from "../scripts/lib/paths.mjs"
import { medusaProcesses, runMedusa, sleep, storeClient } from "../scripts/lib/medusa-app.mjs"
import { connectionFromEnv, databaseUrl, recreateDatabase } from "../scripts/lib/database.mjs"
import { machineCpu, processCpu as cpuOf } from "../scripts/lib/cpu.mjs"
import results from "../scripts/lib/results.cjs"
import pg from "pg"

const { pairedBootstrap, percentile, quantile, recordResults } = results
const ROUNDS = Number(process.env.MLM_BENCH_CHECKOUT_ROUNDS || 10)
const ORDERS = Number(process.env.MLM_BENCH_CHECKOUT_ORDERS || 24)
const CLIENTS = Number(process.env.MLM_BENCH_CHECKOUT_CLIENTS || 12)
const WARMUP = 10
const t0 = Date.now()
const log = (message) => console.log(`[checkout ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`)

const connection = connectionFromEnv()
const dbName = `${process.env.MLM_BENCH_DB || "mlm_bench"}_checkout`
await recreateDatabase(connection, dbName)
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
// MLM_BENCH_CPU_PROF=<dir>: both apps write a V8 CPU profile there when the run ends
const nodeArgs = process.env.MLM_BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.MLM_BENCH_CPU_PROF}`] : []

log("migrating and seeding (demo store, 31 distributors, plan paid at once, member prices)")
runMedusa(["db:migrate"], env)
const seedOut = path.join(os.tmpdir(), `mlm-checkout-${process.pid}.json`)
runMedusa(["exec", "./integration-tests/scale/seed.ts"], { ...env, MLM_SCALE_OUT: seedOut })
const seed = JSON.parse(fs.readFileSync(seedOut, "utf8"))

/** An app without the plugin in a temporary folder (the project's node_modules): `plugins` is its list. */
function appWithout(name, plugins) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mlm-${name}-app-`))
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir")
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `${name}-medusa-app`, private: true, dependencies: { "@medusajs/medusa": "2.21.x" } }))
  fs.writeFileSync(
    path.join(dir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: { databaseUrl: process.env.DATABASE_URL, databaseDriverOptions: { connection: { ssl: false } },
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "supersecret", cookieSecret: "supersecret" } },
  plugins: ${JSON.stringify(plugins)},
  admin: { disable: true },
})
`
  )
  return dir
}
// The dev app less the plugin: the same plugins list as medusa-config.ts, none of the plugin's modules.
const hostDir = appWithout("host", [{ resolve: "@medusajs/loyalty-plugin", options: {} }])
const bareDir = appWithout("bare", [])

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-checkout-logs-"))
const apps = medusaProcesses(logDir)
const sql = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
const basePort = Number(process.env.MLM_BENCH_PORT || 9410)
let code = 0
try {
  apps.start("plugin", { port: basePort, env, nodeArgs })
  apps.start("host", { port: basePort + 1, env, cwd: hostDir, nodeArgs })
  apps.start("bare", { port: basePort + 2, env, cwd: bareDir, nodeArgs })
  log(`starting the app with the plugin :${basePort}, without it :${basePort + 1}, and bare Medusa :${basePort + 2} (logs in ${logDir})`)
  await Promise.all([apps.waitHealthy("plugin"), apps.waitHealthy("host"), apps.waitHealthy("bare")])

  const stores = {
    plugin: storeClient(`http://localhost:${basePort}`, seed),
    host: storeClient(`http://localhost:${basePort + 1}`, seed),
    bare: storeClient(`http://localhost:${basePort + 2}`, seed),
  }
  const handles = seed.distributors.map((d) => d.handle)
  let n = 0
  // Lines each plugin order must end with: one per level of its distributor's upline the plan pays.
  const expected = Object.fromEntries(seed.distributors.map((d) => [d.handle, Math.min(seed.levels, d.level + 1)]))
  const linesOf = async (orders) =>
    (
      await sql.query(
        `SELECT o.id, (SELECT count(*) FROM mlm_commission_line l WHERE l.order_id = o.id AND l.deleted_at IS NULL)::int AS lines,
                extract(epoch FROM (SELECT max(l.created_at) FROM mlm_commission_line l WHERE l.order_id = o.id)
                  - (SELECT created_at FROM "order" WHERE id = o.id)) AS latency_s
           FROM unnest($1::text[]) AS o(id)`,
        [orders.map((o) => o.order_id)]
      )
    ).rows
  const settled = (orders, rows) => rows.every((row, k) => row.lines === expected[orders[k].handle])
  const cpu = { plugin: { app: 0, machine: 0, orders: 0 }, host: { app: 0, machine: 0, orders: 0 }, bare: { app: 0, machine: 0, orders: 0 } }
  /** ORDERS checkouts from CLIENTS concurrent clients; orders per second. */
  async function round(app, count) {
    const placed = []
    let left = count
    const machine0 = machineCpu()
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
    // The next round starts when this plugin round's orders have their lines (polled every 50 ms, at
    // most 60 s), outside every round's time: the settling still under way when the last checkout
    // answers (about 3 orders' at this load, some 0.5 % of a round's CPU) no longer slows the next
    // app's round; counting the wait in the plugin's round would count idle latency instead (it made
    // plugin rounds 3-6 % slower in a trial run)
    if (app === "plugin") for (let i = 0; i < 1200 && !settled(placed, await linesOf(placed)); i++) await sleep(50)
    if (machine0 !== null) {
      cpu[app].machine += machineCpu() - machine0
      cpu[app].orders += count
    }
    return { placed, perS: count / seconds, seconds }
  }
  const names = ["host", "plugin", "bare"]
  log(`warm-up: ${WARMUP} checkouts on each`)
  for (const app of names) await round(app, WARMUP)

  const rate = { plugin: [], host: [], bare: [] }
  // Each app's own CPU is counted from here until every plugin order has its lines (the settling
  // that trails a round included); the time an app idles while the others take their rounds is alike.
  const appCpu0 = Object.fromEntries(names.map((app) => [app, cpuOf(apps.processes[app].child.pid)]))
  const pluginOrders = []
  for (let r = 1; r <= ROUNDS; r++) {
    for (const app of [...names.slice((r - 1) % 3), ...names.slice(0, (r - 1) % 3)]) {
      const { placed, perS, seconds } = await round(app, ORDERS)
      rate[app].push(perS)
      if (app === "plugin") pluginOrders.push(...placed)
      log(`round ${r}/${ROUNDS} ${app.padEnd(6)}: ${ORDERS} checkouts in ${seconds.toFixed(1)} s = ${perS.toFixed(2)} orders/s`)
    }
  }
  const total = (list) => (ORDERS * list.length) / list.reduce((s, perS) => s + ORDERS / perS, 0)
  const ratio = total(rate.plugin) / total(rate.host)
  const ratioBare = total(rate.plugin) / total(rate.bare)
  // plugin / host within each rotation: neighbouring rounds, so a slow phase of the machine counts once
  const paired = rate.plugin.map((perS, r) => perS / rate.host[r])
  const pairedQ = [quantile(paired, 0.25), quantile(paired, 0.5), quantile(paired, 0.75)]
  // how far the ratio could move with this machine's noise: rotations drawn with replacement
  const interval = pairedBootstrap(rate.plugin, rate.host, (plugin, host) => total(plugin) / total(host))
  log(
    `throughput: with the plugin ${total(rate.plugin).toFixed(2)} orders/s, the same app without it ${total(rate.host).toFixed(2)} orders/s: ratio ${ratio.toFixed(3)}; ` +
      `bare Medusa ${total(rate.bare).toFixed(2)} orders/s (plugin / bare ${ratioBare.toFixed(3)})`
  )
  log(`ratio's 90 % interval over the rotations (paired bootstrap, 4,000 draws): ${interval[0].toFixed(3)} - ${interval[1].toFixed(3)}`)
  log(`plugin / host within each rotation: median ${pairedQ[1].toFixed(3)} (quartiles ${pairedQ[0].toFixed(3)} - ${pairedQ[2].toFixed(3)}; ${paired.map((x) => x.toFixed(2)).join(" ")})`)

  // Every plugin order has its lines (each round waited for them); the latency from the order to its last line.
  const ids = pluginOrders.map((o) => o.order_id)
  const rows = await linesOf(pluginOrders)
  for (const app of names) if (appCpu0[app] !== null) cpu[app].app = cpuOf(apps.processes[app].child.pid) - appCpu0[app]
  // CPU per checkout: the app's own process (whole run), and the whole machine during the app's rounds.
  const perOrder = (app, key) => (cpu[app].orders ? (1000 * cpu[app][key]) / cpu[app].orders : null)
  if (cpu.plugin.orders) {
    log(
      `CPU per checkout, the app's process / the whole machine during its rounds: ` +
        names.map((app) => `${app} ${perOrder(app, "app").toFixed(0)} / ${perOrder(app, "machine").toFixed(0)} ms`).join(", ")
    )
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
    checkout_host_orders_per_s: total(rate.host),
    checkout_bare_orders_per_s: total(rate.bare),
    checkout_throughput_ratio: ratio,
    checkout_ratio_ci90_low: interval[0],
    checkout_ratio_ci90_high: interval[1],
    checkout_ratio_paired_median: pairedQ[1],
    checkout_ratio_paired_p25: pairedQ[0],
    checkout_ratio_paired_p75: pairedQ[2],
    checkout_ratio_vs_bare: ratioBare,
    ...Object.fromEntries(names.flatMap((app) => [[`checkout_${app}_app_cpu_ms`, perOrder(app, "app")], [`checkout_${app}_machine_cpu_ms`, perOrder(app, "machine")]])),
    order_to_lines_p50_ms: p50,
    order_to_lines_p99_ms: p99,
  })
} catch (error) {
  code = 1
  console.error(error)
  console.error(`process logs: ${logDir}`)
} finally {
  if (process.env.MLM_BENCH_CPU_PROF) {
    // a profile is written when the process exits by itself
    for (const { child } of Object.values(apps.processes)) child.kill("SIGTERM")
    await sleep(15000)
  }
  apps.killAll()
  await sql.end().catch(() => {})
  for (const dir of [hostDir, bareDir]) fs.rmSync(dir, { recursive: true, force: true })
}
process.exit(code)
