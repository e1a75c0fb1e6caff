import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { OrderAttributionDTO } from "../../../modules/network/types"
import { bindingOf, decideAttribution } from "../../../modules/network/utils/attribution"
import { readAttributionContexts } from "./load-attribution-facts"

export const attributePlacedOrdersStepId = "attribute-placed-orders"

type Written = { created: string[]; bound: string[] }

/**
 * attributeOrder for several placed orders at once: their facts read together, then for each order
 * the same rule, write and binding as attributeOrderWorkflow's steps (a write found already done
 * still binds, see bindingOf). Answers the orders' attributions, new or found. Compensation removes
 * the attributions and bindings this step wrote; a failure part way takes back its own writes first.
 */
export const attributePlacedOrdersStep = createStep(
  attributePlacedOrdersStepId,
  async (input: { order_ids: string[] }, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const contexts = await readAttributionContexts(container, input.order_ids)
    const written: Written = { created: [], bound: [] }
    const attributions: OrderAttributionDTO[] = []
    try {
      for (const context of contexts) {
        const decision = decideAttribution(context.facts)
        if (!decision) continue
        const { attribution, created } = await network.attributeOrder({
          order_id: context.order_id,
          cart_id: context.cart_id,
          customer_id: context.customer_id,
          distributor_id: decision.distributor_id,
          source: decision.source,
          referral_handle: decision.referral_handle,
        })
        if (created) written.created.push(attribution.id)
        attributions.push(attribution)
        const binding = bindingOf(decision, context, attribution)
        if (binding && (await network.bindCustomer(binding))) written.bound.push(binding.customer_id)
      }
    } catch (error) {
      await takeBack(network, written)
      throw error
    }
    return new StepResponse(attributions, written)
  },
  async (written, { container }) => {
    if (written) await takeBack(container.resolve<NetworkModuleService>(NETWORK_MODULE), written)
  }
)

/** As the single steps' compensations: the attributions this run created, the customers it bound. */
async function takeBack(network: NetworkModuleService, written: Written): Promise<void> {
  if (written.created.length) await network.deleteOrderAttributions(written.created)
  if (written.bound.length) {
    const bindings = await network.listCustomerBindings({ customer_id: written.bound })
    if (bindings.length) await network.deleteCustomerBindings(bindings.map((b) => b.id))
  }
}
