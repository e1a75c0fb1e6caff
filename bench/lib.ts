import path from "path"
import { performance, PerformanceObserver } from "perf_hooks"
import { Client } from "pg"
import { initModules } from "@medusajs/test-utils"
import { NETWORK_MODULE } from "../src/modules/network"
import { COMMISSION_MODULE } from "../src/modules/commission"
import type NetworkModuleService from "../src/modules/network/service"
import type CommissionModuleService from "../src/modules/commission/service"

// The plugin's deterministic random source (the simulator's synthetic network uses it too).
export { seededRandom as mulberry32 } from "../src/modules/commission/utils/simulation"

/** The benches' plain 8-level plan: 10 / 5 / 3 / 2 / 1 / 1 / 1 / 1 %. */
export const BENCH_PLAN = [10, 5, 3, 2, 1, 1, 1, 1].map((percent, i) => ({ level: i + 1, percent }))

/** The benches' ranked plan: activity over 30 days, three ranks, levels 3+ for Silver and 6+ for Gold. */
export const RANKED_PLAN = {
  activity: { min_pv: 50, window_days: 30 },
  ranks: [
    { name: "Bronze", min_pv: 50, min_gv: 0, min_active_legs: 0 },
    { name: "Silver", min_pv: 50, min_gv: 1000, min_active_legs: 2 },
    { name: "Gold", min_pv: 100, min_gv: 10000, min_active_legs: 3 },
  ],
  levels: BENCH_PLAN.map((l) => ({ ...l, ...(l.level >= 6 ? { min_rank: "Gold" } : l.level >= 3 ? { min_rank: "Silver" } : {}) })),
}

/**
 * The plugin's network and commission modules on the bench database (no Medusa app around them), on
 * Medusa's own connection (knex over pg, as in a Medusa server), so a bench through them times what
 * a route's read costs. `only` leaves the other module out (the network bench's database has no
 * commission tables).
 */
export async function bootModules(database: string, only?: typeof NETWORK_MODULE) {
  const auth = process.env.DB_PASSWORD ? `${process.env.DB_USERNAME}:${process.env.DB_PASSWORD}` : process.env.DB_USERNAME
  const modules = {
    [NETWORK_MODULE]: { resolve: path.join(__dirname, "../src/modules/network"), options: {} },
    [COMMISSION_MODULE]: { resolve: path.join(__dirname, "../src/modules/commission"), options: {} },
  }
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: `postgres://${auth}@${process.env.DB_HOST}:${process.env.DB_PORT}/${database}` },
    modulesConfig: only ? { [only]: modules[only] } : modules,
    preventConnectionDestroyWarning: true,
  })
  return {
    network: medusaApp.modules[NETWORK_MODULE] as NetworkModuleService,
    commission: medusaApp.modules[COMMISSION_MODULE] as CommissionModuleService,
    shutdown,
  }
}

// One percentile (nearest rank) and one results file for the .ts and the .mjs benches.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const results = require("../scripts/lib/results.cjs")
export const percentile: (values: number[], p: number) => number = results.percentile

export type Measurement = { name: string; runs: number; p50: number; p99: number }

/**
 * Runs `fn` `runs` times after `warmup` runs; returns p50/p99 in milliseconds. It also counts the runs
 * during which this process paused for garbage collection (Node's "gc" performance entries), and
 * prints the p99 of the other runs beside the p99 of all: a downline page through the module meets a
 * minor GC about once per 120 pages (1-1.5 ms on the 2-core development machine; 5-13 ms while pg's
 * promise API was in use, see CallbackClient). The recorded p99 is always that of all runs.
 */
export async function measure(name: string, runs: number, warmup: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await fn(i)
  const pauses: { start: number; end: number }[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration })
  })
  observer.observe({ entryTypes: ["gc"] })
  const spans: { start: number; ms: number }[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn(i)
    spans.push({ start, ms: performance.now() - start })
  }
  await new Promise((resolve) => setImmediate(resolve))
  observer.disconnect()
  const paused = (span: { start: number; ms: number }) => pauses.some((p) => p.start < span.start + span.ms && p.end > span.start)
  const samples = spans.map((s) => s.ms).sort((a, b) => a - b)
  const unpaused = spans.filter((s) => !paused(s)).map((s) => s.ms).sort((a, b) => a - b)
  const gcNote =
    unpaused.length === runs ? "" : `; ${runs - unpaused.length} paused by GC` + (unpaused.length ? `, p99 of the others ${fmt(percentile(unpaused, 99))}` : "")
  return summarize(name, samples, gcNote)
}

/** p50/p99 of `samples` (milliseconds, sorted ascending), printed as one line of the bench's table; `note` goes after the run count. */
export function summarize(name: string, samples: number[], note = ""): Measurement {
  const result: Measurement = { name, runs: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99) }
  console.log(`  ${name.padEnd(58)} p50 ${fmt(result.p50).padStart(10)}  p99 ${fmt(result.p99).padStart(10)}  (${result.runs} runs${note})`)
  return result
}

export const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} us` : `${ms.toFixed(2)} ms`)

/**
 * A pg client whose promise-style `query(text, values)` goes through pg's callback API, as knex (and
 * so a Medusa server) calls it. pg's own promise path left the bench process's minor GCs copying
 * about 2.6 MB more each time, for as long as the process lived: after 1,000 `SELECT 1` on it, the
 * network module's downline pages (which never touch this client) met 5-13 ms GC pauses instead of
 * 1-1.5 ms, one per 100 pages (2026-12-07, `node --trace-gc-nvp`; a callback-wrapped loop copied
 * 2 KB per GC).
 */
class CallbackClient extends Client {
  query(...args: any[]): any {
    const [config, values] = args
    if (typeof args[args.length - 1] === "function" || typeof config?.submit === "function") {
      return (super.query as (...a: any[]) => any)(...args)
    }
    return new Promise((resolve, reject) =>
      (super.query as (...a: any[]) => any)(config, values, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result)))
    )
  }
}

export async function connect(database: string): Promise<Client> {
  const client = new CallbackClient({
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  })
  await client.connect()
  return client
}

/** The SQL of a module's migrations, as Medusa would run them, so the bench uses the real schema. */
export async function migrationSql(migrationModules: Record<string, any>[]): Promise<string[]> {
  const statements: string[] = []
  for (const mod of migrationModules) {
    for (const MigrationClass of Object.values(mod)) {
      if (typeof MigrationClass !== "function") continue
      const migration = new (MigrationClass as any)(null, {})
      await migration.up()
      statements.push(...migration.getQueries())
    }
  }
  return statements
}

/**
 * Every migration of a module, in name order (the order Medusa runs them), so a bench never misses
 * one added later. `module` is the folder under src/modules.
 */
export function moduleMigrations(module: "network" | "commission"): Record<string, any>[] {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require("fs") as typeof import("fs")
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const path = require("path") as typeof import("path")
  const dir = path.join(__dirname, "..", "src", "modules", module, "migrations")
  return fs
    .readdirSync(dir)
    .filter((f) => /^Migration\d+\.ts$/.test(f))
    .sort()
    .map((f) => require(path.join(dir, f)))
}

/**
 * Applies the module's migrations the bench database has not run yet (recorded by class name in
 * mlm_bench_migration, as Medusa records them in its own table), so re-running a bench is a no-op.
 */
export async function applyMigrations(client: Client, module: "network" | "commission", { reset = false } = {}): Promise<void> {
  await client.query("CREATE TABLE IF NOT EXISTS mlm_bench_migration (name text PRIMARY KEY)")
  if (reset) await client.query("DELETE FROM mlm_bench_migration WHERE name LIKE $1", [`${module}:%`])
  const { rows } = await client.query("SELECT name FROM mlm_bench_migration")
  const done = new Set(rows.map((r: { name: string }) => r.name))
  for (const mod of moduleMigrations(module)) {
    for (const [className, MigrationClass] of Object.entries(mod)) {
      const key = `${module}:${className}`
      if (typeof MigrationClass !== "function" || done.has(key)) continue
      for (const sql of await migrationSql([{ [className]: MigrationClass }])) await client.query(sql)
      await client.query("INSERT INTO mlm_bench_migration (name) VALUES ($1)", [key])
    }
  }
}

/** Merges one bench's figures into bench-results/latest.json. */
export const recordResults: (section: string, figures: Record<string, unknown>) => void = results.recordResults
