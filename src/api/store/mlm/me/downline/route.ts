import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { StoreDownlineQueryType } from "../../validators"
import type { StoreDownlineMember } from "../../../../../modules/network/types"

/**
 * The logged-in distributor's downline (only their own), level by level. `next_cursor` continues
 * where the page ended (an opaque keyset: the last member's handle); `offset` still works up to 10,000.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreDownlineQueryType>, res: MedusaResponse) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  const { depth, limit, offset, cursor } = req.validatedQuery as StoreDownlineQueryType
  const after = cursor ? Buffer.from(cursor, "base64url").toString("utf8") : null
  const { members, count, next_after } = await network.listDownline(distributor.id, { maxDepth: depth, limit, offset, after })
  res.json({
    members: members.map((member): StoreDownlineMember => ({
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
    next_cursor: next_after ? Buffer.from(next_after, "utf8").toString("base64url") : null,
  })
}
