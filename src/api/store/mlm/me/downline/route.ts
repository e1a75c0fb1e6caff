import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { StoreDownlineQueryType } from "../../validators"
import type { StoreDownlineMember } from "../../../../../modules/network/types"
import { membersActivity } from "../../../../utils/volume"
import { isInSubtree } from "../../../../../modules/network/utils/path"
import type { JsonOf } from "../../../../../types/json"
import type { DownlineAnswer } from "../../../../../types/store"

/**
 * The logged-in distributor's downline (only their own), level by level. `next_cursor` continues
 * where the page ended (an opaque keyset: the last member's handle); `offset` still works up to 10,000.
 * `under={handle}` lists below one member of the team instead (levels still count from the asker),
 * so a storefront can open a team tree one member at a time.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreDownlineQueryType>, res: MedusaResponse<JsonOf<DownlineAnswer>>) {
  const network = resolveNetwork(req.scope)
  const distributor = await requireOwnDistributor(network, req.auth_context?.actor_id)
  const { depth, limit, offset, cursor, under } = req.validatedQuery as StoreDownlineQueryType
  let root = distributor
  if (under && under !== distributor.handle) {
    const member = await network.retrieveDistributorByHandle(under)
    // Someone outside the team is answered like no one at all: the route tells nothing about other teams.
    if (!member || !isInSubtree(member.path, distributor.path)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `'${under}' is not in your team`)
    }
    root = member
  }
  const after = cursor ? Buffer.from(cursor, "base64url").toString("utf8") : null
  const { members, count, next_after } = await network.listDownline(root.id, { maxDepth: depth, limit, offset, after })
  const levelsAbove = root.depth - distributor.depth
  const activity = await membersActivity(req.scope, network, members)
  res.json({
    members: members.map((member): StoreDownlineMember => ({
      handle: member.handle,
      display_name: member.display_name,
      status: member.status,
      level: member.level + levelsAbove,
      sponsor_handle: member.sponsor_handle,
      joined_at: member.enrolled_at,
      team_size: member.downline_count,
      active: activity.get(member.id)?.active ?? false,
      pv: activity.get(member.id)?.pv ?? 0,
    })),
    count,
    limit,
    offset,
    next_cursor: next_after ? Buffer.from(next_after, "utf8").toString("base64url") : null,
  })
}
