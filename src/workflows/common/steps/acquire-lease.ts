import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"

export const acquireLeaseStepId = "mlm-acquire-lease"

export type LeaseInput = { name: string; timeout_seconds: number; ttl_seconds: number; poll_ms?: number }
export type Lease = { name: string; owner: string }

/**
 * Waits until it holds the named lease (a database row, so workers on other machines wait too),
 * at most `timeout_seconds`. A holder that dies loses the lease after `ttl_seconds`.
 * Compensation gives the lease back.
 */
export const acquireLeaseStep = createStep(
  acquireLeaseStepId,
  async (input: LeaseInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const lease: Lease = { name: input.name, owner: generateEntityId(undefined, "lease") }
    const deadline = Date.now() + input.timeout_seconds * 1000
    while (!(await network.tryAcquireLease({ ...lease, ttl_seconds: input.ttl_seconds }))) {
      if (Date.now() > deadline) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Waited ${input.timeout_seconds} s for "${input.name}", which another process still holds`
        )
      }
      await new Promise((resolve) => setTimeout(resolve, input.poll_ms ?? 100))
    }
    return new StepResponse(lease, lease)
  },
  async (lease, { container }) => {
    if (!lease) return
    await container.resolve<NetworkModuleService>(NETWORK_MODULE).releaseLease(lease)
  }
)
