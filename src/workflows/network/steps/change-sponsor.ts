import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"

export type ChangeSponsorInput = { id: string; sponsor_id: string | null }

export const changeSponsorStepId = "change-sponsor"

/** Moves the distributor's whole subtree; compensation moves it back under the previous sponsor. */
export const changeSponsorStep = createStep(
  changeSponsorStepId,
  async (input: ChangeSponsorInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const result = await network.changeSponsor(input.id, input.sponsor_id)
    return new StepResponse(result, { id: input.id, sponsor_id: result.previous_sponsor_id })
  },
  async (previous, { container }) => {
    if (!previous) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.changeSponsor(previous.id, previous.sponsor_id)
  }
)
