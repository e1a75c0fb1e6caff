/**
 * Orders through the plugin's subscribers, on a full Medusa database holding the generated network.
 * Run by `npm run bench` as `medusa exec ./bench/subscriber.bench.ts` (all modules, workflows and the
 * plugin loaded as in production). Setup (not measured): the demo store, a plan, and real orders
 * placed by Medusa's checkout workflows through the links of distributors at depth 10. Measured:
 * the two subscriber handlers Medusa calls for each order (order.placed -> attribution workflow,
 * mlm.order.attributed -> commission workflow), per order and with 8 orders at once.
 */
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Client } from "pg"
import { seedStore } from "../demo/seed-store"
import { placeOrderThroughLink } from "../demo/place-order"
import orderPlacedHandler from "../src/subscribers/order-placed"
import orderAttributedHandler from "../src/subscribers/order-attributed"
import { createPlanVersionWorkflow } from "../src/workflows/commission/workflows/create-plan-version"
import { COMMISSION_MODULE } from "../src/modules/commission"
import type CommissionModuleService from "../src/modules/commission/service"
import { generate, hasGeneratedNetwork } from "./network.bench"
import { measure, fmt } from "./lib"

const ORDERS = Number(process.env.MLM_BENCH_SUBSCRIBER_ORDERS || 200)

export default async function subscriberBench({ container }: ExecArgs) {
  const client = new Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  if (!(await hasGeneratedNetwork(client))) await generate(client, { fresh: false })

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
    await orderAttributedHandler({ event: { name: "mlm.order.attributed", data: { order_id: orderId } }, container } as any)
  }

  console.log("\nOne order through the subscribers: order.placed -> attribution, mlm.order.attributed -> commissions")
  await reset()
  const perOrder = await measure("attribution + commission workflows, depth-10 seller", orderIds.length, 0, (i) =>
    throughSubscribers(orderIds[i])
  )
  const { rows: [written] } = await client.query(
    "SELECT count(DISTINCT order_id)::int AS orders, count(*)::int AS lines FROM mlm_commission_line WHERE order_id = ANY($1)",
    [orderIds]
  )
  console.log(`  ledger: ${written.lines} lines for ${written.orders} orders`)

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
    console.log(`  ${`${workers} order(s) at once`.padEnd(58)} ${(orderIds.length / seconds).toFixed(0).padStart(6)} orders/s`)
  }
  console.log(`\nPer order p50 ${fmt(perOrder.p50)}, p99 ${fmt(perOrder.p99)} (includes the order read and both workflows)`)
  container.resolve(ContainerRegistrationKeys.LOGGER).info("subscriber bench done")
  await client.end()
}
