import { MedusaContainer } from "@medusajs/framework/types"
import { attributeOrderWorkflow } from "../src/workflows/attribution/workflows/attribute-order"
import { settleOrderCommissionsWorkflow } from "../src/workflows/commission/workflows/settle-order-commissions"
import { createPlanVersionWorkflow } from "../src/workflows/commission/workflows/create-plan-version"
import { COMMISSION_MODULE } from "../src/modules/commission"
import type CommissionModuleService from "../src/modules/commission/service"
import type { SeededStore } from "./seed-store"
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
}


/** The demo plan (once) and a few retail orders through distributors' links, with their commissions. */
export async function seedOrders(
  container: MedusaContainer,
  store: SeededStore,
  { log = () => {} }: { log?: (message: string) => void } = {}
) {
  const commission = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  if (!(await commission.retrieveActivePlan())) {
    await createPlanVersionWorkflow(container).run({ input: { ...DEMO_PLAN, created_by: "mlm-demo" } })
    log("orders: created the demo compensation plan")
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
}
