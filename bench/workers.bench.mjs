#!/usr/bin/env node
// `npm run bench -- bench/workers.bench.mjs`: the plugin's own work per order (attribution and
// settlement) through the real order.placed subscriber, on two worker processes (`medusa start`
// with MEDUSA_WORKER_MODE=worker) on Redis's event bus and workflow engine, as a shop at scale runs
// them. Setup (not measured): the checkout bench's seed (demo store, 31 distributors, the demo plan
// paid at once, member prices) and MLM_BENCH_WORKERS_ORDERS orders (150) placed through links with
// Medusa's checkout workflows. Measured, per wave: every order's commission rows are removed, one
// order.placed event per order is put on the event bus's queue at once (as Medusa queues it), and
// the clock runs until every order has its exact commission lines. Three waves for each number of
// events a worker handles at once (EVENT_BUS_CONCURRENCY: 1, BullMQ's default, then 4 and 8), above 1
// with placed orders settled in batches (plugin option placed_order_batch 20) and each on its own
// (1), their ratio in `placed_batch_speedup_concurrency_<n>` (MLM_BENCH_WORKERS_BATCH, "20,1"); the
// workers restart between settings. Reports orders/s (median wave), and the CPU per order of the
// two workers and of PostgreSQL: of everything order.placed runs in the dev app, the loyalty
// plugin's own subscriber (which reads the order again) and the event bus's jobs included
// (MLM_BENCH_WORKERS_PLUGIN_ONLY=1 leaves the loyalty plugin out). Needs Redis
// (MLM_BENCH_REDIS_URL, default redis://127.0.0.1:6379/12, flushed first); skipped with a message
// without one. Writes section "workers" of latest.json.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import pg from "pg"
import Redis from "ioredis"
import { Queue } from "bullmq"
import { medusaProcesses, runMedusa, sleep } from "../scripts/lib/medusa-app.mjs"
import { connectionFromEnv, databaseUrl, recreateDatabase } from "../scripts/lib/database.mjs"
import { postgresCpu, processCpu as cpuOf } from "../scripts/lib/cpu.mjs"
import results from "../scripts/lib/results.cjs"

const { recordResults } = results
const ORDERS = Number(process.env.MLM_BENCH_WORKERS_ORDERS || 150)
const WAVES = 3
const CONCURRENCIES = (process.env.MLM_BENCH_WORKERS_CONCURRENCY || "1,4,8").split(",").map(Number)
// The plugin option placed_order_batch (MLM_PLACED_ORDER_BATCH in the dev app): the default, 20,
// then 1 (every order in its own workflow runs, as before batching) for each concurrency above 1
// (at 1 a worker handles one event at a time and never batches).
const BATCHES = (process.env.MLM_BENCH_WORKERS_BATCH || "20,1").split(",").map(Number)
const settings = CONCURRENCIES.flatMap((concurrency) => (concurrency === 1 ? BATCHES.slice(0, 1) : BATCHES).map((batch) => ({ concurrency, batch })))
const redisUrl = process.env.MLM_BENCH_REDIS_URL || "redis://127.0.0.1:6379/12"
const t0 = Date.now()
const log = (message) => console.log(`[workers ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`)

const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: () => null })
try {
  await redis.connect()
  await redis.flushdb()
} catch (error) {
  log(`skipped: this bench needs Redis at ${redisUrl} (set MLM_BENCH_REDIS_URL): ${error.message}`)
  process.exit(0)
}

const connection = connectionFromEnv()
const dbName = `${process.env.MLM_BENCH_DB || "mlm_bench"}_workers`
const DATABASE_URL = databaseUrl(connection, dbName)
const env = { ...process.env, DATABASE_URL, MEDUSA_DISABLE_TELEMETRY: "true", MEDUSA_ADMIN_DISABLED: "true", LOG_LEVEL: "error", NODE_ENV: "development" }
delete env.REDIS_URL
// MLM_BENCH_WORKERS_REUSE=1: the database, seed and orders of the last run (the setup takes minutes)
const seedOut = path.join(os.tmpdir(), "mlm-workers-seed.json")
const ordersOut = path.join(os.tmpdir(), "mlm-workers-orders.json")
if (!process.env.MLM_BENCH_WORKERS_REUSE) {
  await recreateDatabase(connection, dbName)
  log("migrating and seeding (demo store, 31 distributors, plan paid at once, member prices)")
  runMedusa(["db:migrate"], env)
  runMedusa(["exec", "./integration-tests/scale/seed.ts"], { ...env, MLM_SCALE_OUT: seedOut })
  log(`placing ${ORDERS} orders through links (setup, not measured)`)
  runMedusa(["exec", "./bench/workers-orders.ts"], { ...env, MLM_WORKERS_ORDERS: String(ORDERS), MLM_WORKERS_OUT: ordersOut }, undefined, { quiet: false })
}
const seed = JSON.parse(fs.readFileSync(seedOut, "utf8"))
const orders = JSON.parse(fs.readFileSync(ordersOut, "utf8"))
const ids = orders.map((o) => o.order_id)
const levelOf = Object.fromEntries(seed.distributors.map((d) => [d.handle, d.level]))
const expected = orders.map((o) => Math.min(seed.levels, levelOf[o.handle] + 1))
const expectedTotal = expected.reduce((s, n) => s + n, 0)

const sql = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
// Medusa's Redis event bus queue, as a server's emit fills it: one job per event, named by it (the
// queue prefix is the event bus service's class name)
const queue = new Queue("events-queue", { prefix: "RedisEventBusService", connection: redis })

const settledCount = async () =>
  (
    await sql.query(
      `SELECT count(*)::int AS lines, count(DISTINCT order_id)::int AS orders FROM mlm_commission_line WHERE order_id = ANY($1) AND deleted_at IS NULL`,
      [ids]
    )
  ).rows[0]
const reset = async () => {
  await sql.query("DELETE FROM mlm_commission_line WHERE order_id = ANY($1)", [ids])
  await sql.query("DELETE FROM mlm_commission_run WHERE order_id = ANY($1)", [ids])
  await sql.query("DELETE FROM mlm_order_attribution WHERE order_id = ANY($1)", [ids])
}

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-workers-logs-"))
const apps = medusaProcesses(logDir)
const basePort = Number(process.env.MLM_BENCH_PORT || 9430)
// MLM_BENCH_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it stops
const nodeArgs = process.env.MLM_BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.MLM_BENCH_CPU_PROF}`] : []
const figures = {}
let code = 0
try {
  for (const { concurrency, batch } of settings) {
    const setting = `concurrency ${concurrency}, batch ${batch}`
    const workerEnv = {
      ...env,
      REDIS_URL: redisUrl,
      MEDUSA_WORKER_MODE: "worker",
      EVENT_BUS_CONCURRENCY: String(concurrency),
      MLM_PLACED_ORDER_BATCH: String(batch),
    }
    // MLM_BENCH_WORKERS_PLUGIN_ONLY=1: workers without the loyalty plugin, whose own order.placed
    // subscriber reads the order again: the plugin's share alone
    if (process.env.MLM_BENCH_WORKERS_PLUGIN_ONLY) workerEnv.MLM_DEV_WITHOUT_LOYALTY = "true"
    apps.start("worker-a", { port: basePort, env: workerEnv, nodeArgs })
    apps.start("worker-b", { port: basePort + 1, env: workerEnv, nodeArgs })
    await Promise.all([apps.waitHealthy("worker-a"), apps.waitHealthy("worker-b")])
    // null where /proc is missing (not Linux): the CPU figures are then reported as unknown
    const workerCpu = () => {
      const [a, b] = ["worker-a", "worker-b"].map((name) => cpuOf(apps.processes[name].child.pid))
      return a === null || b === null ? null : a + b
    }
    const waves = []
    // a first, unmeasured wave warms both workers
    for (let wave = 0; wave <= WAVES; wave++) {
      await reset()
      await sleep(500)
      const cpu0 = workerCpu()
      const pg0 = postgresCpu()
      const started = process.hrtime.bigint()
      await queue.addBulk(ids.map((id) => ({ name: "order.placed", data: { data: { id }, metadata: {} }, opts: { removeOnComplete: true, attempts: 1 } })))
      let state = await settledCount()
      for (let polls = 0; state.lines < expectedTotal && polls < 6000; polls++) {
        await sleep(20)
        state = await settledCount()
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (state.lines !== expectedTotal || state.orders !== ids.length) {
        throw new Error(`${setting}, wave ${wave}: ${state.orders}/${ids.length} orders, ${state.lines}/${expectedTotal} lines`)
      }
      // what the workers and PostgreSQL spent (a short pause lets the last events finish)
      await sleep(300)
      const perOrderMs = (before, after) => (before === null || after === null ? null : ((after - before) * 1000) / ids.length)
      const perOrder = { worker: perOrderMs(cpu0, workerCpu()), postgres: perOrderMs(pg0, postgresCpu()) }
      if (wave === 0) continue
      waves.push({ perS: ids.length / seconds, seconds, ...perOrder })
      log(
        `${setting}, wave ${wave}/${WAVES}: ${ids.length} orders settled in ${seconds.toFixed(2)} s = ${(ids.length / seconds).toFixed(1)} orders/s; ` +
          `CPU per order: workers ${perOrder.worker?.toFixed(1) ?? "?"} ms, PostgreSQL ${perOrder.postgres?.toFixed(1) ?? "?"} ms`
      )
    }
    if (nodeArgs.length) {
      // a profile is written when the process exits by itself
      for (const name of ["worker-a", "worker-b"]) apps.processes[name].child.kill("SIGTERM")
      await sleep(15000)
    }
    apps.killAll()
    await sleep(1000)
    const median = [...waves].sort((a, b) => a.perS - b.perS)[Math.floor(waves.length / 2)]
    figures[concurrency === 1 || batch === BATCHES[0] ? `concurrency_${concurrency}` : `concurrency_${concurrency}_batch_${batch}`] = { setting, ...median }
  }
  log(
    `two workers, median wave: ` +
      Object.values(figures).map((f) => `${f.setting}: ${f.perS.toFixed(1)} orders/s (workers ${f.worker?.toFixed(1) ?? "?"} ms, PostgreSQL ${f.postgres?.toFixed(1) ?? "?"} ms of CPU per order)`).join("; ")
  )
  // batched against each order on its own, at the same concurrency in the same run
  const speedups = Object.fromEntries(
    CONCURRENCIES.filter((c) => c > 1 && BATCHES.length > 1 && figures[`concurrency_${c}_batch_${BATCHES[1]}`]).map((c) => [
      `placed_batch_speedup_concurrency_${c}`,
      figures[`concurrency_${c}`].perS / figures[`concurrency_${c}_batch_${BATCHES[1]}`].perS,
    ])
  )
  for (const [key, ratio] of Object.entries(speedups)) log(`${key.replaceAll("_", " ")} (batch ${BATCHES[0]} / batch ${BATCHES[1]}): ${ratio.toFixed(2)}`)
  const best = Object.entries(figures).sort((a, b) => b[1].perS - a[1].perS)[0]
  recordResults("workers", {
    workers_orders: ids.length,
    two_workers_orders_per_s: best[1].perS,
    two_workers_best_setting: best[1].setting,
    ...speedups,
    ...Object.fromEntries(
      Object.entries(figures).flatMap(([key, f]) => [
        [`two_workers_orders_per_s_${key}`, f.perS],
        [`two_workers_cpu_ms_per_order_${key}`, f.worker],
        [`postgres_cpu_ms_per_order_${key}`, f.postgres],
      ])
    ),
  })
} catch (error) {
  code = 1
  console.error(error)
  console.error(`process logs: ${logDir}`)
} finally {
  apps.killAll()
  await queue.close().catch(() => {})
  await redis.quit().catch(() => {})
  await sql.end().catch(() => {})
}
process.exit(code)
