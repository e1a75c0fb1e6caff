import { publicDisplayName } from "../../../modules/network/utils/display-name"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { checkHandle } from "../../../modules/network/utils/handle"
import { conflictError } from "../../../lib/errors"

export type ValidateEnrollmentInput = {
  customer_id: string
  handle: string
  display_name?: string | null
  sponsor_handle?: string | null
}

export type ValidatedEnrollment = {
  customer_id: string
  handle: string
  display_name: string
  sponsor_id: string | null
}

export const validateEnrollmentStepId = "validate-enrollment"

/** Checks everything an enrolment needs before anything is written. */
export const validateEnrollmentStep = createStep(
  validateEnrollmentStepId,
  async (input: ValidateEnrollmentInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const options = network.getPluginOptions()

    const check = checkHandle(input.handle, options.reserved_handles)
    if (!check.valid) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid handle '${check.handle}': ${check.reason}`)
    }

    const customerModule = container.resolve(Modules.CUSTOMER)
    const [customer] = await customerModule.listCustomers({ id: input.customer_id }, { take: 1 })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${input.customer_id} was not found`)
    }

    if (await network.retrieveDistributorByCustomer(input.customer_id)) {
      throw conflictError("This customer is already enrolled as a distributor")
    }
    if (await network.retrieveDistributorByHandle(check.handle)) {
      throw conflictError(`The handle '${check.handle}' is already taken`)
    }

    let sponsorId: string | null = null
    if (input.sponsor_handle) {
      const sponsor = await network.retrieveDistributorByHandle(input.sponsor_handle)
      if (!sponsor || sponsor.status === "terminated") {
        throw new MedusaError(
          MedusaError.Types.NOT_FOUND,
          `No active distributor has the sponsor handle '${input.sponsor_handle}'`
        )
      }
      sponsorId = sponsor.id
    } else {
      // No sponsor named: the distributor the customer is bound to (first bought through) sponsors them.
      const [binding] = await network.listCustomerBindings({ customer_id: customer.id })
      if (binding) {
        const [bound] = await network.listDistributors({ id: binding.distributor_id })
        if (bound && bound.status !== "terminated") sponsorId = bound.id
      }
    }

    // Public on the storefront: never the full legal name unless the distributor chooses it.
    const displayName = input.display_name?.trim() || publicDisplayName(customer) || check.handle

    return new StepResponse<ValidatedEnrollment>({
      customer_id: customer.id,
      handle: check.handle,
      display_name: displayName,
      sponsor_id: sponsorId,
    })
  }
)
