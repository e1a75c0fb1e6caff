import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"

export type BindCustomerInput = {
  customer_id: string
  distributor_id: string
  source: "order" | "enrollment" | "admin"
  order_id?: string | null
}

export const bindCustomerStepId = "bind-customer"

/** Lifetime binding, first one wins; compensation unbinds only if this run bound the customer. */
export const bindCustomerStep = createStep(
  bindCustomerStepId,
  async (input: BindCustomerInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const bound = await network.bindCustomer(input)
    return new StepResponse(bound, bound ? input.customer_id : null)
  },
  async (customerId, { container }) => {
    if (!customerId) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const bindings = await network.listCustomerBindings({ customer_id: customerId })
    if (bindings.length) await network.deleteCustomerBindings(bindings.map((b) => b.id))
  }
)
