#!/usr/bin/env node
// `npm run test:scale`: scale-out proven with processes. One Medusa server and two workers
// (`medusa start` with MEDUSA_WORKER_MODE) on one PostgreSQL and one Redis (event bus, workflow
// engine, locking, caching). Places orders concurrently through the store API, SIGKILLs a worker
// mid-run, and checks that every order ends with exactly its commission lines without the
// scheduled reconciliation; restarts the worker and checks more orders; then races member
// price-list rebuilds on both workers. Prints the convergence times; exits non-zero on a miss.
//
// Needs Redis: MLM_SCALE_REDIS_URL (default redis://127.0.0.1:6379/11; that Redis database is
// flushed first). PostgreSQL as for `npm test` (configured, else embedded). MLM_SCALE_ORDERS sets
// the first wave (default 60), MLM_SCALE_CONCURRENCY the events a worker handles at once (8),
// MLM_SCALE_LOCK_MS the event bus's lock duration and stall check (BullMQ's 30,000 ms when unset).
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()
const { resolveDatabase, databaseUrl, ensureDatabaseExists } = await import("./lib/database.mjs")
const { medusaProcesses, runMedusa, sleep, storeClient } = await import("./lib/medusa-app.mjs")
const { percentile } = await import("./lib/results.cjs").then((m) => m.default ?? m)
const { default: pg } = await import("pg")
const { default: Redis } = await import("ioredis")

const FIRST_WAVE = Number(process.env.MLM_SCALE_ORDERS || 60)
const SECOND_WAVE = 20
const KILL_AFTER = Math.floor(FIRST_WAVE / 3) // orders completed before the SIGKILL
const CONVERGE_TIMEOUT_S = 240 // the scheduled reconciliation runs every 600 s: we must not need it
const redisUrl = process.env.MLM_SCALE_REDIS_URL || "redis://127.0.0.1:6379/11"
const basePort = Number(process.env.MLM_SCALE_PORT || 9310)
const t0 = Date.now()
const log = (message) => console.log(`[scale ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`)
const failures = []
const check = (ok, message) => {
  log(`${ok ? "ok  " : "FAIL"} ${message}`)
  if (!ok) failures.push(message)
}

// --- Redis and PostgreSQL ---------------------------------------------------------------------
const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null })
try {
  await redis.connect()
  await redis.flushdb()
} catch (error) {
  console.error(`test:scale needs Redis at ${redisUrl} (set MLM_SCALE_REDIS_URL): ${error.message}`)
  process.exit(1)
}
await redis.quit()
log(`Redis ${redisUrl}: flushed`)

const db = await resolveDatabase({ name: "pg-scale", persistent: false, log })
const dbName = "mlm_scale"
{
  const admin = new pg.Client({ ...db.connection, port: Number(db.connection.port), database: "postgres" })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.end()
}
await ensureDatabaseExists(db.connection, dbName)
const DATABASE_URL = databaseUrl(db.connection, dbName)
const sql = new pg.Pool({ connectionString: DATABASE_URL, max: 4 })

const baseEnv = {
  ...process.env,
  DATABASE_URL,
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLED: "true",
  LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  NODE_ENV: "development",
}
delete baseEnv.REDIS_URL
const medusa = (args, env = baseEnv) => runMedusa(args, env)

log("migrating")
medusa(["db:migrate"])
log("seeding the store, the demo network (31 distributors), the plan and member prices")
const seedOut = path.join(os.tmpdir(), `mlm-scale-${process.pid}.json`)
medusa(["exec", "./integration-tests/scale/seed.ts"], { ...baseEnv, MLM_SCALE_OUT: seedOut })
const seed = JSON.parse(fs.readFileSync(seedOut, "utf8"))
medusa(["user", "-e", "scale-admin@example.com", "-p", "supersecret"])

// --- The processes ------------------------------------------------------------------------------
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-scale-logs-"))
const apps = medusaProcesses(logDir)
const processes = apps.processes
// Each worker handles up to 8 events at once (MLM_SCALE_CONCURRENCY), so placed orders that arrive
// together settle in batches (plugin option placed_order_batch) and the kill lands in batches too.
const concurrency = process.env.MLM_SCALE_CONCURRENCY || "8"
// MLM_SCALE_LOCK_MS: the event bus's lock duration and stall check (BullMQ's 30,000 ms each when unset)
const lockMs = process.env.MLM_SCALE_LOCK_MS || ""
const startProcess = (name, mode, port) =>
  apps.start(name, {
    port,
    env: { ...baseEnv, REDIS_URL: redisUrl, MEDUSA_WORKER_MODE: mode, EVENT_BUS_CONCURRENCY: concurrency, EVENT_BUS_LOCK_MS: lockMs },
  })
const waitHealthy = (name) => apps.waitHealthy(name)
async function stopAll() {
  apps.killAll()
  await sql.end().catch(() => {})
  await db.stop().catch(() => {})
}
process.on("SIGINT", () => stopAll().then(() => process.exit(130)))

try {
  startProcess("server", "server", basePort)
  startProcess("worker-a", "worker", basePort + 1)
  startProcess("worker-b", "worker", basePort + 2)
  log(`starting server :${basePort}, worker-a :${basePort + 1}, worker-b :${basePort + 2} (logs in ${logDir})`)
  await Promise.all(["server", "worker-a", "worker-b"].map((name) => waitHealthy(name)))
  log("all three answer /health")

  const api = `http://localhost:${basePort}`
  const { call, placeOrder } = storeClient(api, seed)

  /** Each order's expected lines: one per level of the plan, as deep as the credited distributor's upline goes. */
  const depthOf = Object.fromEntries(seed.distributors.map((d) => [d.handle, d.level]))
  const expectedLines = (handle) => Math.min(seed.levels, depthOf[handle] + 1)
  async function ledgerState(orders) {
    const ids = orders.map((o) => o.order_id)
    const { rows } = await sql.query(
      `SELECT o.id AS order_id,
              (SELECT count(*) FROM mlm_order_attribution a WHERE a.order_id = o.id AND a.deleted_at IS NULL)::int AS attributions,
              (SELECT count(*) FROM mlm_commission_run r WHERE r.order_id = o.id AND r.deleted_at IS NULL)::int AS runs,
              (SELECT count(*) FROM mlm_commission_line l WHERE l.order_id = o.id AND l.deleted_at IS NULL)::int AS lines,
              (SELECT count(DISTINCT (l.level, l.distributor_id, l.kind)) FROM mlm_commission_line l
                WHERE l.order_id = o.id AND l.deleted_at IS NULL)::int AS distinct_lines,
              extract(epoch FROM (SELECT max(l.created_at) FROM mlm_commission_line l WHERE l.order_id = o.id)
                - (SELECT created_at FROM "order" WHERE id = o.id)) AS latency_s
         FROM unnest($1::text[]) AS o(id)`,
      [ids]
    )
    const byId = Object.fromEntries(rows.map((r) => [r.order_id, r]))
    return orders.map((o) => ({ ...o, ...byId[o.order_id], expected: expectedLines(o.handle) }))
  }
  const converged = (s) => s.attributions === 1 && s.runs === 1 && s.lines === s.expected && s.distinct_lines === s.expected
  async function waitConverged(orders, label) {
    const started = Date.now()
    for (;;) {
      const states = await ledgerState(orders)
      const missing = states.filter((s) => !converged(s))
      const doubled = states.filter((s) => s.lines > s.expected || s.attributions > 1 || s.runs > 1)
      if (doubled.length) return { ok: false, states, doubled, seconds: (Date.now() - started) / 1000 }
      if (!missing.length) return { ok: true, states, seconds: (Date.now() - started) / 1000 }
      if (Date.now() - started > CONVERGE_TIMEOUT_S * 1000) return { ok: false, states, missing, seconds: CONVERGE_TIMEOUT_S }
      log(`${label}: ${orders.length - missing.length}/${orders.length} orders have their lines`)
      await sleep(2000)
    }
  }
  const handles = seed.distributors.map((d) => d.handle)

  // --- Wave 1: orders at once, worker-a killed mid-run ------------------------------------------
  log(`wave 1: placing ${FIRST_WAVE} orders concurrently; worker-a is SIGKILLed after ${KILL_AFTER} are placed`)
  let completed = 0
  let killedAt = null
  const wave1Start = Date.now()
  const wave1 = await Promise.all(
    Array.from({ length: FIRST_WAVE }, (_, n) =>
      placeOrder(n, handles[(n * 7) % handles.length]).then((placed) => {
        if (++completed === KILL_AFTER) {
          processes["worker-a"].child.kill("SIGKILL")
          killedAt = Date.now()
          log(`SIGKILL worker-a (pid ${processes["worker-a"].child.pid}) with ${completed} of ${FIRST_WAVE} orders placed`)
        }
        return placed
      })
    )
  )
  const lastPlaced1 = Math.max(...wave1.map((o) => o.placed_at))
  log(`wave 1: ${wave1.length} orders placed in ${((lastPlaced1 - wave1Start) / 1000).toFixed(1)} s`)
  const r1 = await waitConverged(wave1, "wave 1")
  const convergedAt1 = Date.now()
  check(r1.ok, `wave 1: all ${FIRST_WAVE} orders have exactly their lines (none missing, none doubled), one attribution and one settlement each`)
  if (!r1.ok) console.log(JSON.stringify((r1.missing ?? r1.doubled).slice(0, 5), null, 2))
  const wave1KillToConverged = (convergedAt1 - killedAt) / 1000
  const wave1LastToConverged = (convergedAt1 - lastPlaced1) / 1000
  log(`wave 1: converged ${wave1KillToConverged.toFixed(1)} s after the kill, ${wave1LastToConverged.toFixed(1)} s after the last order`)
  const latency1 = r1.states.filter((s) => s.latency_s !== null).map((s) => Number(s.latency_s))
  log(`wave 1: order created -> its last line written: p50 ${percentile(latency1, 50).toFixed(2)} s, p99 ${percentile(latency1, 99).toFixed(2)} s (the slow ones were on the killed worker)`)

  // --- Wave 2: worker-a back -----------------------------------------------------------------------
  startProcess("worker-a", "worker", basePort + 1)
  await waitHealthy("worker-a")
  log(`worker-a restarted; wave 2: placing ${SECOND_WAVE} orders concurrently`)
  const wave2 = await Promise.all(Array.from({ length: SECOND_WAVE }, (_, n) => placeOrder(FIRST_WAVE + n, handles[(n * 5 + 3) % handles.length])))
  const lastPlaced2 = Math.max(...wave2.map((o) => o.placed_at))
  const r2 = await waitConverged(wave2, "wave 2")
  check(r2.ok, `wave 2: all ${SECOND_WAVE} orders converge with the restarted worker`)
  const wave2LastToConverged = (Date.now() - lastPlaced2) / 1000
  log(`wave 2: converged ${wave2LastToConverged.toFixed(1)} s after the last order`)
  const again = await ledgerState(wave1)
  check(again.every(converged), "wave 1 still has exactly its lines after the restart (nothing replayed twice)")

  // --- Member price list: rebuilds racing on two workers -----------------------------------------
  const { token } = await call("POST", "/auth/user/emailpass", { email: "scale-admin@example.com", password: "supersecret" }, { "content-type": "application/json" })
  const adminHeaders = { "content-type": "application/json", authorization: `Bearer ${token}` }
  const refreshedAt = async () =>
    (await sql.query(`SELECT value FROM mlm_network_setting WHERE key = 'wholesale_refreshed_at' AND deleted_at IS NULL`)).rows[0]?.value
  const before = await refreshedAt()
  log("price list: 8 product updates at once (each triggers a full rebuild of the member price list)")
  await Promise.all(
    Array.from({ length: 8 }, (_, i) => {
      const product = seed.products[i % seed.products.length]
      return call("POST", `/admin/products/${product.id}`, { subtitle: `scale ${i}` }, adminHeaders)
    })
  )
  let settledFor = 0
  let last = await refreshedAt()
  for (let i = 0; i < 120 && settledFor < 5; i++) {
    await sleep(1000)
    const now = await refreshedAt()
    const lease = (await sql.query(`SELECT 1 FROM mlm_network_setting WHERE key LIKE 'lease:%'`)).rowCount
    settledFor = now === last && now !== before && !lease ? settledFor + 1 : 0
    last = now
  }
  const { rows: dupes } = await sql.query(
    `SELECT p.price_set_id, p.currency_code, count(*)::int AS n
       FROM price p JOIN mlm_network_setting s ON s.key = 'wholesale_price_list_id' AND p.price_list_id = s.value
      WHERE p.deleted_at IS NULL GROUP BY 1, 2 HAVING count(*) > 1`
  )
  const { rows: [{ n: listed }] } = await sql.query(
    `SELECT count(*)::int AS n FROM price p JOIN mlm_network_setting s ON s.key = 'wholesale_price_list_id' AND p.price_list_id = s.value
      WHERE p.deleted_at IS NULL`
  )
  const expectedPrices = Number((await sql.query(`SELECT value FROM mlm_network_setting WHERE key = 'wholesale_price_count'`)).rows[0].value)
  check(last !== before, "price list: rebuilt after the product updates")
  check(dupes.length === 0 && listed === expectedPrices, `price list: one member price per variant and currency (${listed} prices, ${expectedPrices} expected, ${dupes.length} doubled)`)

  const summary = {
    orders: FIRST_WAVE + SECOND_WAVE,
    event_bus_lock_ms: Number(lockMs) || 30000,
    wave1_kill_to_converged_s: Number(wave1KillToConverged.toFixed(1)),
    wave1_last_order_to_converged_s: Number(wave1LastToConverged.toFixed(1)),
    wave1_latency_p50_s: Number(percentile(latency1, 50).toFixed(2)),
    wave1_latency_p99_s: Number(percentile(latency1, 99).toFixed(2)),
    wave2_last_order_to_converged_s: Number(wave2LastToConverged.toFixed(1)),
    member_prices: listed,
    failures,
  }
  fs.mkdirSync(path.join(projectRoot, "bench-results"), { recursive: true })
  fs.writeFileSync(path.join(projectRoot, "bench-results", "scale-latest.json"), JSON.stringify(summary, null, 2) + "\n")
  console.log(JSON.stringify(summary, null, 2))
} catch (error) {
  failures.push(String(error?.stack ?? error))
  console.error(error)
  console.error(`process logs: ${logDir}`)
} finally {
  await stopAll()
}
log(failures.length ? `FAILED (${failures.length})` : "passed")
process.exit(failures.length ? 1 : 0)
