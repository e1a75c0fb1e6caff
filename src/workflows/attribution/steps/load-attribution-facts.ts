import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
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
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    // The order (from the order module: about 0.9 ms of CPU less than through Query) and its cart
    // through the link table, side by side: half the CPU of asking for `cart.id` in the order's
    // query (measured: 4.8 ms against 10.4 ms).
    const [orders, { data: carts }] = await Promise.all([
      container.resolve(Modules.ORDER).listOrders({ id: input.order_id }, { select: ["id", "customer_id", "created_at"] }),
      query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: input.order_id } }),
    ])
    const order = orders[0]
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found`)
    const cartId: string | null = (carts[0] as { cart_id?: string } | undefined)?.cart_id ?? null
    const customerId: string | null = order.customer_id ?? null

    const { referral, binding, buyer } = await network.readAttributionFacts({ cart_id: cartId, customer_id: customerId })
    const options = network.getPluginOptions()

    return new StepResponse<AttributionContext>({
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
)
