import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import { conflictError, isUniqueViolation } from "../../../lib/errors"

export type JoinAsMemberInput = { customer_id: string; sponsor_handle?: string | null }

export const createPreferredCustomerStepId = "create-preferred-customer"

/**
 * A customer becomes a preferred customer (a member who is not a distributor), optionally naming
 * the distributor who referred them. 404 for an unknown sponsor; 409 for someone already a member.
 */
export const createPreferredCustomerStep = createStep(
  createPreferredCustomerStepId,
  async (input: JoinAsMemberInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const customerModule = container.resolve(Modules.CUSTOMER)
    const [customer] = await customerModule.listCustomers({ id: input.customer_id }, { take: 1 })
    if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${input.customer_id} was not found`)
    let sponsorId: string | null = null
    if (input.sponsor_handle) {
      const sponsor = await network.retrieveDistributorByHandle(input.sponsor_handle)
      if (!sponsor || sponsor.status === "terminated") {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `No active distributor has the sponsor handle '${input.sponsor_handle}'`)
      }
      sponsorId = sponsor.id
    }
    if (await network.retrieveDistributorByCustomer(customer.id)) {
      throw conflictError("Distributors are members already")
    }
    try {
      const created = await network.createPreferredCustomers({ customer_id: customer.id, sponsor_id: sponsorId })
      return new StepResponse(created, created.id)
    } catch (error) {
      if (isUniqueViolation(error)) throw conflictError("This customer is a member already")
      throw error
    }
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<NetworkModuleService>(NETWORK_MODULE).deletePreferredCustomers(id)
  }
)
