import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { CartReferralDTO, DistributorDTO } from "../../../modules/network/types"
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
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "created_at", "cart.id"],
      filters: { id: input.order_id },
    })
    const order = orders[0]
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found`)
    const cartId: string | null = (order as any).cart?.id ?? null
    const customerId: string | null = order.customer_id ?? null

    const [referral] = cartId
      ? (await network.listCartReferrals({ cart_id: cartId }))
      : []
    const [binding] = customerId ? await network.listCustomerBindings({ customer_id: customerId }) : []
    const buyer = customerId ? await network.retrieveDistributorByCustomer(customerId) : null

    const ids = [referral?.distributor_id, binding?.distributor_id].filter((id): id is string => !!id)
    const people = ids.length ? (await network.listDistributors({ id: ids })) : []
    const person = (id?: string) => {
      const found = people.find((p) => p.id === id)
      return found ? { id: found.id, status: found.status } : null
    }
    const referrer = person(referral?.distributor_id)
    const options = network.getPluginOptions()
    const bound = person(binding?.distributor_id)

    return new StepResponse<AttributionContext>({
      order_id: order.id,
      cart_id: cartId,
      customer_id: customerId,
      facts: {
        buyer: buyer ? { id: buyer.id, status: buyer.status } : null,
        referral:
          referral && referrer
            ? { distributor: referrer, handle: referral.handle, touched_at: effectiveTouch(referral.touches, options.attribution.policy)?.at }
            : null,
        binding: binding && bound ? { distributor: bound, source: binding.source } : null,
        lifetimeBinding: options.attribution.lifetime_binding,
        placedAt: new Date(order.created_at as any).toISOString(),
        windowDays: options.attribution.window_days,
      },
    })
  }
)
