import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { DistributorStatus } from "../../../modules/network/types"

export type UpdateDistributorInput = {
  id: string
  status?: DistributorStatus
  display_name?: string
}

export const updateDistributorStepId = "update-distributor"

export const updateDistributorStep = createStep(
  updateDistributorStepId,
  async (input: UpdateDistributorInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const before = await network.retrieveDistributor(input.id)
    const { id, ...changes } = input
    const updated = await network.updateDistributors({ id, ...changes })
    return new StepResponse(updated, { id, status: before.status, display_name: before.display_name })
  },
  async (previous, { container }) => {
    if (!previous) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.updateDistributors(previous)
  }
)
