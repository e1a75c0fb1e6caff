import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { AttributionFacts, effectiveTouch } from "../../../modules/network/utils/attribution"

export type AttributionContext = {
  order_id: string
  cart_id: string | null
  customer_id: string | null
  facts: AttributionFacts
}

export const loadAttributionFactsStepId = "load-attribution-facts"

/** Reads what the attribution rule needs: the order's cart and customer, the referral, the binding. */
export const loadAttributionFactsStep = createStep(
  loadAttributionFactsStepId,
  async (input: { order_id: string }, { container }) => {
    const [context] = await readAttributionContexts(container, [input.order_id])
    return new StepResponse<AttributionContext>(context)
  }
)

/**
 * What the attribution rule needs of each order, in the orders' order; an unknown order is an error.
 * The orders (from the order module: about 0.9 ms of CPU less than through Query) and their carts
 * through the link table are read side by side, once for all the orders: half the CPU of asking for
 * `cart.id` in the orders' query (measured: 4.8 ms against 10.4 ms for one order).
 */
export async function readAttributionContexts(container: MedusaContainer, orderIds: string[]): Promise<AttributionContext[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const [orders, { data: carts }] = await Promise.all([
    container.resolve(Modules.ORDER).listOrders({ id: orderIds }, { select: ["id", "customer_id", "created_at"] }),
    query.graph({ entity: "order_cart", fields: ["order_id", "cart_id"], filters: { order_id: orderIds } }),
  ])
  const orderOf = new Map(orders.map((o) => [o.id, o]))
  const cartOf = new Map((carts as { order_id: string; cart_id: string }[]).map((c) => [c.order_id, c.cart_id]))
  const options = network.getPluginOptions()
  const contexts: AttributionContext[] = []
  for (const orderId of orderIds) {
    const order = orderOf.get(orderId)
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
    const cartId = cartOf.get(orderId) ?? null
    const customerId: string | null = order.customer_id ?? null
    const { referral, binding, buyer } = await network.readAttributionFacts({ cart_id: cartId, customer_id: customerId })
    contexts.push({
      order_id: order.id,
      cart_id: cartId,
      customer_id: customerId,
      facts: {
        buyer,
        referral: referral
          ? {
              distributor: { id: referral.distributor_id, status: referral.status },
              handle: referral.handle,
              touched_at: effectiveTouch(referral.touches ?? [], options.attribution.policy)?.at,
            }
          : null,
        binding: binding ? { distributor: { id: binding.distributor_id, status: binding.status }, source: binding.source } : null,
        lifetimeBinding: options.attribution.lifetime_binding,
        placedAt: new Date(order.created_at as any).toISOString(),
        windowDays: options.attribution.window_days,
      },
    })
  }
  return contexts
}
