#!/usr/bin/env node
// `npm run bench`: finds a PostgreSQL (configured, else an embedded one keeping its data in
// .mlm-data/pg-bench), creates the database mlm_bench and runs the benchmarks in bench/.
import { spawn } from "node:child_process"
import path from "node:path"
import { projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()
const { resolveDatabase, connectionEnv, ensureDatabaseExists } = await import("./lib/database.mjs")
const db = await resolveDatabase({ name: "pg-bench", persistent: true })
const database = process.env.MLM_BENCH_DB || "mlm_bench"
await ensureDatabaseExists(db.connection, database)

const benches = process.argv.slice(2).length ? process.argv.slice(2) : ["bench/network.bench.ts", "bench/commission.bench.ts"]
let code = 0
for (const bench of benches) {
  code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--max-old-space-size=6144", "-r", "ts-node/register/transpile-only", path.join(projectRoot, bench)],
      { stdio: "inherit", env: { ...process.env, ...connectionEnv(db.connection), MLM_BENCH_DB: database, TS_NODE_TRANSPILE_ONLY: "true" } }
    )
    child.on("exit", (c) => resolve(c ?? 1))
  })
  if (code !== 0) break
}
await db.stop()
process.exit(code)
