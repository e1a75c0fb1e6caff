/**
 * Orders through the plugin's subscribers, on a full Medusa database holding the generated network.
 * Run by `npm run bench` as `medusa exec ./bench/subscriber.bench.ts` (all modules, workflows and the
 * plugin loaded as in production). Setup (not measured): the demo store, a plan, and real orders
 * placed by Medusa's checkout workflows through the links of distributors at depth 10. Measured:
 * the order.placed handler Medusa calls for each order (attribution workflow, then the settlement),
 * per order and with 8 orders at once; then the settlement alone: settling an order for the first
 * time, and re-settling already-settled orders 10,000 times (which must write no line).
 */
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Client } from "pg"
import { seedStore } from "../demo/seed-store"
import { placeOrderThroughLink } from "../demo/place-order"
import orderPlacedHandler from "../src/subscribers/order-placed"
import { settleOrderCommissionsWorkflow } from "../src/workflows/commission/workflows/settle-order-commissions"
import { createPlanVersionWorkflow } from "../src/workflows/commission/workflows/create-plan-version"
import { COMMISSION_MODULE } from "../src/modules/commission"
import type CommissionModuleService from "../src/modules/commission/service"
import { generate, hasGeneratedNetwork } from "./network.bench"
import { measure, fmt, recordResults } from "./lib"

const ORDERS = Number(process.env.MLM_BENCH_SUBSCRIBER_ORDERS || 200)

export default async function subscriberBench({ container }: ExecArgs) {
  const client = new Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  if (!(await hasGeneratedNetwork(client))) await generate(client, { mode: "replace" })

  const store = await seedStore(container)
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  if (!(await commission.retrieveActivePlan())) {
    await createPlanVersionWorkflow(container).run({
      input: { levels: [10, 5, 3, 2, 1, 1, 1, 1].map((percent, i) => ({ level: i + 1, percent })) },
    })
  }
  const { rows: sellers } = await client.query(
    "SELECT handle FROM mlm_distributor WHERE depth = 10 AND status = 'active' ORDER BY id LIMIT $1",
    [ORDERS]
  )

  console.log(`\nPlacing ${ORDERS} orders through Medusa's checkout workflows (setup, not measured)`)
  const orderIds: string[] = []
  for (const [i, seller] of sellers.entries()) {
    const orderId = await placeOrderThroughLink(container, store, {
      email: `bench-${i}@example.com`,
      handle: seller.handle,
      items: [{ variant_id: store.products[i % store.products.length].variants[0].id, quantity: 1 + (i % 3) }],
    })
    orderIds.push(orderId)
    if ((i + 1) % 50 === 0) console.log(`  ${i + 1} / ${sellers.length}`)
  }

  const reset = async () => {
    await client.query("DELETE FROM mlm_commission_line WHERE order_id = ANY($1)", [orderIds])
    await client.query("DELETE FROM mlm_commission_run WHERE order_id = ANY($1)", [orderIds])
    await client.query("DELETE FROM mlm_order_attribution WHERE order_id = ANY($1)", [orderIds])
  }
  const throughSubscribers = async (orderId: string) => {
    await orderPlacedHandler({ event: { name: "order.placed", data: { id: orderId } }, container } as any)
  }

  console.log("\nOne order through the subscriber: order.placed -> attribution and settlement in one workflow run")
  await reset()
  const perOrder = await measure("attribution + settlement, depth-10 seller", orderIds.length, 0, (i) =>
    throughSubscribers(orderIds[i])
  )
  const { rows: [written] } = await client.query(
    "SELECT count(DISTINCT order_id)::int AS orders, count(*)::int AS lines FROM mlm_commission_line WHERE order_id = ANY($1)",
    [orderIds]
  )
  console.log(`  ledger: ${written.lines} lines for ${written.orders} orders`)

  const ordersPerSecond: Record<number, number> = {}
  for (const workers of [1, 8]) {
    await reset()
    const started = process.hrtime.bigint()
    let next = 0
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < orderIds.length) await throughSubscribers(orderIds[next++])
      })
    )
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    ordersPerSecond[workers] = orderIds.length / seconds
    console.log(`  ${`${workers} order(s) at once`.padEnd(58)} ${(orderIds.length / seconds).toFixed(0).padStart(6)} orders/s`)
  }
  console.log(`\nPer order p50 ${fmt(perOrder.p50)}, p99 ${fmt(perOrder.p99)} (includes the order read, the attribution and the settlement)`)

  console.log("\nSettlement alone (settleOrderCommissions: lock, order read, target, difference, writes)")
  const settle = (orderId: string) =>
    settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "reconciliation" } })
  await client.query("DELETE FROM mlm_commission_line WHERE order_id = ANY($1)", [orderIds])
  await client.query("DELETE FROM mlm_commission_run WHERE order_id = ANY($1)", [orderIds])
  const first = await measure("first settlement of an attributed order", orderIds.length, 0, (i) => settle(orderIds[i]))
  const lines = async () =>
    (await client.query("SELECT count(*)::int AS n FROM mlm_commission_line WHERE order_id = ANY($1)", [orderIds])).rows[0].n
  const before = await lines()
  const RESETTLE = Number(process.env.MLM_BENCH_RESETTLE || 10_000)
  let progress = 0
  const resettleStarted = process.hrtime.bigint()
  const again = await measure(`re-settlement of a settled order (${RESETTLE} runs)`, RESETTLE, 0, async (i) => {
    await settle(orderIds[i % orderIds.length])
    if (++progress % 1000 === 0) console.log(`    ${progress} / ${RESETTLE}`)
  })
  const resettleSeconds = Number(process.hrtime.bigint() - resettleStarted) / 1e9
  const wroteLines = (await lines()) - before
  console.log(`  re-settling ${RESETTLE} times took ${resettleSeconds.toFixed(1)} s and wrote ${wroteLines} lines (must be 0)`)
  if (wroteLines !== 0) throw new Error(`re-settlement wrote ${wroteLines} lines`)
  recordResults("subscriber", {
    orders: orderIds.length,
    settle_order_p99_ms: first.p99,
    subscriber_orders_per_s: ordersPerSecond[8],
    subscriber_orders_per_s_one_at_a_time: ordersPerSecond[1],
    per_order_p50_ms: perOrder.p50,
    per_order_p99_ms: perOrder.p99,
    settle_first_p50_ms: first.p50,
    settle_first_p99_ms: first.p99,
    resettle_runs: RESETTLE,
    resettle_p50_ms: again.p50,
    resettle_p99_ms: again.p99,
    resettle_total_s: resettleSeconds,
    resettle_lines_written: wroteLines,
  })
  container.resolve(ContainerRegistrationKeys.LOGGER).info("subscriber bench done")
  await client.end()
}
