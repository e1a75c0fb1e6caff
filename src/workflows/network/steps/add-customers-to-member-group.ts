import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type AddCustomersToMemberGroupInput = { customer_ids: string[]; group_id: string }

export const addCustomersToMemberGroupStepId = "add-customers-to-member-group"

const CHUNK = 5_000

/** Makes many customers members at once (imports); compensation removes only those it added. */
export const addCustomersToMemberGroupStep = createStep(
  addCustomersToMemberGroupStepId,
  async ({ customer_ids, group_id }: AddCustomersToMemberGroupInput, { container }) => {
    const customerModule = container.resolve(Modules.CUSTOMER)
    const added: string[] = []
    for (let i = 0; i < customer_ids.length; i += CHUNK) {
      const chunk = customer_ids.slice(i, i + CHUNK)
      const already = new Set(
        (await customerModule.listCustomerGroupCustomers({ customer_id: chunk, customer_group_id: group_id }, { select: ["customer_id"], take: null }))
          .map((link) => link.customer_id)
      )
      const toAdd = chunk.filter((id) => !already.has(id))
      if (toAdd.length) await customerModule.addCustomerToGroup(toAdd.map((customer_id) => ({ customer_id, customer_group_id: group_id })))
      added.push(...toAdd)
    }
    return new StepResponse(added.length, { customer_ids: added, group_id })
  },
  async (added, { container }) => {
    if (!added?.customer_ids.length) return
    const customerModule = container.resolve(Modules.CUSTOMER)
    for (let i = 0; i < added.customer_ids.length; i += CHUNK) {
      await customerModule.removeCustomerFromGroup(
        added.customer_ids.slice(i, i + CHUNK).map((customer_id) => ({ customer_id, customer_group_id: added.group_id }))
      )
    }
  }
)
