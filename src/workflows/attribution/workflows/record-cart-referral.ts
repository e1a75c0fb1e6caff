import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { validateCartReferralStep, ValidateCartReferralInput } from "../steps/validate-cart-referral"
import { recordCartReferralStep } from "../steps/record-cart-referral"

export const recordCartReferralWorkflowId = "mlm-record-cart-referral"

/** A shopper arrived through a distributor's storefront link: remember it on the cart. */
export const recordCartReferralWorkflow = createWorkflow(
  recordCartReferralWorkflowId,
  (input: ValidateCartReferralInput) => {
    const validated = validateCartReferralStep(input)
    const referral = recordCartReferralStep(validated)
    return new WorkflowResponse(referral)
  }
)
