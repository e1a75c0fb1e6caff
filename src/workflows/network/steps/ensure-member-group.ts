import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"

export const MEMBER_GROUP_SETTING = "member_group_id"
export const MEMBER_GROUP_METADATA_KEY = "mlm_member_group"

export const ensureMemberGroupStepId = "ensure-member-group"

/**
 * The member customer group is created on first use and found again by its id, which the plugin
 * keeps in its own settings (an admin may rename the group). Two first enrolments racing may both
 * create one: every racer then picks the oldest marked group and deletes its own extra, so they agree.
 */
export const ensureMemberGroupStep = createStep(ensureMemberGroupStepId, async (_: void, { container }) => {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const customerModule = container.resolve(Modules.CUSTOMER)

  const storedId = await network.getSetting(MEMBER_GROUP_SETTING)
  if (storedId) {
    const [group] = await customerModule.listCustomerGroups({ id: storedId }, { take: 1 })
    if (group) return new StepResponse(group.id)
  }

  const listMarked = async () => {
    const groups = await customerModule.listCustomerGroups(
      {},
      { select: ["id", "name", "metadata", "created_at"], order: { created_at: "ASC", id: "ASC" }, take: null }
    )
    return groups.filter((group) => group.metadata?.[MEMBER_GROUP_METADATA_KEY] === true)
  }

  let marked = await listMarked()
  let createdId: string | null = null
  if (!marked.length) {
    const name = network.getPluginOptions().member_group_name
    const created = await customerModule.createCustomerGroups({
      name,
      metadata: { [MEMBER_GROUP_METADATA_KEY]: true },
    })
    createdId = created.id
    marked = await listMarked()
  }
  const chosen = marked[0]
  if (createdId && createdId !== chosen.id) {
    await customerModule.deleteCustomerGroups(createdId)
  }
  await network.setSetting(MEMBER_GROUP_SETTING, chosen.id)
  return new StepResponse(chosen.id)
})
