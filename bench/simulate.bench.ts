/**
 * The plan simulator and the income disclosure on the generated 1,000,000-distributor network (run
 * bench/network.bench.ts first; `npm run bench` runs it before this one). Seeds 100,000 settled
 * orders once (snapshots with their frozen upline and qualification, and their ledger lines, written
 * by the plugin's own pure rules under a ranked plan), then times:
 * - simulate_100k_orders_s: POST /admin/mlm/plan/simulate's work (simulatePlan) on the 100,000
 *   orders under a different draft, beside the time to only read them (the replay's share);
 * - simulate_synthetic_1m_s: a synthetic network of 1,000,000 distributors and 100,000 orders;
 * - income_disclosure_1m_s: the disclosure over the million distributors and the period's earnings.
 */
import { MathBN } from "@medusajs/framework/utils"
import { NETWORK_MODULE } from "../src/modules/network"
import { COMMISSION_MODULE } from "../src/modules/commission"
import { computeCommissionLines, Beneficiary } from "../src/modules/commission/utils/compute-commission-lines"
import { qualifyChain } from "../src/modules/commission/utils/qualification"
import { simulatePlan } from "../src/workflows/commission/simulate-plan"
import { loadIncomeDisclosure } from "../src/workflows/commission/income-disclosure"
import { connect, applyMigrations, recordResults, bootModules, RANKED_PLAN } from "./lib"

const ORDERS = Number(process.env.MLM_BENCH_SIM_ORDERS || 100_000)
const FIXTURE = `simulation-v1:${ORDERS}`
const FROM = new Date("2026-01-01T00:00:00Z")
const TO = new Date("2026-06-30T23:59:59.999Z")

/** The plan that paid: the benches' ranked plan (as bench/commission). */
const PAID = RANKED_PLAN
/** The draft: more on level 1, a lower activity bar, Gold only from level 7. */
const DRAFT = {
  levels: [12, 5, 3, 2, 1, 1, 1, 1].map((percent, i) => ({ level: i + 1, percent, ...(i + 1 >= 7 ? { min_rank: "Gold" } : {}) })),
  activity: { min_pv: 40, window_days: 30 },
  ranks: PAID.ranks,
}

/** A stable number from a string (FNV-1a), for per-distributor volumes that are the same on every run. */
function hash(text: string, salt: number): number {
  let h = 2166136261 ^ salt
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}


async function seed(client: Awaited<ReturnType<typeof connect>>) {
  console.log(`\nSeeding ${ORDERS.toLocaleString("en")} settled orders on the generated network (once; kept between runs)`)
  await client.query("DELETE FROM mlm_commission_line WHERE order_id LIKE 'order_sim_%'")
  await client.query("DELETE FROM mlm_commission_run WHERE order_id LIKE 'order_sim_%'")
  const { rows: credited } = await client.query(
    `SELECT id, handle, status, path FROM mlm_distributor WHERE deleted_at IS NULL ORDER BY md5(id || 'sim') LIMIT $1`,
    [ORDERS]
  )
  const ancestorIds = new Set<string>()
  for (const row of credited) for (const id of row.path.split("/").filter(Boolean)) ancestorIds.add(id)
  const people = new Map<string, { id: string; handle: string; status: string }>()
  const ids = [...ancestorIds]
  for (let i = 0; i < ids.length; i += 50_000) {
    const { rows } = await client.query("SELECT id, handle, status FROM mlm_distributor WHERE id = ANY($1)", [ids.slice(i, i + 50_000)])
    for (const r of rows) people.set(r.id, r)
  }
  const facts = (id: string) => {
    const pv = (hash(id, 1) % 20_000) / 100
    return { pv: pv.toFixed(2), gv: (pv + (hash(id, 2) % 2_000_000) / 100).toFixed(2), active_legs: hash(id, 3) % 5 }
  }
  const BATCH = 5000
  let written = 0
  for (let b = 0; b < credited.length; b += BATCH) {
    const runs: unknown[][] = Array.from({ length: 14 }, () => [])
    const lines: unknown[][] = Array.from({ length: 12 }, () => [])
    credited.slice(b, b + BATCH).forEach((who: any, k: number) => {
      const n = b + k
      // the credited distributor, then their upline nearest first (the path lists the top first)
      const upline = who.path.split("/").filter(Boolean).reverse().slice(1).map((id: string) => people.get(id)!)
      const chain: Beneficiary[] = [who, ...upline].map((p) => ({ id: p.id, handle: p.handle, status: p.status }))
      const frozen = qualifyChain(chain, Object.fromEntries(chain.map((p) => [p.id, facts(p.id)])), PAID)
      const basis = ((10_00 + (hash(who.id, 4) % 490_00)) / 100).toFixed(2)
      const computed = computeCommissionLines({
        basis,
        currency_code: "eur",
        levels: PAID.levels,
        compression: true,
        chain: frozen,
        rules: { min_pv: PAID.activity.min_pv, ranks: PAID.ranks.map((r) => r.name) },
      })
      const runId = `mlmrun_sim_${n}`
      const orderId = `order_sim_${n}`
      const paid = computed.lines.reduce((s, l) => MathBN.add(s, l.amount), MathBN.convert(0)).toString()
      const placed = new Date(FROM.getTime() + (hash(orderId, 5) % (TO.getTime() - FROM.getTime())))
      const values = [runId, orderId, who.id, "link", placed, basis, computed.plan_amount, paid, computed.breakage, JSON.stringify(PAID.levels), JSON.stringify(frozen),
        JSON.stringify({ min_pv: PAID.activity.min_pv, window_days: 30, ranks: PAID.ranks.map((r) => r.name) }), JSON.stringify({ upline: computed.upline }), 1]
      values.forEach((v, i) => runs[i].push(v))
      for (const line of computed.lines) {
        const row = [`mlmcom_sim_${n}_${line.level}`, orderId, runId, line.distributor_id, line.distributor_handle, who.id, line.level, line.kind, basis, line.percent, line.amount, placed]
        row.forEach((v, i) => lines[i].push(v))
      }
    })
    await client.query(
      `INSERT INTO mlm_commission_run (id, order_id, attributed_distributor_id, attribution_source, placed_at, basis, plan_amount, paid_amount,
         breakage, levels, chain, rules, explanation, plan_version, currency_code, raw_basis, raw_plan_amount, raw_paid_amount, raw_breakage, settle_count)
       SELECT id, o, a, s, p, b, pa, pd, br, lv::jsonb, ch::jsonb, ru::jsonb, ex::jsonb, v, 'eur',
              jsonb_build_object('value', b::text, 'precision', 20), jsonb_build_object('value', pa::text, 'precision', 20),
              jsonb_build_object('value', pd::text, 'precision', 20), jsonb_build_object('value', br::text, 'precision', 20), 1
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[],
                     $10::text[], $11::text[], $12::text[], $13::text[], $14::int[]) AS t(id, o, a, s, p, b, pa, pd, br, lv, ch, ru, ex, v)`,
      runs
    )
    await client.query(
      `INSERT INTO mlm_commission_line (id, order_id, run_id, distributor_id, distributor_handle, source_distributor_id, level, kind, earning,
         adjustment_key, basis, raw_basis, percent, raw_percent, amount, raw_amount, currency_code, status, plan_version, explanation, hold_until, created_at, updated_at)
       SELECT id, o, r, d, h, s, l, k::text, 'commission', 's1:' || d || ':commission', b, jsonb_build_object('value', b::text, 'precision', 20),
              pc, jsonb_build_object('value', pc::text, 'precision', 20), am, jsonb_build_object('value', am::text, 'precision', 20), 'eur', 'approved', 1, '{}'::jsonb, c, c, c
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::numeric[], $10::numeric[],
                     $11::numeric[], $12::timestamptz[]) AS t(id, o, r, d, h, s, l, k, b, pc, am, c)`,
      lines
    )
    written += runs[0].length
    process.stdout.write(`\r  ${written.toLocaleString("en")} of ${ORDERS.toLocaleString("en")} orders written`)
  }
  process.stdout.write("\n")
  await client.query("ANALYZE mlm_commission_run; ANALYZE mlm_commission_line")
  await client.query(
    "INSERT INTO mlm_network_setting (id, key, value, created_at, updated_at) VALUES ('mlmset_sim', 'bench_simulation', $1, now(), now()) ON CONFLICT (id) DO UPDATE SET value = $1",
    [FIXTURE]
  )
}

async function main() {
  const database = process.env.MLM_BENCH_DB || "mlm_bench"
  const client = await connect(database)
  await applyMigrations(client, "commission")
  await applyMigrations(client, "network")
  const { rows: size } = await client.query("SELECT count(*)::int AS n FROM mlm_distributor WHERE deleted_at IS NULL")
  if (size[0].n < 1000) throw new Error("no network: run bench/network.bench.ts first")
  const { rows: marker } = await client.query("SELECT value FROM mlm_network_setting WHERE key = 'bench_simulation'")
  if (marker[0]?.value !== FIXTURE || process.env.MLM_BENCH_REGENERATE) await seed(client)
  else console.log(`\nReusing the ${ORDERS.toLocaleString("en")} seeded orders (${FIXTURE}; MLM_BENCH_REGENERATE=1 rebuilds them)`)

  const { network, commission, shutdown } = await bootModules(database)
  const logger = { info: (message: string) => console.log(`  ${message}`) }
  // what the route hands simulatePlan: the request's container (here only what it resolves)
  const container = { resolve: (key: string) => ({ [NETWORK_MODULE]: network, [COMMISSION_MODULE]: commission, logger })[key] } as any
  const seconds = async (fn: () => Promise<unknown>) => {
    const started = process.hrtime.bigint()
    const result = await fn()
    return { s: Number(process.hrtime.bigint() - started) / 1e9, result }
  }

  if (process.env.MLM_BENCH_ONLY === "simulate") {
    // a quick re-run of the history simulation alone (profiling)
    const only = await seconds(() => simulatePlan(container, { plan: DRAFT, from: FROM, to: TO, currency_code: "eur" }))
    console.log(`  simulate (read + replay + tally)          ${only.s.toFixed(2)} s`)
    await shutdown()
    await client.end()
    return
  }
  console.log(`\nPlan simulator: ${ORDERS.toLocaleString("en")} orders replayed under a draft beside their ledger`)
  const readOnly = await seconds(async () => {
    let after = ""
    let n = 0
    for (;;) {
      const page = await commission.listSimulationOrders({ from: FROM, to: TO, currency_code: "eur", after, limit: 5000 })
      n += page.length
      if (page.length < 5000) return n
      after = page[page.length - 1].id
    }
  })
  const history = await seconds(() => simulatePlan(container, { plan: DRAFT, from: FROM, to: TO, currency_code: "eur" }))
  const sim = history.result as Awaited<ReturnType<typeof simulatePlan>>
  console.log(`  read only (snapshots + ledger holdings)   ${readOnly.s.toFixed(2)} s`)
  console.log(`  simulate (read + replay + tally)          ${history.s.toFixed(2)} s  (the read is ${((readOnly.s / history.s) * 100).toFixed(0)}%)`)
  console.log(`  draft payout ${sim.draft.payout} vs ledger ${sim.actual.payout} EUR on ${sim.actual.revenue} revenue; ${sim.holdings_changed} holdings differ`)
  const same = await seconds(() => simulatePlan(container, { plan: PAID, from: FROM, to: TO, currency_code: "eur" }))
  const check = same.result as Awaited<ReturnType<typeof simulatePlan>>
  console.log(`  the paying plan as the draft: ${check.holdings_changed} holdings differ (must be 0), ${same.s.toFixed(2)} s`)
  if (check.holdings_changed !== 0) throw new Error("the simulator does not reproduce the seeded ledger")

  console.log("\nSynthetic network: 1,000,000 distributors, depth 30, 100,000 orders")
  const synthetic = await seconds(() =>
    simulatePlan(container, { plan: DRAFT, currency_code: "eur", synthetic: { distributors: 1_000_000, depth: 30, orders: 100_000, average_basis: 60, seed: 1 } })
  )
  console.log(`  simulate                                  ${synthetic.s.toFixed(2)} s`)

  console.log("\nIncome disclosure over the million distributors")
  const disclosure = await seconds(() => loadIncomeDisclosure(container, { from: FROM, to: TO, currency_code: "eur" }))
  const report = disclosure.result as Awaited<ReturnType<typeof loadIncomeDisclosure>>
  console.log(`  ${report.distributors.toLocaleString("en")} counted, ${report.earners.toLocaleString("en")} earners (${report.earners_share}%), median ${report.median} EUR: ${disclosure.s.toFixed(2)} s`)

  recordResults("simulation", {
    orders: ORDERS,
    simulate_100k_orders_s: Number(history.s.toFixed(2)),
    simulate_read_only_s: Number(readOnly.s.toFixed(2)),
    simulate_read_share: Number((readOnly.s / history.s).toFixed(2)),
    simulate_synthetic_1m_s: Number(synthetic.s.toFixed(2)),
    income_disclosure_1m_s: Number(disclosure.s.toFixed(2)),
  })
  await shutdown()
  await client.end()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
