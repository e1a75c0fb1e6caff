import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { conflictError, isUniqueViolation } from "../../../lib/errors"
import type { ValidatedEnrollment } from "./validate-enrollment"

export const createDistributorStepId = "create-distributor"

/** Inserts the distributor with its ancestry; a lost race on handle or customer is a 409. */
export const createDistributorStep = createStep(
  createDistributorStepId,
  async (input: ValidatedEnrollment, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    try {
      const distributor = await network.enrollDistributor(input)
      return new StepResponse(distributor, distributor.id)
    } catch (error) {
      if (isUniqueViolation(error, "customer_id")) {
        throw conflictError("This customer is already enrolled as a distributor")
      }
      if (isUniqueViolation(error)) {
        throw conflictError(`The handle '${input.handle}' is already taken`)
      }
      throw error
    }
  },
  async (distributorId, { container }) => {
    if (!distributorId) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    await network.removeEnrollment(distributorId)
  }
)
