import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { StoreDownlineQueryType } from "../../validators"

/** The logged-in distributor's downline (only their own), level by level, one range query. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreDownlineQueryType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  const { depth, limit, offset } = req.validatedQuery as StoreDownlineQueryType
  const { members, count } = await network.listDownline(distributor.id, { maxDepth: depth, limit, offset })
  res.json({
    members: members.map((member) => ({
      handle: member.handle,
      display_name: member.display_name,
      status: member.status,
      level: member.level,
      sponsor_handle: member.sponsor_handle,
      joined_at: member.enrolled_at,
    })),
    count,
    limit,
    offset,
  })
}
