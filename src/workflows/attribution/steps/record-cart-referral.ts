import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NETWORK_MODULE } from "../../../modules/network"
import type NetworkModuleService from "../../../modules/network/service"
import type { CartReferralDTO } from "../../../modules/network/types"

export type RecordCartReferralInput = {
  cart_id: string
  distributor_id: string
  handle: string
  policy: "last_touch" | "first_touch"
}

export const recordCartReferralStepId = "record-cart-referral"

/** Adds the touch to the cart's referral; compensation restores the referral as it was (or removes it). */
export const recordCartReferralStep = createStep(
  recordCartReferralStepId,
  async (input: RecordCartReferralInput, { container }) => {
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    // the referral as it was comes back from the same statement (for the compensation)
    const { referral, before } = await network.recordCartReferral(input)
    return new StepResponse(referral, { id: referral.id, before })
  },
  async (undo, { container }) => {
    if (!undo) return
    const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
    if (!undo.before) {
      await network.deleteCartReferrals(undo.id)
      return
    }
    const { distributor_id, handle, source, touches } = undo.before
    await network.updateCartReferrals({ id: undo.id, distributor_id, handle, source, touches: touches as any })
  }
)
