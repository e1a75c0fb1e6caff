import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { joinAsMemberWorkflow } from "../../../../workflows/network/workflows/join-as-member"
import { answerConflict, resolveNetwork } from "../../../utils/network"
import type { StoreJoinAsMemberType } from "../validators"
import type { JsonOf } from "../../../../types/json"
import type { JoinAnswer } from "../../../../types/store"

/** The logged-in customer becomes a preferred customer: member prices, no distributorship. */
export async function POST(req: AuthenticatedMedusaRequest<StoreJoinAsMemberType>, res: MedusaResponse<JsonOf<JoinAnswer>>) {
  let member
  try {
    const { result } = await joinAsMemberWorkflow(req.scope).run({
      input: { customer_id: req.auth_context.actor_id, sponsor_handle: req.validatedBody.sponsor_handle },
    })
    member = result
  } catch (error) {
    return answerConflict(res, error)
  }
  const sponsor = member.sponsor_id ? await resolveNetwork(req.scope).retrieveDistributor(member.sponsor_id) : null
  res.status(201).json({
    member: {
      customer_id: member.customer_id,
      member_group_id: member.member_group_id,
      sponsor: sponsor ? { handle: sponsor.handle, display_name: sponsor.display_name } : null,
      joined_at: member.created_at,
    },
  })
}
