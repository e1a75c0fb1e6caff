import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveNetwork } from "../../../../utils/network"
import type { StoreMembership } from "../../../../../modules/network/types"
import type { JsonOf } from "../../../../../types/json"
import type { MembershipAnswer } from "../../../../../types/store"

/**
 * Whether the logged-in customer is a member (member prices): as a preferred customer, or as a
 * distributor. 404 if neither, so an account page knows to offer "Join as a member".
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<MembershipAnswer>>) {
  const network = resolveNetwork(req.scope)
  const customerId = req.auth_context.actor_id
  const distributor = await network.retrieveDistributorByCustomer(customerId)
  const [preferred] = distributor ? [] : await network.listPreferredCustomers({ customer_id: customerId }, { take: 1 })
  if (!distributor && !preferred) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "You have not joined as a member")
  }
  const sponsorId = distributor ? distributor.sponsor_id : preferred.sponsor_id
  const sponsor = sponsorId ? await network.retrieveDistributor(sponsorId) : null
  const member: StoreMembership = {
    as: distributor ? "distributor" : "preferred_customer",
    sponsor: sponsor ? { handle: sponsor.handle, display_name: sponsor.display_name } : null,
    joined_at: distributor ? distributor.enrolled_at : preferred.created_at,
  }
  res.json({ member })
}
