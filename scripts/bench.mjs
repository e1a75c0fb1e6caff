#!/usr/bin/env node
// `npm run bench`: finds a PostgreSQL (configured, else an embedded one keeping its data in
// .mlm-data/pg-bench), creates the database mlm_bench and runs the benchmarks in bench/.
import { spawn } from "node:child_process"
import os from "node:os"
import path from "node:path"
import { projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()
const { resolveDatabase, connectionEnv, ensureDatabaseExists, databaseUrl, recreateDatabase } = await import("./lib/database.mjs")
const db = await resolveDatabase({ name: "pg-bench", persistent: true })
const database = process.env.MLM_BENCH_DB || "mlm_bench"
await ensureDatabaseExists(db.connection, database)

const benches = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["bench/network.bench.ts", "bench/import.bench.ts", "bench/commission.bench.ts", "bench/simulate.bench.ts", "bench/subscriber.bench.ts", "bench/workers.bench.mjs", "bench/checkout.bench.mjs"]
const appDatabase = `${database}_app`
let code = 0
for (const bench of benches) {
  if (bench.endsWith(".profile.ts")) {
    // `npm run bench -- bench/order-path.profile.ts` (not in the default set): a small Medusa database
    // with the checkout bench's seed, made afresh unless MLM_PROFILE_REUSE keeps the last run's orders.
    const profileDatabase = `${database}_profile`
    const env = { ...process.env, ...connectionEnv(db.connection), DATABASE_URL: databaseUrl(db.connection, profileDatabase), LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true" }
    const { runMedusa } = await import("./lib/medusa-app.mjs")
    try {
      if (!process.env.MLM_PROFILE_REUSE) {
        console.log(`[profile] database ${profileDatabase}: migrating and seeding (demo store, 31 distributors, the demo plan, member prices)`)
        await recreateDatabase(db.connection, profileDatabase)
        runMedusa(["db:migrate"], env)
        runMedusa(["exec", "./integration-tests/scale/seed.ts"], { ...env, MLM_SCALE_OUT: path.join(os.tmpdir(), `mlm-profile-${process.pid}.json`) })
      }
      runMedusa(["exec", `./${bench}`], env, projectRoot, { quiet: false })
    } catch (error) {
      console.error(error.message)
      code = 1
      break
    }
    continue
  }
  if (bench.endsWith("subscriber.bench.ts")) {
    // A full Medusa database (all modules migrated) for the subscribers, with the network generated in it.
    await ensureDatabaseExists(db.connection, appDatabase)
    const env = { ...process.env, ...connectionEnv(db.connection), DATABASE_URL: databaseUrl(db.connection, appDatabase), LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true" }
    const medusaBin = path.join(projectRoot, "node_modules", "@medusajs", "cli", "cli.js")
    for (const args of [["db:migrate"], ["exec", `./${bench}`]]) {
      code = await new Promise((resolve) => {
        const child = spawn(process.execPath, ["--max-old-space-size=6144", medusaBin, ...args], { stdio: "inherit", env })
        child.on("exit", (c) => resolve(c ?? 1))
      })
      if (code !== 0) break
    }
    if (code !== 0) break
    continue
  }
  // .mjs benches start their own Medusa processes; .ts ones run under ts-node.
  const runner = bench.endsWith(".mjs") ? [] : ["--max-old-space-size=6144", "-r", "ts-node/register/transpile-only"]
  code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...runner, path.join(projectRoot, bench)],
      { stdio: "inherit", env: { ...process.env, ...connectionEnv(db.connection), MLM_BENCH_DB: database, TS_NODE_TRANSPILE_ONLY: "true" } }
    )
    child.on("exit", (c) => resolve(c ?? 1))
  })
  if (code !== 0) break
}
await db.stop()
process.exit(code)
