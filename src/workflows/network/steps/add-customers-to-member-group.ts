import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { clearImportEvents, importEventGroups, inEventGroup } from "../import-events"

export type AddCustomersToMemberGroupInput = { customer_ids: string[]; group_id: string; import_id: string }

export const addCustomersToMemberGroupStepId = "add-customers-to-member-group"

const CHUNK = 5_000

/**
 * Makes many customers members at once (imports). The customer module's announcements of the
 * memberships wait in the import's event groups (see import-events.ts), which it returns.
 * Compensation removes only the memberships it added and drops their events.
 */
export const addCustomersToMemberGroupStep = createStep(
  addCustomersToMemberGroupStepId,
  async ({ customer_ids, group_id, import_id }: AddCustomersToMemberGroupInput, { container }) => {
    const customerModule = container.resolve(Modules.CUSTOMER)
    const added: string[] = []
    const events = importEventGroups(import_id, "members")
    const eventGroups = events.groups
    try {
      for (let i = 0; i < customer_ids.length; i += CHUNK) {
        const chunk = customer_ids.slice(i, i + CHUNK)
        const already = new Set(
          (await customerModule.listCustomerGroupCustomers({ customer_id: chunk, customer_group_id: group_id }, { select: ["customer_id"], take: null }))
            .map((link) => link.customer_id)
        )
        const toAdd = chunk.filter((id) => !already.has(id))
        if (toAdd.length) {
          await customerModule.addCustomerToGroup(
            toAdd.map((customer_id) => ({ customer_id, customer_group_id: group_id })),
            inEventGroup(events.at(i))
          )
        }
        added.push(...toAdd)
      }
    } catch (error) {
      // what this step added before failing is not compensated by the engine: take it back here
      await takeBack(container, { customer_ids: added, group_id, event_groups: eventGroups })
      throw error
    }
    return new StepResponse({ added: added.length, event_groups: eventGroups }, { customer_ids: added, group_id, event_groups: eventGroups })
  },
  async (added, { container }) => {
    if (added) await takeBack(container, added)
  }
)

async function takeBack(container: MedusaContainer, added: { customer_ids: string[]; group_id: string; event_groups: string[] }): Promise<void> {
  await clearImportEvents(container, added.event_groups)
  if (added.customer_ids.length) {
    const customerModule = container.resolve(Modules.CUSTOMER)
    for (let i = 0; i < added.customer_ids.length; i += CHUNK) {
      await customerModule.removeCustomerFromGroup(
        added.customer_ids.slice(i, i + CHUNK).map((customer_id) => ({ customer_id, customer_group_id: added.group_id }))
      )
    }
  }
}
