import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { DistributorStatus, SiteField } from "../../../modules/network/types"

export type UpdateDistributorInput = {
  id: string
  status?: DistributorStatus
  display_name?: string
  /** Moderation: site fields hidden from the public page (saved by the site step). */
  hidden_site_fields?: SiteField[]
}

export const updateDistributorStepId = "update-distributor"

export const updateDistributorStep = createStep(
  updateDistributorStepId,
  async (input: UpdateDistributorInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const before = await network.retrieveDistributor(input.id)
    const { id, status, display_name } = input
    const changes = Object.fromEntries(Object.entries({ status, display_name }).filter(([, value]) => value !== undefined))
    const updated = Object.keys(changes).length ? await network.updateDistributors({ id, ...changes }) : before
    return new StepResponse(updated, { id, status: before.status, display_name: before.display_name })
  },
  async (previous, { container }) => {
    if (!previous) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.updateDistributors(previous)
  }
)
