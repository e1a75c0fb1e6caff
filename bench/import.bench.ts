/**
 * `npm run bench -- bench/import.bench.ts`: imports a 1,000,000-row network file (MLM_BENCH_SIZE) into
 * an empty network, the plugin's way: parseImportCsv, planNetworkImport (every row checked, paths and
 * counts in one pass) and writeNetworkImport (the COPY and SQL NetworkModuleService.importNetwork runs, in
 * one transaction). Customers are not part of the genealogy figure: each row gets a made-up customer id.
 * Then it audits the written counts and paths on a sample. Database: mlm_bench_import (recreated).
 */
import { Client } from "pg"
import { monotonicIdFactory } from "../src/lib/ids"
import { parseImportCsv, planNetworkImport } from "../src/modules/network/utils/import"
import { writeNetworkImport } from "../src/modules/network/import-writer"
import { pgCopyIn } from "../src/modules/network/pg-copy"
import { COUNTED_DOWNLINE_SQL, toPgPlaceholders } from "../src/modules/network/queries"
import { connect, migrationSql, moduleMigrations, mulberry32, recordResults } from "./lib"
import { pgExecutor } from "./network.bench"

const SIZE = Number(process.env.MLM_BENCH_SIZE || 1_000_000)
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9

async function main() {
  const admin = await connect(process.env.MLM_BENCH_DB || "mlm_bench")
  const database = `${process.env.MLM_BENCH_DB || "mlm_bench"}_import`
  await admin.query(`DROP DATABASE IF EXISTS ${database}`)
  await admin.query(`CREATE DATABASE ${database}`)
  await admin.end()
  const client: Client = await connect(database)
  for (const sql of await migrationSql(moduleMigrations("network"))) {
    await client.query(sql)
  }

  // The file another system would export: a random recursive tree, recruits anywhere after their sponsor.
  console.log(`\nWriting a ${SIZE.toLocaleString("en")}-row network file`)
  const random = mulberry32(11)
  const lines = ["handle,email,sponsor_handle,display_name,status,enrolled_at"]
  const start = Date.UTC(2019, 0, 1)
  for (let i = 0; i < SIZE; i++) {
    const sponsor = i === 0 ? "" : `imp-${Math.floor(random() * i)}`
    const enrolled = new Date(start + i * 60_000).toISOString()
    lines.push(`imp-${i},imp-${i}@example.com,${sponsor},Member ${i},${random() < 0.05 ? "inactive" : "active"},${enrolled}`)
  }
  const csv = lines.join("\n")
  console.log(`  ${(csv.length / 1024 / 1024).toFixed(1)} MB`)

  let t = process.hrtime.bigint()
  const { rows, problems } = parseImportCsv(csv)
  const parseS = seconds(t)
  if (problems.length) throw new Error(problems.join("; "))
  console.log(`  parsed ${rows.length.toLocaleString("en")} rows in ${parseS.toFixed(1)} s`)

  t = process.hrtime.bigint()
  const nextId = monotonicIdFactory("dist")
  const { errors, plan } = planNetworkImport(
    rows,
    { distributors: new Map(), enrolled_emails: new Map() },
    { now: new Date(), newId: (at) => nextId(at.getTime()) }
  )
  const planS = seconds(t)
  if (!plan) throw new Error(`${errors.length} errors, first: ${JSON.stringify(errors[0])}`)
  console.log(`  checked and planned (paths, depths, counts) in ${planS.toFixed(1)} s`)

  const customers = new Map(plan.distributors.map((d) => [d.email, `cus_${d.handle}`]))
  t = process.hrtime.bigint()
  await client.query("BEGIN")
  let shown = 0
  // Each statement and COPY of the write, timed, so the slow parts are named below.
  const steps: { what: string; s: number }[] = []
  const timed = async <R>(sql: string, f: () => Promise<R>): Promise<R> => {
    const at = process.hrtime.bigint()
    try {
      return await f()
    } finally {
      steps.push({ what: sql.replace(/\s+/g, " ").trim().slice(0, 90), s: seconds(at) })
    }
  }
  const exec = pgExecutor(client)
  const copy = pgCopyIn(client)
  const timedExec = (<T = Record<string, any>>(sql: string, params?: unknown[]) => timed(sql, () => exec<T>(sql, params))) as typeof exec
  const timedCopy: typeof copy = (sql, chunks) => timed(sql, () => copy(sql, chunks))
  const written = await writeNetworkImport(timedExec, timedCopy, plan, customers, "mlmimp_bench", (done, total) => {
    if (done - shown >= total / 10 || done === total) {
      shown = done
      console.log(`  ${done.toLocaleString("en").padStart(9)} / ${total.toLocaleString("en")} written (${seconds(t).toFixed(1)} s)`)
    }
  })
  await client.query("COMMIT")
  const writeS = seconds(t)
  console.log(`  written in one transaction in ${writeS.toFixed(1)} s (${written.rebuilt_indexes} secondary indexes rebuilt once); the slowest statements:`)
  for (const step of [...steps].sort((a, b) => b.s - a.s).slice(0, 14)) console.log(`    ${step.s.toFixed(1).padStart(5)} s  ${step.what}`)

  // Audit: the root's count is everyone else; a sample's maintained counts equal their counted teams.
  await client.query("ANALYZE mlm_distributor")
  const sample = (await client.query("SELECT id FROM mlm_distributor ORDER BY random() LIMIT 300")).rows.map((r) => r.id)
  const root = (await client.query("SELECT id, downline_count FROM mlm_distributor WHERE depth = 0")).rows
  const counted = await pgExecutor(client)(COUNTED_DOWNLINE_SQL.replace("IN (?)", "= ANY(?::text[])"), [sample])
  const stored = new Map((await client.query("SELECT id, downline_count FROM mlm_distributor WHERE id = ANY($1::text[])", [sample])).rows.map((r) => [r.id, r.downline_count]))
  const wrong = counted.filter((r) => Number(r.downline_count) !== Number(stored.get(r.id)))
  const badPaths = Number((await client.query(
    `SELECT count(*) AS n FROM mlm_distributor d JOIN mlm_distributor s ON s.id = d.sponsor_id
      WHERE d.path <> s.path || d.id || '/' OR d.depth <> s.depth + 1`
  )).rows[0].n)
  if (root.length !== 1 || Number(root[0].downline_count) !== SIZE - 1 || wrong.length || badPaths) {
    throw new Error(`audit failed: root ${JSON.stringify(root)}, ${wrong.length} wrong counts in the sample, ${badPaths} wrong paths`)
  }
  console.log(`  audit: root counts ${(SIZE - 1).toLocaleString("en")}, 300 sampled counts equal their counted teams, every path and depth follows its sponsor`)

  const genealogyS = planS + writeS
  const rowsPerS = SIZE / genealogyS
  console.log(`\nGenealogy part (check + plan + write): ${genealogyS.toFixed(1)} s, ${Math.round(rowsPerS).toLocaleString("en")} rows/s`)
  recordResults("import", {
    import_rows: SIZE,
    import_parse_s: parseS,
    import_plan_s: planS,
    import_write_s: writeS,
    import_genealogy_s: genealogyS,
    import_rows_per_s: rowsPerS,
  })
  await client.end()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
