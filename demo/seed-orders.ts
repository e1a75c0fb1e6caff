import { MedusaContainer } from "@medusajs/framework/types"
import { attributeOrderWorkflow } from "../src/workflows/attribution/workflows/attribute-order"
import { settleOrderCommissionsWorkflow } from "../src/workflows/commission/workflows/settle-order-commissions"
import { createPlanVersionWorkflow } from "../src/workflows/commission/workflows/create-plan-version"
import { saveProductVolumeWorkflow } from "../src/workflows/commission/workflows/save-product-volume"
import { approveCommissionsWorkflow } from "../src/workflows/commission/workflows/approve-commissions"
import { createPayoutsWorkflow } from "../src/workflows/payout/workflows/create-payouts"
import { savePayoutMethodWorkflow } from "../src/workflows/payout/workflows/save-payout-method"
import { createOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../src/modules/commission"
import type CommissionModuleService from "../src/modules/commission/service"
import type { SeededStore } from "./seed-store"
import type { SeededUsMarket } from "./seed-us"
import { placeOrderThroughLink } from "./place-order"
import { NETWORK_MODULE } from "../src/modules/network"
import type NetworkModuleService from "../src/modules/network/service"

export const DEMO_PLAN = {
  name: "Demo plan",
  levels: [
    { level: 1, percent: 10 },
    { level: 2, percent: 5 },
    { level: 3, percent: 3 },
    { level: 4, percent: 2 },
  ],
  max_payout_percent: 25,
  hold_days: 14,
  compression: true,
  // Everyone with status active earns (min_pv 0); ranks show on the distributor pages and in the store.
  activity: { min_pv: 0, window_days: 30 },
  ranks: [
    { name: "Bronze", min_pv: 25, min_gv: 0, min_active_legs: 0 },
    { name: "Silver", min_pv: 25, min_gv: 100, min_active_legs: 1 },
    { name: "Gold", min_pv: 50, min_gv: 500, min_active_legs: 2 },
  ],
}

/** Points per unit sold of the demo products (by handle); the starter kit counts no volume. */
export const DEMO_PRODUCT_VOLUME: Record<string, number> = {
  "vitality-shake": 25,
  "omega-3-capsules": 12,
  "green-tea-extract": 10,
  "starter-kit": 0,
}


/** The demo plan (once) and a few retail orders through distributors' links, with their commissions. */
export async function seedOrders(
  container: MedusaContainer,
  store: SeededStore,
  { log = () => {}, us }: { log?: (message: string) => void; us?: SeededUsMarket } = {}
) {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  if (!(await commission.retrieveActivePlan())) {
    await createPlanVersionWorkflow(container).run({ input: { ...DEMO_PLAN, created_by: "mlm-demo" } })
    log("orders: created the demo compensation plan")
  }
  for (const product of store.products) {
    const pv = DEMO_PRODUCT_VOLUME[product.handle]
    if (pv === undefined || (await commission.listProductVolumes({ product_id: product.id })).length) continue
    await saveProductVolumeWorkflow(container).run({ input: { product_id: product.id, pv_per_unit: pv } })
  }
  const purchases = [
    { buyer: "demo-buyer-1@example.com", via: "jonas-peeters", items: [{ product: 0, quantity: 2 }] },
    { buyer: "demo-buyer-2@example.com", via: "emma-dubois", items: [{ product: 3, quantity: 1 }] },
    { buyer: "demo-buyer-3@example.com", via: "liam-weber", items: [{ product: 1, quantity: 1 }, { product: 2, quantity: 2 }] },
  ]
  // Each demo order is remembered by a plugin setting, so a second run places none again.
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  for (const [index, purchase] of purchases.entries()) {
    const marker = `demo_order:${purchase.buyer}`
    if (await network.getSetting(marker)) continue
    const orderId = await placeOrderThroughLink(container, store, {
      email: purchase.buyer,
      handle: purchase.via,
      items: purchase.items.map((i) => ({ variant_id: store.products[i.product].variants[0].id, quantity: i.quantity })),
    })
    // The subscribers do this in a running shop; here the script does not wait for them.
    await attributeOrderWorkflow(container).run({ input: { order_id: orderId } })
    await settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "order.placed" } })
    await network.setSetting(marker, orderId)
    log(`orders: ${index + 1}/${purchases.length} through ${purchase.via}`)
  }
  await seedPayoutCycle(container, network, store, { log })
  if (us) await seedUsOrder(container, network, store, us, { log })
}

const US_ADDRESS = { first_name: "Demo", last_name: "Buyer", address_1: "1 Demo Ave", city: "Austin", postal_code: "73301", country_code: "us" }

/**
 * One order in US dollars through liam-weber's link, fulfilled and its lines approved as if the hold
 * had passed: the ledger has two currencies, and the admin's payout run has USD lines to pay.
 */
async function seedUsOrder(
  container: MedusaContainer,
  network: NetworkModuleService,
  store: SeededStore,
  us: SeededUsMarket,
  { log }: { log: (message: string) => void }
) {
  const marker = "demo_order:demo-buyer-us@example.com"
  if (await network.getSetting(marker)) return
  const orderId = await placeOrderThroughLink(container, { ...store, region: us.region, shippingOption: us.shippingOption }, {
    email: "demo-buyer-us@example.com",
    handle: "liam-weber",
    items: [{ variant_id: store.products[0].variants[0].id, quantity: 1 }, { variant_id: store.products[1].variants[0].id, quantity: 2 }],
    address: US_ADDRESS,
  })
  await attributeOrderWorkflow(container).run({ input: { order_id: orderId } })
  await settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "order.placed" } })
  await fulfilOrder(container, store, orderId)
  await approveOrderLines(container, orderId)
  await network.setSetting(marker, orderId)
  log("orders: one order in USD through liam-weber, fulfilled, its lines approved for the next USD payout run")
}

/** Fulfils a demo order from the demo warehouse (its lines' hold starts) and settles it as the subscriber would. */
async function fulfilOrder(container: MedusaContainer, store: SeededStore, orderId: unknown) {
  if (typeof orderId !== "string") return
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id", "items.*", "items.detail.*"], filters: { id: orderId } })
  const items = (data[0]?.items ?? []).map((i: any) => ({ id: i.id, quantity: MathBN.convert(i.quantity).toNumber() }))
  await createOrderFulfillmentWorkflow(container).run({ input: { order_id: orderId, items, location_id: store.stockLocation.id } })
  await settleOrderCommissionsWorkflow(container).run({ input: { order_id: orderId, trigger: "order.fulfillment_created" } })
}

/** Approves an order's held lines as "approve matured" would once their hold ends (`before` = the last hold's end). */
async function approveOrderLines(container: MedusaContainer, orderId: unknown) {
  if (typeof orderId !== "string") return
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const lines = (await commission.listLinesOfOrder(orderId)).filter((l) => l.status === "pending" && l.hold_until)
  if (!lines.length) return
  const before = new Date(Math.max(...lines.map((l) => new Date(l.hold_until!).getTime())))
  await approveCommissionsWorkflow(container).run({ input: { before: before.toISOString(), ids: lines.map((l) => l.id) } })
}

/**
 * The whole cycle in the ledger, once: the first two orders fulfilled (their 14-day hold starts at
 * fulfilment), the first order's lines approved and paid out (a payout run: jonas-peeters takes store
 * credit, the others the manual provider), the second's approved and waiting for the next run, the
 * third not fulfilled yet (its lines do not mature). The demo approves as if the hold had passed
 * (`before` = its end), which is what "approve matured" does 14 days after the fulfilment.
 */
async function seedPayoutCycle(
  container: MedusaContainer,
  network: NetworkModuleService,
  store: SeededStore,
  { log }: { log: (message: string) => void }
) {
  if (await network.getSetting("demo_payout_cycle")) return
  const orderIds = await Promise.all(
    ["demo-buyer-1@example.com", "demo-buyer-2@example.com"].map((buyer) => network.getSetting(`demo_order:${buyer}`))
  )
  await fulfilOrder(container, store, orderIds[0])
  await fulfilOrder(container, store, orderIds[1])
  const [jonas] = await network.listDistributors({ handle: "jonas-peeters" })
  if (jonas) await savePayoutMethodWorkflow(container).run({ input: { distributor_id: jonas.id, provider: "store-credit" } })
  await approveOrderLines(container, orderIds[0])
  const { result } = await createPayoutsWorkflow(container).run({ input: { currency_code: "eur", created_by: "mlm-demo" } })
  await approveOrderLines(container, orderIds[1])
  await network.setSetting("demo_payout_cycle", new Date().toISOString())
  log(`orders: payout cycle (${result.payouts.length} payouts: ${result.payouts.map((p) => `${p.provider_id} ${p.status}`).join(", ")}; the second order's lines approved, the third's waiting for fulfilment)`)
}
