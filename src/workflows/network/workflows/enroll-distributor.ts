import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { validateEnrollmentStep, ValidateEnrollmentInput } from "../steps/validate-enrollment"
import { createDistributorStep } from "../steps/create-distributor"
import { ensureMemberGroupStep } from "../steps/ensure-member-group"
import { addCustomerToMemberGroupStep } from "../steps/add-customer-to-member-group"
import { bindCustomerStep } from "../../attribution/steps/bind-customer"

export const DISTRIBUTOR_ENROLLED_EVENT = "mlm.distributor.enrolled"

export const enrollDistributorWorkflowId = "mlm-enroll-distributor"

/**
 * Enrols a customer as a distributor under a sponsor (sponsor_handle, else the distributor the
 * customer is bound to, else none) and makes them a member.
 * If any step fails, the distributor row and the group membership are rolled back.
 */
export const enrollDistributorWorkflow = createWorkflow(
  enrollDistributorWorkflowId,
  (input: ValidateEnrollmentInput) => {
    const enrollment = validateEnrollmentStep(input)
    const distributor = createDistributorStep(enrollment)
    const groupId = ensureMemberGroupStep()
    addCustomerToMemberGroupStep(
      transform({ distributor, groupId }, ({ distributor, groupId }) => ({
        customer_id: distributor.customer_id,
        group_id: groupId,
      }))
    )
    // A customer who joined under a sponsor is bound to that sponsor (kept if already bound).
    when({ distributor }, ({ distributor }) => !!distributor.sponsor_id).then(() => {
      bindCustomerStep(
        transform({ distributor }, ({ distributor }) => ({
          customer_id: distributor.customer_id,
          distributor_id: distributor.sponsor_id!,
          source: "enrollment" as const,
        }))
      )
    })
    emitEventStep({
      eventName: DISTRIBUTOR_ENROLLED_EVENT,
      data: transform({ distributor }, ({ distributor }) => ({
        id: distributor.id,
        customer_id: distributor.customer_id,
        sponsor_id: distributor.sponsor_id,
      })),
    })
    return new WorkflowResponse(distributor)
  }
)
