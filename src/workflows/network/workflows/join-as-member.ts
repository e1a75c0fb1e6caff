import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPreferredCustomerStep, JoinAsMemberInput } from "../steps/create-preferred-customer"
import { ensureMemberGroupStep } from "../steps/ensure-member-group"
import { addCustomerToMemberGroupStep } from "../steps/add-customer-to-member-group"
import { bindCustomerStep } from "../../attribution/steps/bind-customer"

export const joinAsMemberWorkflowId = "mlm-join-as-member"

/** A customer joins the member group as a preferred customer, bound to the sponsor they name. */
export const joinAsMemberWorkflow = createWorkflow(joinAsMemberWorkflowId, (input: JoinAsMemberInput) => {
  const member = createPreferredCustomerStep(input)
  const groupId = ensureMemberGroupStep()
  addCustomerToMemberGroupStep(
    transform({ member, groupId }, ({ member, groupId }) => ({ customer_id: member.customer_id, group_id: groupId }))
  )
  when({ member }, ({ member }) => !!member.sponsor_id).then(() => {
    bindCustomerStep(
      transform({ member }, ({ member }) => ({
        customer_id: member.customer_id,
        distributor_id: member.sponsor_id!,
        source: "enrollment" as const,
      }))
    )
  })
  return new WorkflowResponse(transform({ member, groupId }, ({ member, groupId }) => ({ ...member, member_group_id: groupId })))
})
