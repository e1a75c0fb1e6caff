import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type MemberGroupMembershipInput = { customer_id: string; group_id: string }

export const addCustomerToMemberGroupStepId = "add-customer-to-member-group"

/** Makes the customer a member (wholesale prices); compensation undoes it only if this step added it. */
export const addCustomerToMemberGroupStep = createStep(
  addCustomerToMemberGroupStepId,
  async (input: MemberGroupMembershipInput, { container }) => {
    const customerModule = container.resolve(Modules.CUSTOMER)
    const existing = await customerModule.listCustomerGroupCustomers(
      { customer_id: input.customer_id, customer_group_id: input.group_id },
      { take: 1 }
    )
    if (existing.length) return new StepResponse(false, null)
    await customerModule.addCustomerToGroup({ customer_id: input.customer_id, customer_group_id: input.group_id })
    return new StepResponse(true, input)
  },
  async (added, { container }) => {
    if (!added) return
    const customerModule = container.resolve(Modules.CUSTOMER)
    await customerModule.removeCustomerFromGroup({ customer_id: added.customer_id, customer_group_id: added.group_id })
  }
)
