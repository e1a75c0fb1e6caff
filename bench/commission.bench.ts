/**
 * Commission computation per order on the generated network (run bench/network.bench.ts first; npm
 * run bench runs both). Boots the plugin's network and commission modules against the bench
 * database and, per order, does what the settle step does after reading the order: the upline in
 * one query, the pure computation and difference, and under the order's lock the ledger read, the
 * snapshot and the lines written. Reports p50/p99 per order at depth 10 and orders per second with 1 and 8
 * workers, side by side with the same computation on a one-query-per-level upline; and the same
 * settlement with activity and ranks (the order's PV over the ancestry, the chain's volumes, active
 * legs and ranks), p99 side by side with the plain one (settle_order_ranked_p99_ms).
 */
import { MathBN } from "@medusajs/framework/utils"
import { settlementDiff, targetEntries } from "../src/modules/commission/utils/settlement"
import { computeCommissionLines, Beneficiary } from "../src/modules/commission/utils/compute-commission-lines"
import { dayNumber, monthOfDay, qualifyChain, rankChanges } from "../src/modules/commission/utils/qualification"
import { Pool } from "pg"
import { connect, measure, applyMigrations, mulberry32, fmt, recordResults, bootModules, BENCH_PLAN, RANKED_PLAN } from "./lib"

const PLAN = BENCH_PLAN
const RANKED = RANKED_PLAN
const ORDERS = Number(process.env.MLM_BENCH_ORDERS || 2000)

async function main() {
  const database = process.env.MLM_BENCH_DB || "mlm_bench"
  const client = await connect(database)
  await applyMigrations(client, "commission")
  await applyMigrations(client, "network")
  await client.query("TRUNCATE mlm_commission_line, mlm_commission_run, mlm_volume_day, mlm_volume_month")
  const { rows } = await client.query(
    "SELECT id, handle, status FROM mlm_distributor WHERE depth = 10 ORDER BY id LIMIT 5000"
  )
  if (!rows.length) throw new Error("no network: run bench/network.bench.ts first")
  const random = mulberry32(11)
  const pick = () => rows[Math.floor(random() * rows.length)]

  const { network, commission, shutdown } = await bootModules(database)

  // The naive walk gets its own pool of 8 connections, so concurrent workers do not queue on one.
  const pool = new Pool({
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USERNAME,
    password: process.env.DB_PASSWORD || undefined,
    database,
    max: 8,
  })
  const naiveChain = async (start: any): Promise<Beneficiary[]> => {
    const chain: Beneficiary[] = [start]
    let current = start.id
    for (;;) {
      const { rows: [row] } = await pool.query("SELECT sponsor_id FROM mlm_distributor WHERE id = $1", [current])
      if (!row?.sponsor_id) return chain
      const { rows: [sponsor] } = await pool.query("SELECT id, handle, status FROM mlm_distributor WHERE id = $1", [row.sponsor_id])
      chain.push(sponsor)
      current = sponsor.id
    }
  }

  let sequence = 0
  const today = dayNumber(new Date())
  const processOrder = async (upline: "plugin" | "naive" | "ranked") => {
    const credited = pick()
    const chain =
      upline === "naive"
        ? await naiveChain(credited)
        : [credited, ...(await network.listUpline(credited.id))]
    const basis = (10 + Math.floor(random() * 49000) / 100).toFixed(2)
    const pv = (Math.floor(random() * 20000) / 100).toFixed(2)
    const orderId = `order_bench_${upline}_${++sequence}`
    // What the settle step writes after reading the order: under the order's lock, (ranked: the
    // order's PV over the ancestry, the chain's volumes and ranks at this moment,) the live ledger
    // (empty for a new order), the difference, the lines and the snapshot.
    await commission.withOrderLock(orderId, async (context) => {
      let beneficiaries: Beneficiary[] = chain.map((b: any) => ({ id: b.id, handle: b.handle, status: b.status }))
      let rules: { min_pv: number; ranks: string[] } | null = null
      if (upline === "ranked") {
        await network.applyOrderVolume(
          { distributor_id: credited.id, day: today, month: monthOfDay(today), delta: pv, activity: RANKED.activity, today },
          context
        )
        const ids = beneficiaries.map((b) => b.id)
        const facts = await network.readVolumeFacts(ids, today, RANKED.activity.window_days, context)
        beneficiaries = qualifyChain(beneficiaries, facts, RANKED)
        const { saves } = rankChanges(await network.listActivityRows(ids, context), facts, RANKED.ranks)
        await network.saveRanks(saves, context)
        rules = { min_pv: RANKED.activity.min_pv, ranks: RANKED.ranks.map((r) => r.name) }
      }
      const computed = computeCommissionLines({
        basis,
        currency_code: "eur",
        levels: upline === "ranked" ? RANKED.levels : PLAN,
        compression: true,
        chain: beneficiaries,
        rules,
      })
      const live = await commission.listOrderLedger(orderId, context)
      const diff = settlementDiff(targetEntries(computed), live)
      const run = await commission.saveSettlementRun(
        {
          id: null,
          order_id: orderId,
          attributed_distributor_id: credited.id,
          attribution_source: "link",
          plan_id: null,
          plan_version: 1,
          currency_code: "eur",
          placed_at: new Date(),
          levels: PLAN,
          compression: true,
          retail_profit: false,
          hold_days: 30,
          chain: beneficiaries,
          member_prices: null,
          volume: upline === "ranked" ? { distributor_id: credited.id, day: today, pv, rates: {} } : null,
          rules: rules ? { ...rules, window_days: 30 } : null,
          original_basis: computed.basis,
          basis: computed.basis,
          plan_amount: computed.plan_amount,
          paid_amount: computed.lines.reduce((sum, l) => MathBN.add(sum, l.amount), MathBN.convert(0)).toString(),
          breakage: computed.breakage,
          settle_count: 1,
          order_updated_at: null,
          explanation: { upline: computed.upline, skipped: computed.skipped },
        },
        context
      )
      await commission.insertLines(
        diff.insert.map((l) => ({
          order_id: orderId,
          run_id: run.id,
          distributor_id: l.distributor_id,
          distributor_handle: l.distributor_handle,
          source_distributor_id: credited.id,
          level: l.level,
          kind: l.kind,
          earning: l.earning,
          adjustment_key: `s1:${l.distributor_id}:${l.earning}`,
          basis: computed.basis,
          percent: l.percent,
          amount: l.amount,
          currency_code: "eur",
          status: l.status,
          plan_version: 1,
          hold_until: new Date(Date.now() + 30 * 86_400_000),
          explanation: { upline: computed.upline },
        })),
        context
      )
    })
  }

  console.log(`\nCommission computation per order (credited distributor at depth 10, ${PLAN.length}-level plan)`)
  const plugin = await measure("plugin: upline query + compute + ledger write", 1000, 50, () => processOrder("plugin"))
  const naive = await measure("naive: per-level upline + compute + ledger write", 300, 20, () => processOrder("naive"))
  // Side by side with the plain settlement: the same order with activity and ranks (issue 12).
  console.log(`\nSettling an order with activity and ranks (${RANKED.ranks.length} ranks, window ${RANKED.activity.window_days} days)`)
  const plain = await measure("plain: upline + compute + ledger write", 1000, 50, () => processOrder("plugin"))
  const ranked = await measure("ranked: + PV over the ancestry, volumes, legs, ranks", 1000, 50, () => processOrder("ranked"))
  console.log(`  ranked / plain p99           ${(ranked.p99 / plain.p99).toFixed(2)}x (${fmt(ranked.p99)} vs ${fmt(plain.p99)})`)

  const throughput = async (upline: "plugin" | "naive", workers: number) => {
    const started = process.hrtime.bigint()
    let next = 0
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next++ < ORDERS) await processOrder(upline)
      })
    )
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const rate = ORDERS / seconds
    console.log(`  ${`${upline}, ${workers} worker(s)`.padEnd(58)} ${rate.toFixed(0).padStart(6)} orders/s (${ORDERS} orders)`)
    return rate
  }
  console.log("\nOrders per second (same work, sequential and with 8 concurrent workers)")
  const p1 = await throughput("plugin", 1)
  const p8 = await throughput("plugin", 8)
  const n1 = await throughput("naive", 1)
  const n8 = await throughput("naive", 8)

  const { rows: [check] } = await client.query(
    "SELECT count(*)::int AS runs, (SELECT count(*)::int FROM mlm_commission_line) AS lines FROM mlm_commission_run"
  )
  console.log(`\nLedger after the bench: ${check.runs} runs, ${check.lines} lines`)
  console.log("\nRatios (plugin vs naive, measured side by side in this run)")
  console.log(`  per order p50              ${(naive.p50 / plugin.p50).toFixed(1)}x faster (${fmt(plugin.p50)} vs ${fmt(naive.p50)})`)
  console.log(`  orders/s, 1 worker         ${(p1 / n1).toFixed(1)}x (${p1.toFixed(0)} vs ${n1.toFixed(0)})`)
  console.log(`  orders/s, 8 workers        ${(p8 / n8).toFixed(1)}x (${p8.toFixed(0)} vs ${n8.toFixed(0)})`)
  recordResults("commission", {
    per_order_p50_ms: plugin.p50,
    per_order_p99_ms: plugin.p99,
    naive_per_order_p50_ms: naive.p50,
    orders_per_s: { plugin_1: p1, plugin_8: p8, naive_1: n1, naive_8: n8 },
    settle_order_ranked_p50_ms: ranked.p50,
    settle_order_ranked_p99_ms: ranked.p99,
    settle_order_plain_p99_ms: plain.p99,
    ranked_over_plain_p99: ranked.p99 / plain.p99,
  })
  await client.query("TRUNCATE mlm_commission_line, mlm_commission_run, mlm_volume_day, mlm_volume_month")
  await client.query("UPDATE mlm_distributor SET active_until = NULL, subtree_active_until = NULL, rank = NULL, highest_rank = NULL WHERE subtree_active_until IS NOT NULL OR rank IS NOT NULL")
  await shutdown()
  await pool.end()
  await client.end()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
