/**
 * Where an order's plugin CPU goes: `npm run bench -- bench/order-path.profile.ts` (medusa exec on
 * the checkout bench's seed: demo store, 31 distributors, the demo plan, member prices). Places
 * orders through links with Medusa's checkout workflows, then measures the process CPU (user +
 * system, `process.cpuUsage`) of each part of the plugin's per-order work, one order at a time: the
 * referral workflow, the order.placed handler (one settlePlacedOrders run), the attribution's and
 * the settlement's own workflows, and the reads inside them called on their own. Prints the mean
 * per order in ms (the parts overlap: a part's reads are inside its workflow's figure). Two ways of doing the same are measured side by side, alternating order by
 * order, with their ratio: single figures drift by up to 1.5x from run to run on a shared machine.
 *
 * MLM_PROFILE_ORDERS (100), MLM_PROFILE_ONLY=<text> (only the parts whose name holds it),
 * MLM_PROFILE_REUSE=1 (the orders and database of the last run), MLM_PROFILE_CALLS=1 (each module
 * call's CPU inside the order.placed handler), MLM_PROFILE_BATCH (4: placed orders per batch).
 */
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { Client } from "pg"
import { seedStore } from "../demo/seed-store"
import { placeOrderThroughLink } from "../demo/place-order"
import orderPlacedHandler from "../src/subscribers/order-placed"
import { attributeOrderWorkflow } from "../src/workflows/attribution/workflows/attribute-order"
import { recordCartReferralWorkflow } from "../src/workflows/attribution/workflows/record-cart-referral"
import { settleOrderCommissionsWorkflow } from "../src/workflows/commission/workflows/settle-order-commissions"
import { settlePlacedOrdersWorkflow } from "../src/workflows/commission/workflows/settle-placed-orders"
import { loadOrderNow, ORDER_NOW_SELECT } from "../src/workflows/commission/load-order-now"
import { beneficiaryChain } from "../src/workflows/commission/beneficiary-chain"
import { NETWORK_MODULE } from "../src/modules/network"
import { COMMISSION_MODULE } from "../src/modules/commission"
import type NetworkModuleService from "../src/modules/network/service"

const ORDERS = Number(process.env.MLM_PROFILE_ORDERS || 100)
const WARMUP = 20

const emptyStep = createStep("mlm-profile-empty-step", async () => new StepResponse(1))
const emptyWorkflow = createWorkflow("mlm-profile-empty", () => new WorkflowResponse(emptyStep()))

export default async function profileOrderPath({ container }: ExecArgs) {
  const client = new Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  const store = await seedStore(container)
  const { rows: sellers } = await client.query("SELECT handle FROM mlm_distributor WHERE status = 'active' ORDER BY depth DESC, id")
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const total = ORDERS + WARMUP
  console.log(`placing ${total} orders through links (setup, not measured)`)
  // MLM_PROFILE_REUSE=1: the orders an earlier run placed (the setup takes most of a run)
  const orderIds: string[] = process.env.MLM_PROFILE_REUSE
    ? (await client.query(`SELECT id FROM "order" WHERE email LIKE 'profile-%' ORDER BY created_at DESC LIMIT $1`, [total])).rows.map((r) => r.id)
    : []
  for (let i = orderIds.length; i < total; i++) {
    orderIds.push(
      await placeOrderThroughLink(container, store, {
        email: `profile-${Date.now()}-${i}@example.com`,
        handle: sellers[i % sellers.length].handle,
        items: [{ variant_id: store.products[i % store.products.length].variants[0].id, quantity: 1 + (i % 3) }],
      })
    )
    if ((i + 1) % 20 === 0) console.log(`  ${i + 1} / ${total}`)
  }
  /** These orders (all by default) as before their order.placed: no lines, no settlement, no attribution. */
  const reset = async (ids = orderIds) => {
    await client.query("DELETE FROM mlm_commission_line WHERE order_id = ANY($1)", [ids])
    await client.query("DELETE FROM mlm_commission_run WHERE order_id = ANY($1)", [ids])
    await client.query("DELETE FROM mlm_order_attribution WHERE order_id = ANY($1)", [ids])
  }
  const cpuMs = () => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1000
  }
  /** The mean CPU ms of `fn` over the measured orders, after the warm-up orders. */
  const only = process.env.MLM_PROFILE_ONLY
  type Fn = (orderId: string, i: number) => Promise<unknown>
  const part = async (name: string, fn: Fn) => {
    if (only && !name.includes(only)) return
    for (let i = 0; i < WARMUP; i++) await fn(orderIds[ORDERS + i], ORDERS + i)
    let spent = 0
    for (let i = 0; i < ORDERS; i++) {
      const start = cpuMs()
      await fn(orderIds[i], i)
      spent += cpuMs() - start
    }
    console.log(`  ${name.padEnd(58)} ${(spent / ORDERS).toFixed(2).padStart(7)} ms`)
  }
  /** Two ways of doing the same, alternating order by order so that drift hits both alike. */
  const pair = async (...ways: [string, Fn][]) => {
    if (only && !ways.some(([name]) => name.includes(only))) return
    for (let i = 0; i < WARMUP; i++) for (const [, fn] of ways) await fn(orderIds[ORDERS + i], ORDERS + i)
    const spent = ways.map(() => 0)
    for (let i = 0; i < ORDERS; i++) {
      for (const [k, [, fn]] of ways.entries()) {
        const start = cpuMs()
        await fn(orderIds[i], i)
        spent[k] += cpuMs() - start
      }
    }
    for (const [k, [name]] of ways.entries()) {
      console.log(`  ${name.padEnd(58)} ${(spent[k] / ORDERS).toFixed(2).padStart(7)} ms`)
    }
    console.log(`  ${"ratio, second / first".padEnd(58)} ${(spent[1] / spent[0]).toFixed(3).padStart(7)}`)
  }

  console.log(`CPU per order, mean of ${ORDERS} (after ${WARMUP} warm-ups)`)
  await part("empty workflow (one step): the engine's own cost", () => emptyWorkflow(container).run({ input: {} }))
  // referral on a fresh cart, as a storefront records it before checkout
  const carts: string[] = []
  for (let i = 0; i < total; i++) {
    const { result } = await createCartWorkflow(container).run({ input: { region_id: store.region.id, sales_channel_id: store.salesChannel.id, email: `c${i}@example.com` } })
    carts.push(result.id)
  }
  await part("recordCartReferral workflow", (_, i) => recordCartReferralWorkflow(container).run({ input: { cart_id: carts[i], handle: sellers[i % sellers.length].handle } }))

  await reset()
  await part("order.placed handler (attribution + first settlement)", (orderId) =>
    orderPlacedHandler({ event: { name: "order.placed", data: { id: orderId } }, container } as any)
  )
  await part("  again, all done already (a redelivery)", (orderId) =>
    orderPlacedHandler({ event: { name: "order.placed", data: { id: orderId } }, container } as any)
  )
  // Placed orders settled together (settlePlacedOrdersWorkflow, as the order.placed subscriber runs
  // orders that arrive while others settle) against the same orders one by one through the
  // attribution and settlement workflows, alternating group by group, each a first settlement.
  // MLM_PROFILE_BATCH (4) orders per group.
  const BATCH = Number(process.env.MLM_PROFILE_BATCH || 4)
  const batchParts = [`${BATCH} placed orders in one batch (settlePlacedOrders)`, `the same ${BATCH} one by one (both workflows each)`]
  if (!only || batchParts.some((name) => name.includes(only))) {
    const spent = [0, 0]
    const groups = Math.floor(ORDERS / BATCH)
    const warmGroups = Math.max(1, Math.floor(WARMUP / BATCH))
    for (let g = -warmGroups; g < groups; g++) {
      const ids = g < 0 ? orderIds.slice(ORDERS + (g + warmGroups) * BATCH, ORDERS + (g + warmGroups + 1) * BATCH) : orderIds.slice(g * BATCH, (g + 1) * BATCH)
      for (const together of g % 2 ? [true, false] : [false, true]) {
        await reset(ids)
        const start = cpuMs()
        if (together) await settlePlacedOrdersWorkflow(container).run({ input: { order_ids: ids } })
        else {
          for (const id of ids) {
            await attributeOrderWorkflow(container).run({ input: { order_id: id } })
            await settleOrderCommissionsWorkflow(container).run({ input: { order_id: id, trigger: "order.placed" } })
          }
        }
        if (g >= 0) spent[together ? 0 : 1] += cpuMs() - start
      }
    }
    const { rows } = await client.query("SELECT count(*)::int AS n FROM mlm_commission_run WHERE order_id = ANY($1)", [orderIds.slice(0, groups * BATCH)])
    if (rows[0].n !== groups * BATCH) throw new Error(`${rows[0].n} of ${groups * BATCH} orders have a settlement`)
    for (const [k, name] of batchParts.entries()) console.log(`  ${name.padEnd(58)} ${(spent[k] / (groups * BATCH)).toFixed(2).padStart(7)} ms`)
    console.log(`  ${"ratio, second / first".padEnd(58)} ${(spent[1] / spent[0]).toFixed(3).padStart(7)}`)
  }

  await reset()
  await part("attributeOrder workflow", (orderId) => attributeOrderWorkflow(container).run({ input: { order_id: orderId } }))
  await part("first settlement workflow", (orderId) =>
    settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "order.placed" } })
  )
  const orders = container.resolve(Modules.ORDER)
  await pair(
    ["  read, Query: order + cart link (two graphs)", (orderId) =>
      Promise.all([
        query.graph({ entity: "order", fields: ["id", "customer_id", "created_at"], filters: { id: orderId } }),
        query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: orderId } }),
      ])],
    ["  read, order module + Query link", (orderId) =>
      Promise.all([
        orders.listOrders({ id: orderId }, { select: ["id", "customer_id", "created_at"] }),
        query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: orderId } }),
      ])]
  )
  // MLM_PROFILE_TRIM=1: the settlement's order read with every item column against ORDER_NOW_SELECT (the columns the money rules use)
  if (process.env.MLM_PROFILE_TRIM) {
    const EVERY_ITEM_COLUMN = [
      "id", "display_id", "created_at", "updated_at", "version", "status", "currency_code", "customer_id", "summary.*", "credit_lines.*",
      "items.*", "items.tax_lines.*", "items.adjustments.*", "items.detail.*",
    ]
    const relations = ["summary", "credit_lines", "items", "items.tax_lines", "items.adjustments", "items.detail"]
    await pair(
      ["  read, order module, every item column", (orderId) => orders.listOrders({ id: orderId }, { select: EVERY_ITEM_COLUMN, relations } as any)],
      ["  read, order module, ORDER_NOW_SELECT", (orderId) => orders.listOrders({ id: orderId }, { select: ORDER_NOW_SELECT, relations } as any)]
    )
  }
  // Side by side, alternating order by order: the order read as the settlement did it before
  // (Query with total fields: Medusa loads the shipping methods and computes the whole order's
  // totals) against loadOrderNow (the order module without totals, the items' totals computed).
  const BEFORE_FIELDS = [
    "id", "display_id", "created_at", "updated_at", "version", "status", "currency_code", "customer_id", "total", "shipping_total",
    "summary.*", "credit_lines.*", "items.*", "items.tax_lines.*", "items.adjustments.*", "items.detail.*", "items.subtotal",
    "items.discount_subtotal", "items.total",
  ]
  await pair(
    ["  read, before: Query with Medusa's order totals", (orderId) => query.graph({ entity: "order", fields: BEFORE_FIELDS, filters: { id: orderId } })],
    ["  read, now: loadOrderNow", (orderId) => loadOrderNow(container, orderId, { fulfilments: true })]
  )
  await part("  read: attribution (readOrderAttribution)", (orderId) => network.readOrderAttribution(orderId))
  await part("  read: beneficiary chain", async (orderId) => {
    const attribution = await network.readOrderAttribution(orderId)
    if (attribution) await beneficiaryChain(network, attribution)
  })
  // MLM_PROFILE_CALLS=1, last (its wrappers stay on the services): the order.placed handler again,
  // with the CPU of each module call it makes (awaited one by one, so each delta is that call's own
  // work and its awaits)
  if (process.env.MLM_PROFILE_CALLS) {
    await reset()
    const calls: Record<string, number> = {}
    const wrap = (label: string, target: any) => {
      let proto = Object.getPrototypeOf(target)
      const names = new Set<string>()
      while (proto && proto !== Object.prototype) {
        Object.getOwnPropertyNames(proto).forEach((n) => n !== "constructor" && typeof target[n] === "function" && names.add(n))
        proto = Object.getPrototypeOf(proto)
      }
      for (const name of names) {
        const original = target[name].bind(target)
        target[name] = (...args: unknown[]) => {
          const start = cpuMs()
          const out = original(...args)
          const count = () => (calls[`${label}.${name}`] = (calls[`${label}.${name}`] ?? 0) + cpuMs() - start)
          if (!(out instanceof Promise)) return count(), out
          return out.finally(count)
        }
      }
    }
    wrap("network", network)
    wrap("commission", container.resolve(COMMISSION_MODULE))
    wrap("order", container.resolve(Modules.ORDER))
    const graph = query.graph.bind(query)
    ;(query as any).graph = async (...args: any[]) => {
      const start = cpuMs()
      try {
        return await graph(...args)
      } finally {
        calls[`query.graph ${args[0].entity}`] = (calls[`query.graph ${args[0].entity}`] ?? 0) + cpuMs() - start
      }
    }
    await part("order.placed handler, calls counted", (orderId) =>
      orderPlacedHandler({ event: { name: "order.placed", data: { id: orderId } }, container } as any)
    )
    for (const [name, ms] of Object.entries(calls).sort((a, b) => b[1] - a[1])) {
      console.log(`    ${name.padEnd(56)} ${(ms / (ORDERS + WARMUP)).toFixed(2).padStart(7)} ms`)
    }
  }
  await client.end()
}
