import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"

export type ValidateCartReferralInput = { cart_id: string; handle: string }

export const validateCartReferralStepId = "validate-cart-referral"

/** The cart must exist and be open; the handle must belong to an active distributor. */
export const validateCartReferralStep = createStep(
  validateCartReferralStepId,
  async (input: ValidateCartReferralInput, { container }) => {
    // from the cart module: the same read as through Query, with less CPU (every referral asks it)
    const [cart] = await container.resolve(Modules.CART).listCarts({ id: input.cart_id }, { select: ["id", "completed_at"] })
    if (!cart) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${input.cart_id} was not found`)
    }
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${input.cart_id} is completed: its referral can no longer change`)
    }
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    const distributor = await network.retrieveDistributorByHandle(input.handle)
    if (!distributor || distributor.status !== "active") {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No storefront has the handle '${input.handle}'`)
    }
    return new StepResponse({
      cart_id: cart.id as string,
      distributor_id: distributor.id,
      handle: distributor.handle,
      display_name: distributor.display_name,
      policy: network.getPluginOptions().attribution.policy,
    })
  }
)
