import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MemberGroupMembershipInput } from "./add-customer-to-member-group"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"

export const removeCustomerFromMemberGroupStepId = "remove-customer-from-member-group"

/**
 * Takes the customer out of the member group, unless they are also a preferred customer;
 * compensation puts them back if they were in it.
 */
export const removeCustomerFromMemberGroupStep = createStep(
  removeCustomerFromMemberGroupStepId,
  async (input: MemberGroupMembershipInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const preferred = await network.listPreferredCustomers({ customer_id: input.customer_id }, { take: 1 })
    if (preferred.length) return new StepResponse(false, null)
    const customerModule = container.resolve(Modules.CUSTOMER)
    const existing = await customerModule.listCustomerGroupCustomers(
      { customer_id: input.customer_id, customer_group_id: input.group_id },
      { take: 1 }
    )
    if (!existing.length) return new StepResponse(false, null)
    await customerModule.removeCustomerFromGroup({ customer_id: input.customer_id, customer_group_id: input.group_id })
    return new StepResponse(true, input)
  },
  async (removed, { container }) => {
    if (!removed) return
    const customerModule = container.resolve(Modules.CUSTOMER)
    await customerModule.addCustomerToGroup({ customer_id: removed.customer_id, customer_group_id: removed.group_id })
  }
)
