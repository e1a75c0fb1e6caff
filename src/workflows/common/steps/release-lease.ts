import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { Lease } from "./acquire-lease"

export const releaseLeaseStepId = "mlm-release-lease"

/** Gives back a lease taken by acquireLeaseStep (nothing to undo: a later failure cannot retake it). */
export const releaseLeaseStep = createStep(releaseLeaseStepId, async (lease: Lease, { container }) => {
  const released = await container.resolve<NetworkModuleService>(NETWORK_MODULE).releaseLease(lease)
  return new StepResponse(released)
})
