import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import { dayNumber } from "../../../modules/commission/utils/qualification"

export const refreshDistributorActivityStepId = "refresh-distributor-activity"

/**
 * A distributor's status changed: only an active distributor is active, so their activity and their
 * upline's active legs follow. Compensation recomputes it again from the status put back.
 */
export const refreshDistributorActivityStep = createStep(
  refreshDistributorActivityStepId,
  async (input: { distributor_id: string }, { container }) => {
    await refresh(container, input.distributor_id)
    return new StepResponse(undefined, input.distributor_id)
  },
  async (distributorId, { container }) => {
    if (distributorId) await refresh(container, distributorId)
  }
)

async function refresh(container: MedusaContainer, distributorId: string) {
  const { activity } = await container.resolve<CommissionModuleService>(COMMISSION_MODULE).retrieveActiveRules()
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  await network.refreshDistributorActivity(distributorId, activity, dayNumber(new Date()))
}
