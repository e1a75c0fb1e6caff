import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { validateCartReferralStep, ValidateCartReferralInput } from "../steps/validate-cart-referral"
import { recordCartReferralStep } from "../steps/record-cart-referral"

export const recordCartReferralWorkflowId = "mlm-record-cart-referral"

/** A shopper arrived through a distributor's storefront link: remember it on the cart. */
export const recordCartReferralWorkflow = createWorkflow(
  recordCartReferralWorkflowId,
  (input: ValidateCartReferralInput) => {
    const validated = validateCartReferralStep(input)
    const referral = recordCartReferralStep(validated)
    // The visited distributor's name as the validation read it, when the referral follows this visit
    // (under first_touch it may stay with an earlier one: null, the route reads that name).
    return new WorkflowResponse(
      transform({ referral, validated }, ({ referral, validated }) => ({
        ...referral,
        display_name: referral.distributor_id === validated.distributor_id ? validated.display_name : null,
      }))
    )
  }
)
