import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateDistributorStep, UpdateDistributorInput } from "../steps/update-distributor"
import { ensureMemberGroupStep } from "../steps/ensure-member-group"
import { removeCustomerFromMemberGroupStep } from "../steps/remove-customer-from-member-group"
import { addCustomerToMemberGroupStep } from "../steps/add-customer-to-member-group"
import { saveDistributorSiteStep } from "../steps/save-distributor-site"
import { refreshDistributorActivityStep } from "../steps/refresh-distributor-activity"

export const updateDistributorWorkflowId = "mlm-update-distributor"

/**
 * Updates a distributor's status or display name, or hides fields of their site from the public
 * page (moderation). A terminated distributor stops being a member
 * (no more wholesale prices); reinstating them makes them a member again.
 */
export const updateDistributorWorkflow = createWorkflow(
  updateDistributorWorkflowId,
  (input: UpdateDistributorInput) => {
    const distributor = updateDistributorStep(input)
    const groupId = ensureMemberGroupStep()
    const membership = transform({ distributor, groupId }, ({ distributor, groupId }) => ({
      customer_id: distributor.customer_id,
      group_id: groupId,
    }))
    when({ input }, ({ input }) => input.status === "terminated").then(() => {
      removeCustomerFromMemberGroupStep(membership)
    })
    when({ input }, ({ input }) => input.status === "active" || input.status === "inactive").then(() => {
      addCustomerToMemberGroupStep(membership)
    })
    when("status-changed", { input }, ({ input }) => input.status !== undefined).then(() => {
      refreshDistributorActivityStep(transform({ input }, ({ input }) => ({ distributor_id: input.id })))
    })
    when("site-fields-hidden", { input }, ({ input }) => input.hidden_site_fields !== undefined).then(() => {
      saveDistributorSiteStep(
        transform({ input }, ({ input }) => ({ distributor_id: input.id, changes: { hidden_fields: input.hidden_site_fields } }))
      )
    })
    return new WorkflowResponse(distributor)
  }
)
